import "server-only";
import { connectDb } from "../db/connect";
import { AuditEventModel } from "../db/models/audit-event";
import { RecordModel } from "../db/models/record";
import { TemplateModel } from "../db/models/template";
import { ReminderStateModel } from "../db/models/reminder-state";
import { log } from "../log/log";
import { onRecordsChanged, type WrittenRecord } from "../records/write/records-changed";
import { getByPath } from "../schema/fields";
import type { ResolvedRule } from "../schema/reminder-rules";
import { loadVersion } from "../templates/get-published-template";
import type { PublishedTemplate } from "../templates/types";
import { occurrenceOf, ruleDates, type ReminderWindow, type RuleDate } from "./evaluate-rule";
import { reminderOf } from "./reminder-item";
import { resolvedRules, rulesProjection } from "./resolved-rules";
import type { ReminderItem } from "./types";

/**
 * The 工作台's reminder index: for every live record of a published template, the dates its
 * rules may remind of (ruleDates: conditions held, valid days — whatever today is), kept in this
 * process's memory and updated by every record write as it happens (records-changed.ts), plus
 * what people did with reminders (closed, snoozed). Today's open reminders are then a pass over
 * memory instead of a read of every record that may remind: the first view of a book of
 * 100,000 records, its counts, 更多 and the badge in milliseconds.
 *
 * Built per template version by one read of its live records (at start-up in the background,
 * or when first asked); a new published version builds anew. Writes that arrive while a build
 * reads are replayed after it. Writes by another process — `npm run demo-data` while the app
 * runs, another app server on the same MongoDB — are caught up when next asked (at most every
 * CATCH_UP_MS): the records updated or trashed since the last look (less SKEW_MS for clocks
 * that differ), and those whose audit events say they were written meanwhile without a new
 * updatedAt (a transfer, a verification, a migration) — reads that indexes answer. Reminders
 * closed or snoozed on another server are caught up the same way (reminder_states by `at`).
 * Nothing kept goes back to an older revision of a record. As a last net, an index older than
 * MAX_AGE_MS is rebuilt in the background, serving the old one (caught up) meanwhile. A build
 * that failed is not tried again for RETRY_MS: the callers compute from the records meanwhile.
 * Memory: about 1 KB per record with a date (17 MB of heap at 20,000 demo records,
 * benchmarks/README.md run 16).
 */
const MAX_AGE_MS = 60 * 60_000;
const CATCH_UP_MS = 1_000;
const SKEW_MS = 60_000;
const RETRY_MS = 60_000;
const BATCH = 1000;

/**
 * Thrown when the index does not answer now: switched off, or — for a caller that does not wait
 * (the badge) — still being read. The caller computes from the records, without an error logged.
 */
export class ReminderIndexOff extends Error {
  constructor(why: "off" | "building" = "off") {
    super(why === "off" ? "reminder index switched off (DOSSIER_REMINDER_INDEX=off)" : "reminder index still being read");
  }
}

/**
 * `DOSSIER_REMINDER_INDEX=off` keeps no index: every 工作台 computes from the records, as before
 * it existed (a server short of memory for a very large book; and the tests of that path).
 */
export function reminderIndexOff(): boolean {
  return process.env.DOSSIER_REMINDER_INDEX === "off";
}

/** One record's dates: per rule (its position in the template's rules), the row and the day. */
interface Entry {
  ownerId: string;
  /** The title field's stored value, masked for each reader when shown (titleOfValue). */
  title: unknown;
  dates: (RuleDate & { slot: number })[];
}

interface TemplateIndex {
  key: string;
  version: number;
  rules: ResolvedRule[];
  /** The template's title field, split. */
  titlePath: string[] | null;
  entries: Map<string, Entry>;
  /** The revision kept of every record seen (with dates or not, live or trashed). */
  revs: Map<string, number>;
  /** When its build began: a build begun later replaces it, whatever the versions. */
  builtAt: number;
  /** When the last look at the records began (build or catch-up), by this server's clock. */
  seenUntil: number;
  caughtUpAt: number;
  catchingUp: Promise<void> | null;
}

