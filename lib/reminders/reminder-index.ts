import "server-only";
import { connectDb } from "../db/connect";
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
 * that differ), two reads an index answers. Nothing kept goes back to an older revision of a
 * record. As a last net, an index older than MAX_AGE_MS is rebuilt in the background, serving
 * the old one meanwhile. Memory: about 1 KB per record with a date (17 MB of heap at 20,000 demo
 * records, benchmarks/README.md run 16).
 */
const MAX_AGE_MS = 60 * 60_000;
const CATCH_UP_MS = 1_000;
const SKEW_MS = 60_000;
const BATCH = 1000;

/** Thrown when the index is switched off: the 工作台 then computes from the records, without an error logged. */
export class ReminderIndexOff extends Error {
  constructor() {
    super("reminder index switched off (DOSSIER_REMINDER_INDEX=off)");
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
  /** Closed or snoozed reminders: hidden while `done`, or until `snoozedUntil`. */
  states: Map<string, { done: boolean; snoozedUntil: string | null }> | null;
  statesAt: number;
  statesLoading: Promise<void> | null;
  /** Reminders handled while the states were being read: applied over what was read. */
  statesMeanwhile: [string, { done: boolean; snoozedUntil: string | null }][];
  listening: boolean;
}

// On globalThis: the app's bundles (pages, route handlers, start-up) share one index.
const KEY = Symbol.for("dossier.reminderIndex");
const state: IndexState =
  ((globalThis as Record<symbol, unknown>)[KEY] as IndexState | undefined) ??
  ((globalThis as Record<symbol, unknown>)[KEY] = { ready: new Map(), building: new Map(), states: null, statesAt: 0, statesLoading: null, statesMeanwhile: [], listening: false } as IndexState);

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

/**
 * Loads what people did with reminders (then kept by reminderStateChanged); reread in the
 * background when older than MAX_AGE_MS (reminders handled on another app server).
 */
async function loadStates(): Promise<void> {
  const stale = !state.states || Date.now() - state.statesAt > MAX_AGE_MS;
  if (stale && !state.statesLoading) {
    state.statesMeanwhile = [];
    state.statesLoading = (async () => {
      const at = Date.now();
      const docs = await ReminderStateModel.find({}, { state: 1, snoozedUntil: 1 }).lean();
      const states = new Map(docs.map((d) => [String(d._id), { done: d.state === "done", snoozedUntil: d.snoozedUntil ?? null }]));
      for (const [id, change] of state.statesMeanwhile) states.set(id, change);
      state.states = states;
      state.statesAt = at;
    })().finally(() => {
      state.statesLoading = null;
      state.statesMeanwhile = [];
    });
  }
  // The first load is waited for; a reread answers from the states kept meanwhile.
  if (!state.states && state.statesLoading) await state.statesLoading;
}

/** Notes a reminder closed or snoozed in this process (close-reminder.ts, snooze-reminder.ts). */
export function reminderStateChanged(id: string, change: { done: boolean; snoozedUntil: string | null }): void {
  state.states?.set(id, change);
  if (state.statesLoading) state.statesMeanwhile.push([id, change]);
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
  for await (const doc of cursor as AsyncIterable<Doc>) apply(index, written(template.key, doc));
  return index;
}

type Doc = { _id: unknown; ownerId?: string; data?: unknown; deletedAt?: unknown; revision?: number };
const written = (templateKey: string, doc: Doc): WrittenRecord => ({
  templateKey,
  id: String(doc._id),
  ownerId: String(doc.ownerId ?? ""),
  data: doc.data ?? {},
  deletedAt: doc.deletedAt ?? null,
  revision: Number(doc.revision ?? 0),
});

/**
 * Brings an index up to the records written by other processes: those updated (created, edited,
 * restored, transferred) or trashed since the last look, less SKEW_MS. Each read is a range on an
 * index the list keeps (`templateKey, deletedAt, updatedAt`).
 */
async function catchUp(index: TemplateIndex): Promise<void> {
  const started = Date.now();
  const since = new Date(index.seenUntil - SKEW_MS);
  const projection = { ...rulesProjection(index.rules, index.titlePath?.join(".")), revision: 1 };
  const live = await RecordModel.find({ templateKey: index.key, deletedAt: null, updatedAt: { $gte: since } }, projection).lean<Doc[]>();
  const trashed = await RecordModel.find({ templateKey: index.key, deletedAt: { $gte: since } }, { _id: 1, ownerId: 1, deletedAt: 1, revision: 1 }).lean<Doc[]>();
  for (const doc of [...live, ...trashed]) apply(index, written(index.key, doc));
  index.seenUntil = started;
  index.caughtUpAt = Date.now();
}

/**
 * The index of a template's published version: the one kept, or built now (one build per version
 * at a time; a stale one is rebuilt in the background while it still answers).
 */
export async function templateIndex(template: PublishedTemplate): Promise<TemplateIndex> {
  if (reminderIndexOff()) throw new ReminderIndexOff();
  listen();
  await connectDb();
  await loadStates();
  const kept = state.ready.get(template.key);
  const fresh = kept && kept.version === template.version && Date.now() - kept.builtAt < MAX_AGE_MS;
  if (fresh) {
    if (Date.now() - kept.caughtUpAt > CATCH_UP_MS && kept.rules.length > 0) {
      kept.catchingUp ??= catchUp(kept).finally(() => {
        kept.catchingUp = null;
      });
      await kept.catchingUp;
    }
    return kept;
  }
  const buildKey = `${template.key}@${template.version}`;
  let running = state.building.get(buildKey);
  if (!running) {
    const writes: WrittenRecord[] = [];
    const started = Date.now();
    const done = build(template)
      .then((index) => {
        // Writes made while the records were read, in order: the last one of a record wins.
        if (writes.some((w) => w.deletedAt === "reset")) {
          state.ready.delete(template.key);
          return index;
        }
        for (const w of writes) apply(index, w);
        const current = state.ready.get(template.key);
        if (!current || current.version <= index.version) state.ready.set(template.key, index);
        log.info("reminders", `reminder index of ${template.key} v${template.version}: ${index.entries.size} records with dates, ${Date.now() - started} ms`);
        return index;
      })
      .finally(() => state.building.delete(buildKey));
    running = { done, writes };
    state.building.set(buildKey, running);
  }
  // The same version kept but old: answer from it; the rebuild replaces it when done.
  if (kept && kept.version === template.version) {
    running.done.catch((err: unknown) => log.error("reminders", `reminder index rebuild failed: ${(err as Error).message}`));
    return kept;
  }
  return running.done;
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
export async function indexedReminders(params: { template: PublishedTemplate; ownerIds: ReadonlySet<string> | null; window: ReminderWindow }): Promise<BareReminder[]> {
  const { template, ownerIds, window } = params;
  const index = await templateIndex(template);
  const states = state.states;
  const out: BareReminder[] = [];
  for (const [recordId, entry] of index.entries) {
    if (ownerIds && !ownerIds.has(entry.ownerId)) continue;
    for (const at of entry.dates) {
      const resolved = index.rules[at.slot];
      const o = occurrenceOf(resolved, at, window);
      if (!o) continue;
      const item = reminderOf(template, resolved, recordId, entry.ownerId, o);
      const handled = states?.get(item.id);
      if (handled && (handled.done || (handled.snoozedUntil ?? "") > window.today)) continue;
      out.push({ ...item, titleValue: entry.title });
    }
  }
  return out;
}

/** Drops every index kept (tests, and a switch to compare with the records' own answer). */
export function resetReminderIndex(): void {
  state.ready.clear();
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