interface IndexState {
  ready: Map<string, TemplateIndex>;
  /** Builds under way, by `key@version`, with the writes seen meanwhile. */
  building: Map<string, { done: Promise<TemplateIndex>; writes: WrittenRecord[] }>;
  /** Builds that failed, by `key@version`: not tried again before RETRY_MS. */
  failed: Map<string, { at: number; error: Error }>;
  /** Closed or snoozed reminders: hidden while `done`, or until `snoozedUntil`. */
  states: Map<string, { done: boolean; snoozedUntil: string | null }> | null;
  /** When the states were read whole; and when the last look at the changed ones began and ended. */
  statesAt: number;
  statesSeenUntil: number;
  statesCaughtUpAt: number;
  statesLoading: Promise<void> | null;
  statesCatchingUp: boolean;
  /** Reminders handled while the states were being read (whole or the changed ones): applied over what was read. */
  statesMeanwhile: [string, { done: boolean; snoozedUntil: string | null }][];
  listening: boolean;
}

// On globalThis: the app's bundles (pages, route handlers, start-up) share one index.
const KEY = Symbol.for("dossier.reminderIndex");
const state: IndexState =
  ((globalThis as Record<symbol, unknown>)[KEY] as IndexState | undefined) ??
  ((globalThis as Record<symbol, unknown>)[KEY] = { ready: new Map(), building: new Map(), failed: new Map(), states: null, statesAt: 0, statesSeenUntil: 0, statesCaughtUpAt: 0, statesLoading: null, statesCatchingUp: false, statesMeanwhile: [], listening: false } as IndexState);

/** A record's entry for a template's rules, or null when it reminds of nothing (or is in the recycle bin). */
function entryOf(index: Pick<TemplateIndex, "rules" | "titlePath">, ownerId: string, data: unknown, deletedAt: unknown): Entry | null {
  if (deletedAt) return null;
  const dates: Entry["dates"] = [];
  index.rules.forEach((resolved, slot) => {
    for (const at of ruleDates(resolved, data)) dates.push({ slot, ...at });
  });
  return dates.length ? { ownerId, title: index.titlePath ? getByPath(data, index.titlePath) : undefined, dates } : null;
}

function apply(index: TemplateIndex, w: WrittenRecord) {
  // A look that read the record before a later write of this process must not undo it.
  const kept = index.revs.get(w.id);
  if (kept !== undefined && w.revision < kept) return;
  index.revs.set(w.id, w.revision);
  const entry = entryOf(index, w.ownerId, w.data, w.deletedAt);
  if (entry) index.entries.set(w.id, entry);
  else index.entries.delete(w.id);
}

/** Every record write in this process updates the index; a restore (null) drops it. */
function listen() {
  if (state.listening) return;
  state.listening = true;
  onRecordsChanged((written) => {
    if (written === null) {
      state.ready.clear();
      state.failed.clear();
      state.states = null;
      for (const build of state.building.values()) build.writes.push({ templateKey: "", id: "", ownerId: "", data: null, deletedAt: "reset", revision: 0 });
      return;
    }
    for (const w of written) {
      const index = state.ready.get(w.templateKey);
      if (index) apply(index, w);
      for (const [key, build] of state.building) if (key.startsWith(`${w.templateKey}@`)) build.writes.push(w);
    }
  });
}

type StateDoc = { _id: unknown; state?: string; snoozedUntil?: string | null };
const stateOf = (d: StateDoc) => ({ done: d.state === "done", snoozedUntil: d.snoozedUntil ?? null });

/**
 * Loads what people did with reminders (then kept by reminderStateChanged): whole the first time
 * and in the background when older than MAX_AGE_MS; in between, at most every CATCH_UP_MS, those
 * closed or snoozed since the last look (on another app server), a range on the `at` index.
 */
async function loadStates(): Promise<void> {
  const stale = !state.states || Date.now() - state.statesAt > MAX_AGE_MS;
  if (stale && !state.statesLoading) {
    state.statesMeanwhile = [];
    state.statesLoading = (async () => {
      const at = Date.now();
      const docs = await ReminderStateModel.find({}, { state: 1, snoozedUntil: 1 }).lean<StateDoc[]>();
      const states = new Map(docs.map((d) => [String(d._id), stateOf(d)]));
      for (const [id, change] of state.statesMeanwhile) states.set(id, change);
      state.states = states;
      state.statesAt = state.statesSeenUntil = state.statesCaughtUpAt = at;
    })().finally(() => {
      state.statesLoading = null;
      state.statesMeanwhile = [];
    });
  }
  // The first load is waited for; a reread answers from the states kept meanwhile.
  if (!state.states && state.statesLoading) return state.statesLoading;
  const states = state.states;
  if (states && !state.statesLoading && !state.statesCatchingUp && Date.now() - state.statesCaughtUpAt > CATCH_UP_MS) {
    const started = Date.now();
    state.statesCaughtUpAt = started;
    state.statesCatchingUp = true;
    state.statesMeanwhile = [];
    try {
      const docs = await ReminderStateModel.find({ at: { $gte: new Date(state.statesSeenUntil - SKEW_MS) } }, { state: 1, snoozedUntil: 1 }).lean<StateDoc[]>();
      for (const d of docs) states.set(String(d._id), stateOf(d));
      // A reminder this process handled while the read was under way: its change is newer than what was read.
      for (const [id, change] of state.statesMeanwhile) states.set(id, change);
      state.statesSeenUntil = started;
    } finally {
      state.statesCatchingUp = false;
      state.statesMeanwhile = [];
    }
  }
}

/** Notes a reminder closed or snoozed in this process (close-reminder.ts, snooze-reminder.ts). */
export function reminderStateChanged(id: string, change: { done: boolean; snoozedUntil: string | null }): void {
  state.states?.set(id, change);
  if (state.statesLoading || state.statesCatchingUp) state.statesMeanwhile.push([id, change]);
}

/** Reads a template version's live records into a new index. */
async function build(template: PublishedTemplate): Promise<TemplateIndex> {
  const rules = resolvedRules(template);
  const titleField = template.content.list.titleField;
  const now = Date.now();
  const index: TemplateIndex = {
    key: template.key,
    version: template.version,
    rules,
    titlePath: titleField ? titleField.split(".") : null,
    entries: new Map(),
    revs: new Map(),
    builtAt: now,
    seenUntil: now,
    caughtUpAt: now,
    catchingUp: null,
  };
  if (rules.length === 0) return index;
  const cursor = RecordModel.find({ templateKey: template.key, deletedAt: null }, { ...rulesProjection(rules, titleField), revision: 1 })
    .lean<Doc[]>()
    .cursor({ batchSize: BATCH });
  for await (const doc of cursor as AsyncIterable<Doc>) apply(index, writtenOf(template.key, doc));
  return index;
}

type Doc = { _id: unknown; ownerId?: string; data?: unknown; deletedAt?: unknown; revision?: number };
const writtenOf = (templateKey: string, doc: Doc): WrittenRecord => ({
  templateKey,
  id: String(doc._id),
  ownerId: String(doc.ownerId ?? ""),
  data: doc.data ?? {},
  deletedAt: doc.deletedAt ?? null,
  revision: Number(doc.revision ?? 0),
});

/**
 * Brings an index up to the records written by other processes since the last look (less
 * SKEW_MS): those updated (created, edited, restored) or trashed — ranges on the list's
 * `templateKey, deletedAt, updatedAt` index — and those whose audit events say they were written
 * without a new updatedAt (a transfer moves a customer to another agent without it: the old
 * agent must stop seeing the reminder) — a range on the audit events' `at` index, then the
 * records by `_id` alone (so the embedded database answers from its `_id` index), only those
 * not already kept at the event's revision (this process's own writes, and those of the last
 * look, are not read again).
 */
async function catchUp(index: TemplateIndex): Promise<void> {
  const started = Date.now();
  const since = new Date(index.seenUntil - SKEW_MS);
  const projection = { ...rulesProjection(index.rules, index.titlePath?.join(".")), revision: 1 };
  const live = await RecordModel.find({ templateKey: index.key, deletedAt: null, updatedAt: { $gte: since } }, projection).lean<Doc[]>();
  const trashed = await RecordModel.find({ templateKey: index.key, deletedAt: { $gte: since } }, { _id: 1, ownerId: 1, deletedAt: 1, revision: 1 }).lean<Doc[]>();
  const seen = new Set([...live, ...trashed].map((d) => String(d._id)));
  // `entity` is checked here, not in the query: with it, SQLite walks the `entity, entityId, at`
  // index over every record event of the log instead of the `at` range.
  const events = await AuditEventModel.find({ at: { $gte: since }, templateKey: index.key, revision: { $ne: null } }, { entity: 1, entityId: 1, revision: 1 }).lean();
  const newer = new Set<string>();
  for (const e of events) {
    if (e.entity === "record" && !seen.has(e.entityId) && (index.revs.get(e.entityId) ?? -1) < Number(e.revision) && /^[a-f0-9]{24}$/.test(e.entityId)) newer.add(e.entityId);
  }
  const others = [...newer];
  const written: Doc[] = [];
  for (let i = 0; i < others.length; i += BATCH) {
    const docs = await RecordModel.find({ _id: { $in: others.slice(i, i + BATCH) } }, { ...projection, templateKey: 1, deletedAt: 1 }).lean<(Doc & { templateKey?: string })[]>();
    written.push(...docs.filter((d) => d.templateKey === index.key));
  }
  for (const doc of [...live, ...trashed, ...written]) apply(index, writtenOf(index.key, doc));
  index.seenUntil = started;
  index.caughtUpAt = Date.now();
}

/** Catches an index up unless it was a moment ago (one catch-up at a time, shared by every request). */
async function caughtUp(index: TemplateIndex): Promise<void> {
  if (Date.now() - index.caughtUpAt <= CATCH_UP_MS || index.rules.length === 0) return;
  index.catchingUp ??= catchUp(index).finally(() => {
    index.catchingUp = null;
  });
  await index.catchingUp;
}

/** Starts reading a template version's index unless under way; it is kept when done (see templateIndex). */
function startBuild(template: PublishedTemplate): Promise<TemplateIndex> {
  const buildKey = `${template.key}@${template.version}`;
  const running = state.building.get(buildKey);
  if (running) return running.done;
  const writes: WrittenRecord[] = [];
  const started = Date.now();
  const done = build(template)
    .then(async (index) => {
      state.failed.delete(buildKey);
      // Kept unless one begun later is; of another version, only if this one is the version
      // published now (a template restored to an older one; not a request that read the old
      // version just before a publish). Asked before the writes are replayed: no await after.
      const other = state.ready.get(template.key);
      const published = other && other.version !== index.version ? (await TemplateModel.findById(template.key, { currentVersion: 1 }).lean())?.currentVersion : index.version;
      // Writes made while the records were read, in order: the last one of a record wins.
      if (writes.some((w) => w.deletedAt === "reset")) {
        state.ready.delete(template.key);
        return index;
      }
      for (const w of writes) apply(index, w);
      const kept = state.ready.get(template.key);
      if (published === index.version && (!kept || kept.version !== index.version || kept.builtAt <= index.builtAt)) state.ready.set(template.key, index);
      log.info("reminders", `reminder index of ${template.key} v${template.version}: ${index.entries.size} records with dates, ${Date.now() - started} ms`);
      return index;
    })
    .catch((err: unknown) => {
      state.failed.set(buildKey, { at: Date.now(), error: err as Error });
      throw err;
    })
    .finally(() => state.building.delete(buildKey));
  state.building.set(buildKey, { done, writes });
  return done;
}

/**
 * The index of a template's published version: the one kept (caught up), or built now — one
 * build per version at a time; a stale one is rebuilt in the background while it still answers.
 * `wait: false` (the badge) does not wait for a build: it throws ReminderIndexOff("building").
 * A build that failed throws its error again for RETRY_MS (the callers compute from the records).
 */
export async function templateIndex(template: PublishedTemplate, options: { wait?: boolean } = {}): Promise<TemplateIndex> {
  if (reminderIndexOff()) throw new ReminderIndexOff();
  listen();
  await connectDb();
  const kept = state.ready.get(template.key);
  const failed = state.failed.get(`${template.key}@${template.version}`);
  const failedLately = failed !== undefined && Date.now() - failed.at < RETRY_MS;
  const ready = kept !== undefined && kept.version === template.version;
  // Not ready and the caller does not wait: start what is missing (the states too) and say so.
  if (options.wait === false && (!ready || !state.states)) {
    if (failedLately) throw failed.error;
    if (!ready) startBuild(template).catch(() => undefined);
    loadStates().catch(() => undefined);
    throw new ReminderIndexOff("building");
  }
  await loadStates();
  if (kept && ready) {
    if (Date.now() - kept.builtAt >= MAX_AGE_MS && !failedLately) {
      startBuild(template).catch((err: unknown) => log.error("reminders", `reminder index rebuild failed: ${(err as Error).message}`));
    }
    await caughtUp(kept);
    return kept;
  }
  if (failedLately) throw failed.error;
  return startBuild(template);
}

/**
 * A reminder without what depends on the reader beyond the scope: its record's title (kept here as
 * the stored value, `titleValue` — never sent anywhere as it is) and its owner's name.
 */
export type BareReminder = Omit<ReminderItem, "recordTitle" | "ownerName"> & { titleValue: unknown };

/**
 * A template's open reminders in a window from its index: records of the owners given (null: every
 * owner), without those closed or snoozed past today. Unordered. The same reminders
 * listReminders computes from the records (tests/integration/reminder-index.test.ts).
 */
export async function indexedReminders(params: { template: PublishedTemplate; ownerIds: ReadonlySet<string> | null; window: ReminderWindow; wait?: boolean }): Promise<BareReminder[]> {
  const { template, ownerIds, window } = params;
  const index = await templateIndex(template, { wait: params.wait });
  const states = state.states;
  const out: BareReminder[] = [];
  for (const [recordId, entry] of index.entries) {
    if (ownerIds && !ownerIds.has(entry.ownerId)) continue;
    for (const at of entry.dates) {
      const resolved = index.rules[at.slot];
      const o = occurrenceOf(resolved, at, window);
      if (!o) continue;
      const item = reminderOf(template, resolved, recordId, entry.ownerId, o) as BareReminder;
      const handled = states?.get(item.id);
      if (handled && (handled.done || (handled.snoozedUntil ?? "") > window.today)) continue;
      // Set on the item itself: a copy of each of 60,000 reminders with it spread in cost as much as building them.
      item.titleValue = entry.title;
      out.push(item);
    }
  }
  return out;
}

/** Drops every index kept (tests, and a switch to compare with the records' own answer). */
export function resetReminderIndex(): void {
  state.ready.clear();
  state.failed.clear();
  state.states = null;
}

/** Whether a template version's index is kept (for tests and the benchmark). */
export function reminderIndexReady(template: { key: string; version: number }): boolean {
  return state.ready.get(template.key)?.version === template.version;
}

/**
 * Builds every published template's index (or one template's) in the background of a start
 * (lib/bootstrap.ts) or a publish, so the first 工作台 answers from memory. Failures are logged:
 * the index is then built when first asked.
 */
export async function warmReminderIndex(templateKey?: string): Promise<void> {
  if (reminderIndexOff()) return;
  try {
    await connectDb();
    const templates = await TemplateModel.find({ currentVersion: { $gte: 1 }, ...(templateKey ? { _id: templateKey } : {}) }, { currentVersion: 1 }).lean();
    for (const t of templates) await templateIndex(await loadVersion(String(t._id), t.currentVersion));
  } catch (err) {
    log.error("reminders", `reminder index not built: ${(err as Error).message}`);
  }
}
