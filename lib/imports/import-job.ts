import "server-only";
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { writeAuditEvent } from "../audit/write-audit-event";
import { roleCan, type Actor } from "../auth/roles";
import { AuditEventModel } from "../db/models/audit-event";
import { ImportModel, ImportRowModel, ImportSeenModel, type ImportDoc } from "../db/models/import";
import { ignoreDuplicates } from "../db/duplicate-inserts";
import { RecordModel } from "../db/models/record";
import { UserModel } from "../db/models/user";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg, translate } from "../i18n/messages";
import { JobModel } from "../db/models/job";
import { jobId as jobIdOf, type Job, type JobKind } from "../jobs/job-kind";
import { EVERY_RECORD, recordsFilter } from "../records/records-filter";
import { resolveScope } from "../records/resolve-scope";
import { prepareRecords, storeRecords, type PreparedRecords } from "../records/write/create-records";
import { claimedForUnstored, recordsHolding } from "../records/write/unique-claims";
import { writeRecord } from "../records/write/write-record";
import { getByPath } from "../schema/fields";
import { getPublishedTemplate } from "../templates/get-published-template";
import type { PublishedTemplate } from "../templates/types";
import { cellText, isBlank } from "./cells";
import { columnLetters } from "./exceljs-cell-refs";
import { columnReason, evaluateGroup, mergeInto, type EvaluateContext, type Group, type GroupOutcome, type RowVerdict, type Verdict } from "./evaluate-group";
import { resolveChoices, type ResolvedChoices } from "./import-settings";
import { importChoices, importSource } from "./import-source";
import { refuseOrphan, withBlankUnderHint } from "./grouping-reasons";
import { GROUPING_VERSION, scanGroups, type GroupScan, type RowEnds, type ScannedGroup, type SheetNotes, type SkippedRow } from "./scan-groups";
import { rowPhrase, sentence } from "./sheet-joins";
import { recordsPerBatch } from "./batch-size";
import { revertChanges } from "./undo-job";
import { auditChanges } from "../audit/audit-changes";

export const IMPORT_KIND = "import";

/** A check (dry run: verdicts only) or the run itself. */
export type ImportPhase = "check" | "run";

export interface ImportJobParams {
  importId: string;
  phase: ImportPhase;
  locale: Locale;
}

/** In a view, a joined table sheet's row: its sheet and its row there (`row` is 10000003 for 缴费记录 row 3, see ROW_SPAN). */
export interface SheetPlace {
  sheet?: string;
  sheetRow?: number;
}

/** Rows per verdict, records written, and a few rows of each verdict to show. */
export interface ImportJobState {
  /** Records handled: the next batch starts after as many records of the file, as `grouping` finds them. */
  groups?: number;
  /** The grouping (groupingHash) that `groups` counts records of: in another, the count says nothing. */
  grouping?: string;
  /**
   * This pass over the file started again from its first record (the grouping had changed): any
   * of its batches may hold records an earlier pass wrote, not only the first after a restart.
   */
  again?: true;
  rows?: Partial<Record<Verdict, number>>;
  records?: Partial<Record<"created" | "updated" | "unchanged", number>>;
  samples?: (RowVerdict & { cells: string[] } & SheetPlace)[];
  /** Rows with something in them that are no data (a header repeated below, a note in a column nobody maps): counted in the progress, not in `rows`. */
  skipped?: number;
  /** The first of them, each with why (第 12 行是重复的表头，已跳过). */
  skippedRows?: ({ row: number; reason: string } & SheetPlace)[];
  /** Rows taken as they are that a person should know about (a new record whose key a record in the recycle bin holds): how many. */
  notices?: number;
  /** The first of them, each with what to know. */
  noticeRows?: ({ row: number; reason: string } & SheetPlace)[];
  /**
   * What the whole file's data rows hold that a person should know (rows and mapped columns hidden
   * in Excel: imported; columns nobody maps or under no title holding something: not imported), from the first pass
   * over the file: known from the first batch on, bounded whatever the file's size.
   */
  sheetNotes?: SheetNotes;
}

type ImportJob = Job<ImportJobParams, ImportJobState>;

const SAMPLES_PER_VERDICT = 5;
/** How many skipped rows a check or run names (all are counted). */
const SKIPPED_NAMED = 20;

/** Why a row was skipped, in the import's language. */
function skippedReason(row: SkippedRow, titles: string[], locale: Locale, rowName: (row: number) => string): string {
  if ("header" in row) return sentence(translate(locale, "imports.repeatedHeader", { row: rowName(row.row) }));
  const columns = row.columns.map((i) => `「${titles[i] || columnLetters(i + 1)}」`).join("");
  return sentence(columns ? translate(locale, "imports.noteOnlyRow", { row: rowName(row.row), columns }) : translate(locale, "imports.noteOnlyRowOutside", { row: rowName(row.row) }));
}

/** The sheet's notes as import.run's audit event counts them: hidden rows, hidden mapped columns, unmapped columns and columns under no title holding something. */
function sheetNoteCounts(notes: SheetNotes | undefined) {
  return {
    ...(notes?.hiddenRows ? { hiddenRows: notes.hiddenRows.count } : {}),
    ...(notes?.hiddenColumns ? { hiddenColumns: notes.hiddenColumns.length } : {}),
    ...(notes?.unmapped ? { unmappedColumns: notes.unmapped.length } : {}),
    ...(notes?.untitled ? { untitledColumns: notes.untitled.length + (notes.untitledMore ?? 0) } : {}),
  };
}

/** The job id of an import's n-th check or its run. */
export const importJobId = (importId: string, phase: ImportPhase, n = 0) => (phase === "run" ? `${importId}:run` : `${importId}:check:${n}`);

/**
 * The id of a record an import creates: derived from the import and the record's key (or its
 * first row), so that a batch run again after a crash finds the records it made instead of
 * making them twice.
 */
export const importedRecordId = (importId: string, group: Group) =>
  createHash("sha256")
    .update(`${importId}\n${group.key !== null ? `k:${group.key}` : `r:${group.rows[0].row}`}`)
    .digest("hex")
    .slice(0, 24);

/** The person who started the import, as they are now: a deactivated user's import stops. */
async function starter(job: ImportJob): Promise<Actor> {
  const user = await UserModel.findById(job.createdBy).lean();
  if (!user || user.active === false) throw new DomainError("FORBIDDEN", msg("auth.forbidden"));
  return { id: String(user._id), name: user.name, email: user.email, role: user.role };
}

/**
 * What decides where the file's records end: the stored upload (its path, size and time), how it
 * is read (sheet, encoding, separator, header row), which columns fill the record and which holds the key, the
 * template version and language the key is converted with, and the grouping rules themselves
 * (GROUPING_VERSION: a release that changes them must not resume a run by a count made under the old ones).
 */
async function groupingHash(imp: ImportDoc, template: PublishedTemplate, choices: ResolvedChoices, locale: Locale): Promise<string> {
  const file = await stat(imp.filePath).catch((err: NodeJS.ErrnoException) => {
    // A database restored from a backup elsewhere: the job is there, its upload is not.
    if (err.code === "ENOENT") throw new DomainError("BAD_REQUEST", msg("imports.uploadMissing"));
    throw err;
  });
  const columns = choices.columns.map((t) => (t ? [t.path, t.table ? 1 : 0] : null));
  const basis = [GROUPING_VERSION, imp.filePath, file.size, file.mtimeMs, imp.format, imp.sheet, imp.encoding, imp.delimiter ?? null, imp.headerRow ?? null, imp.joins ?? [], imp.joinKey ?? null, template.key, template.version, locale, columns, choices.keyTarget?.path ?? null];
  return createHash("sha256").update(JSON.stringify(basis)).digest("hex");
}

/**
 * What the sheet's notes (SheetNotes) say, as kept with the row ends: raised when they say more.
 * 2: the columns right of the header's last title holding something (`untitled`).
 */
const SHEET_NOTES_VERSION = 2;

/**
 * The row ends kept for this grouping, if the import has them. Kept without the sheet's notes, or
 * with notes that say less (by a release before them: SHEET_NOTES_VERSION), they are found again:
 * the first pass runs once more, the records and their order are the same (no new
 * GROUPING_VERSION: a run resumed across the release goes on).
 */
function keptRowEnds(imp: ImportDoc, hash: string): RowEnds | undefined {
  const kept = imp.rowEnds as { hash?: string; rows?: number; ends?: string; skipped?: number; notes?: SheetNotes; notesVersion?: number } | null;
  if (!kept || kept.hash !== hash || typeof kept.rows !== "number" || typeof kept.ends !== "string" || !kept.notes || typeof kept.notes !== "object" || kept.notesVersion !== SHEET_NOTES_VERSION) return undefined;
  const ends = new Uint8Array(Buffer.from(kept.ends, "base64"));
  return ends.length === Math.ceil(kept.rows / 8) ? { rows: kept.rows, ends, skipped: kept.skipped ?? 0, notes: kept.notes } : undefined;
}

/** An open pass over the file, kept between batches of the same job in this process. */
interface Session {
  scan: GroupScan;
  /** Records handed to finished batches; NaN while a batch is under way (a failed batch's session is not reused). */
  emitted: number;
  /** The next batch, read from the file and judged while this batch writes (the run only). */
  ahead?: Promise<Judged>;
  /** Values of unique fields seen in the file so far (value → first row), for in-file duplicates. */
  seen: Map<string, number>;
  /** Record keys with letters seen in the file so far, by their upper case (→ as written, first row): a key differing only in case is said. */
  keysByCase?: Map<string, { key: string; row: number }>;
  /**
   * The place of the next record the pass hands out (records read from it, the skipped ones
   * counted), and whether it skipped records handled before it: the values those took are not in
   * `seen` but in ImportSeenModel only.
   */
  read: number;
  resumed: boolean;
  /** The grouping of this pass (groupingHash). */
  grouping: string;
  /**
   * How many more batches of this pass may hold records an earlier pass wrote: the first after a
   * restart (the batch under way when the server stopped, or one that failed), or — in a pass
   * started again because the grouping changed — all of them.
   */
  recover: number;
}
const sessions = new Map<string, Session>();
/** Per job let go of (`release`), the batch it was judging ahead, until that ends: it may still note values seen (ImportSeenModel). */
const settling = new Map<string, Promise<unknown>>();

/**
 * Removes what a cancelled check or run noted of the values it has seen (ImportSeenModel), kept
 * only to resume it: a cancelled job never goes on (only a failed run is started again). Waits for
 * the batch it was judging ahead, which may still note some, to end.
 */
export async function forgetSeenValues(jobId: string): Promise<void> {
  await settling.get(jobId);
  await ImportSeenModel.deleteMany({ jobId });
}

/**
 * Removes what an import's earlier checks stopped by an error or cancelled noted of the values
 * they had seen: a new check replaces them, and nothing starts a failed check again.
 */
export async function forgetEndedChecks(importId: string): Promise<void> {
  const prefix = jobIdOf(IMPORT_KIND, `${importId}:check:`).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const ended = await JobModel.find({ _id: { $regex: `^${prefix}` }, status: { $in: ["failed", "cancelled"] } }, { _id: 1 }).lean();
  for (const job of ended) await forgetSeenValues(job._id);
}

/** Ends a session's pass over the file (its reader closes the file) and forgets the batch it read ahead. */
function closeSession(session: Session | undefined): void {
  if (!session) return;
  session.ahead?.catch(() => undefined);
  session.ahead = undefined;
  void session.scan.close().catch(() => undefined);
}

/**
 * Stored live records the groups' keys name, by key, within the importer's data scope; and the
 * keys held by records outside it, whose rows are refused (an update may not reach them, and a
 * create would collide with their unique key).
 */
async function storedByKey(actor: Actor, template: PublishedTemplate, choices: ResolvedChoices, groups: Group[]) {
  const found = new Map<string, { _id: unknown; revision: number; data: Record<string, unknown> }>();
  const outside = new Set<string>();
  const key = choices.keyTarget;
  const keys = groups.map((g) => g.key).filter((k): k is string => k !== null);
  if (!key || keys.length === 0) return { found, outside };
  const scope = await resolveScope(actor, template);
  // Through the key's unique claims (key fields are x-unique): one indexed lookup per key, where a
  // query on the field would read every record of the template for every batch.
  const docs = await recordsHolding<{ _id: unknown; revision: number; data?: Record<string, unknown> }>({
    templateKey: template.key,
    field: key.field,
    values: keys,
    filter: recordsFilter({ actor, templateKey: template.key, trash: "live", scope }),
    projection: { data: 1, revision: 1 },
  });
  for (const [k, doc] of docs) found.set(k, { _id: doc._id, revision: doc.revision, data: (doc.data ?? {}) as Record<string, unknown> });
  const missing = keys.filter((k) => !found.has(k));
  if (scope.ownerIds && missing.length) {
    const elsewhere = await recordsHolding({ templateKey: template.key, field: key.field, values: missing, filter: recordsFilter({ actor, templateKey: template.key, trash: "live", scope: EVERY_RECORD }), projection: { _id: 1 } });
    // Stored between the two lookups (another import of the same records inserting them just now),
    // not outside the scope: looked for within it again (its key read as out of scope, P26).
    const late = elsewhere.size ? await recordsHolding<{ _id: unknown; revision: number; data?: Record<string, unknown> }>({ templateKey: template.key, field: key.field, values: [...elsewhere.keys()], filter: recordsFilter({ actor, templateKey: template.key, trash: "live", scope }), projection: { data: 1, revision: 1 } }) : new Map();
    for (const k of elsewhere.keys()) {
      const doc = late.get(k);
      if (doc) found.set(k, { _id: doc._id, revision: doc.revision, data: (doc.data ?? {}) as Record<string, unknown> });
      else outside.add(k);
    }
  }
  return { found, outside };
}

/**
 * Values of the other unique fields that stored records already hold (a create would be refused),
 * and that earlier rows of the file hold. Marks such groups rejected, naming the field and row.
 * `made`: groups whose records this import stored before a restart — they hold their values
 * themselves (or gave them up since): only noted, for the rows after them.
 */
async function uniqueProblems(job: ImportJob, actor: Actor, template: PublishedTemplate, choices: ResolvedChoices, judged: { groups: Group[]; at: number }, outcomes: GroupOutcome[], made: Map<number, unknown>, session: Session, rowName: (row: number) => string) {
  const { groups, at } = judged;
  const { locale } = job.params;
  const noted: { _id: string; jobId: string; row: number; at: number }[] = [];
  for (const target of uniqueTargets(choices)) {
    // Per value, every group of the batch that would create a record with it, in file order (the
    // second of two in one batch is a duplicate of the first, as it is across batches).
    const wanted = new Map<string, number[]>();
    groups.forEach((g, i) => {
      if (outcomes[i].verdict !== "create") return;
      const value = g.rows.map((r) => r.fields.get(target!.path)).find((v) => v !== undefined);
      if (value !== undefined) wanted.set(String(value), [...(wanted.get(String(value)) ?? []), i]);
    });
    if (wanted.size === 0) continue;
    const taken = await recordsHolding({ templateKey: template.key, field: target!.field, values: [...wanted.keys()], filter: recordsFilter({ actor, templateKey: template.key, trash: "live", scope: EVERY_RECORD }), projection: { data: 1 } });
    const takenValues = new Set(taken.keys());
    const seenId = (value: string) => `${job._id}\n${target!.path}\n${value}`;
    // Resumed: values the records before the restart took, as the job noted them (those noted by
    // a record of this batch or after it, judged before the restart, are its own or later).
    const before = session.resumed ? await ImportSeenModel.find({ _id: { $in: [...wanted.keys()].map(seenId) } }).lean() : [];
    const noteOf = new Map(before.map((d) => [d._id, d]));
    for (const [value, i] of [...wanted].flatMap(([v, is]) => is.map((g) => [v, g] as const))) {
      const note = noteOf.get(seenId(value));
      const seenAt = session.seen.get(`${target!.path}\n${value}`) ?? (note && note.at < at + i ? note.row : undefined);
      // An earlier row of the file first: the record it makes may or may not be stored yet (the
      // run judges a batch while the one before writes), and the dry run, which stores nothing,
      // must say the same.
      // Without a record key a stored record holding the value is the row's record already (the
      // same file imported again): a duplicate of it, as "only add" says of a key that exists.
      // With a key the row is another record, and the value is taken.
      const taken = !made.has(i) && seenAt === undefined && takenValues.has(value);
      const verdict = made.has(i) ? null : seenAt !== undefined ? "duplicate" : taken ? (choices.keyTarget ? "reject" : "duplicate") : null;
      const reason =
        seenAt !== undefined
          ? translate(locale, "imports.duplicateUnique", { field: target!.title, value, other: rowName(seenAt) })
          : taken
            ? translate(locale, choices.keyTarget ? "imports.uniqueTaken" : "imports.existsNoKey", { field: target!.title, value })
            : null;
      if (verdict) outcomes[i] = { verdict, rows: groups[i].rows.map((r) => ({ row: r.row, verdict, reason: reason! })) };
      else if (seenAt === undefined) {
        session.seen.set(`${target!.path}\n${value}`, groups[i].rows[0].row);
        noted.push({ _id: seenId(value), jobId: job._id, row: groups[i].rows[0].row, at: at + i });
      }
    }
  }
  if (noted.length) await ImportSeenModel.insertMany(noted, { ordered: false }).catch(ignoreDuplicates);
}

/**
 * New records whose key a record in the recycle bin holds (its unique values were released when it
 * was deleted, so a replacement may take them): created all the same, as the form would, but said
 * on the row — restoring the old record afterwards is refused, its key being taken (tester round 6).
 */
async function trashedKeys(actor: Actor, template: PublishedTemplate, choices: ResolvedChoices, groups: Group[], outcomes: GroupOutcome[], locale: Locale): Promise<void> {
  const key = choices.keyTarget;
  if (!key) return;
  const wanted = new Map<string, number>();
  groups.forEach((g, i) => {
    if (g.key !== null && outcomes[i].verdict === "create") wanted.set(g.key, i);
  });
  if (!wanted.size) return;
  const path = `data.${key.field.segments.join(".")}`;
  const restorer = roleCan(actor.role, "record.restore");
  // The key's value as the record holds it: the file's text converted as the field stores it (a number for a number key).
  const values = [...wanted.keys()].flatMap((k) => {
    const v = groups[wanted.get(k)!].rows.map((r) => r.fields.get(key.path)).find((x) => x !== undefined);
    return v === undefined ? [] : [v];
  });
  if (!values.length) return;
  const docs = (await RecordModel.find({ templateKey: template.key, deletedAt: { $ne: null }, [path]: { $in: values } }, { [path]: 1, deletedAt: 1, deletedByName: 1 }).lean()) as { data?: unknown; deletedAt?: Date | null; deletedByName?: string | null }[];
  for (const doc of docs) {
    const held = getByPath(doc.data, key.field.segments);
    const i = wanted.get(String(held));
    if (i === undefined) continue;
    const row = outcomes[i].rows.find((r) => r.verdict === "create");
    if (!row) continue;
    const when = doc.deletedAt instanceof Date ? doc.deletedAt.toISOString().slice(0, 10) : "";
    // Who deleted it and how to restore it only to whoever may open the recycle bin (an agent may
    // not: they are told the key belonged to a deleted record and whom to ask).
    row.notice = restorer
      ? translate(locale, "imports.keyInTrash", { field: key.title, value: String(held), by: String(doc.deletedByName ?? ""), date: when })
      : translate(locale, "imports.keyInTrashAsk", { field: key.title, value: String(held) });
  }
}

/**
 * New records whose key differs from another only in upper and lower case (pa2023002 under
 * PA2023002: the same policy typed twice, most likely): created — a key is compared as written —
 * but said on the row, naming the earlier row or the stored record's key (tester round 7).
 */
async function caseTwins(actor: Actor, template: PublishedTemplate, choices: ResolvedChoices, groups: Group[], outcomes: GroupOutcome[], session: Session, locale: Locale, rowName: (row: number) => string): Promise<void> {
  const key = choices.keyTarget;
  if (!key) return;
  const byCase = (session.keysByCase ??= new Map());
  const said = (i: number, other: string) => {
    const row = outcomes[i].rows.find((r) => r.verdict === "create");
    if (row) row.notice = [row.notice, translate(locale, "imports.keyCaseTwin", { field: key.title, value: groups[i].key!, other })].filter(Boolean).join(translate(locale, "format.clauseSeparator"));
  };
  const variants = new Map<string, number[]>();
  groups.forEach((g, i) => {
    if (g.key === null || !/[a-z]/i.test(g.key)) return;
    const upper = g.key.toUpperCase();
    const first = byCase.get(upper);
    if (!first) byCase.set(upper, { key: g.key, row: g.rows[0].row });
    else if (first.key !== g.key && outcomes[i].verdict === "create") said(i, translate(locale, "imports.keyCaseTwinRow", { row: rowName(first.row), value: first.key }));
    if (outcomes[i].verdict !== "create") return;
    for (const v of new Set([upper, g.key.toLowerCase()])) if (v !== g.key) variants.set(v, [...(variants.get(v) ?? []), i]);
  });
  if (!variants.size) return;
  const stored = await recordsHolding({ templateKey: template.key, field: key.field, values: [...variants.keys()], filter: recordsFilter({ actor, templateKey: template.key, trash: "live", scope: EVERY_RECORD }), projection: { _id: 1 } });
  for (const [value, at] of variants) if (stored.has(value)) for (const i of at) said(i, translate(locale, "imports.keyCaseTwinStored", { value }));
}

/** The unique fields other than the key that the file fills: a value two of its records give is a duplicate. */
const uniqueTargets = (choices: ResolvedChoices) => choices.columns.filter((t) => t && !t.table && t.field.schema["x-unique"] === true && t !== choices.keyTarget);


/** The next batch's records from an open pass over the file, and the place of its first. */
async function readGroups(session: Session): Promise<{ groups: ScannedGroup[]; exhausted: boolean; at: number }> {
  const { scan } = session;
  const at = session.read;
  const groups: ScannedGroup[] = [];
  const size = recordsPerBatch(scan.rows);
  let exhausted = false;
  while (groups.length < size) {
    const next = await scan.groups.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    groups.push(next.value);
  }
  session.read += groups.length;
  return { groups, exhausted, at };
}

/** What a batch needs to judge its records. */
interface JudgeContext {
  job: ImportJob;
  imp: ImportDoc;
  actor: Actor;
  template: PublishedTemplate;
  choices: ResolvedChoices;
  session: Session;
}

/** A batch's records with their verdicts, and in the run its new records prepared for the records service. */
interface Judged {
  groups: ScannedGroup[];
  /** The rows the pass skipped before these records' last rows (or after, in the last batch). */
  skipped: SkippedRow[];
  exhausted: boolean;
  outcomes: GroupOutcome[];
  stored: Map<string, { _id: unknown; revision: number; data: Record<string, unknown> }>;
  /** The groups whose records `prepared` creates, in its order. */
  creates: number[];
  prepared?: PreparedRecords;
  /** What the verdicts were decided by: a batch judged ahead is used only while these hold. */
  templateVersion: number;
  actorId: string;
  actorRole: string;
}

/** What the verdicts of an import's records are decided by (evaluateGroup), and the reasons of its grouping named with. */
function judging(imp: ImportDoc, template: PublishedTemplate, choices: ResolvedChoices, locale: Locale) {
  const joins = importSource(imp).joins ?? [];
  const ctx: EvaluateContext = { schema: template.content.schema, targets: choices.targets, titles: imp.headers, keyTarget: choices.keyTarget, mode: choices.mode, locale, constants: new Set(choices.constants.keys()), rowName: (row) => rowPhrase(locale, row, joins), sheets: joins.map((j) => j.sheet) };
  return { ctx, reasonContext: { columns: choices.columns, keyTarget: choices.keyTarget, titles: imp.headers, locale } };
}

/**
 * Reads the next batch's records from the session's pass over the file, looks up the stored
 * records their keys name, decides every row's verdict and, in the run, prepares the new records
 * (the records service's checks: permission, validation, diff, hooks). Nothing is written.
 */
async function judge({ job, imp, actor, template, choices, session }: JudgeContext): Promise<Judged> {
  const { importId, phase, locale } = job.params;
  const { groups, exhausted, at } = await readGroups(session);
  const skipped = session.scan.takeSkipped();
  const { ctx, reasonContext } = judging(imp, template, choices, locale);
  const { found: stored, outside } = await storedByKey(actor, template, choices, groups);
  const outcomes: GroupOutcome[] = groups.map((g) => {
    const orphan = refuseOrphan(g, reasonContext);
    if (orphan) return orphan;
    // A key cell that holds something unreadable (#N/A) is not missing: its own reason says what is wrong with it.
    if (choices.keyTarget && g.key === null && choices.mode !== "create" && isBlank(g.cells.get(g.rows[0].row)?.[choices.columns.indexOf(choices.keyTarget)])) {
      const reason = translate(locale, "imports.missingKey", { field: choices.keyTarget.title });
      return { verdict: "reject" as const, rows: g.rows.map((r) => ({ row: r.row, verdict: "reject" as const, reason })) };
    }
    if (choices.keyTarget && g.key !== null && outside.has(g.key)) {
      const reason = translate(locale, "imports.keyOutOfScope", { field: choices.keyTarget.title, value: g.key });
      return { verdict: "reject" as const, rows: g.rows.map((r) => ({ row: r.row, verdict: "reject" as const, reason })) };
    }
    return withBlankUnderHint(evaluateGroup(g, g.key !== null ? (stored.get(g.key) ?? null) : null, ctx), g, reasonContext);
  });
  // A batch that may hold what an earlier pass wrote (see Session.recover) looks for it first.
  const recovering = phase === "run" && session.recover > 0;
  session.recover--;
  // A record this import created before it stopped (found by its derived id): said created again,
  // whatever it reads as now — edited by someone since, it would read as an update that puts the
  // file's values back over the edit (its key edited, as a new record or as the record that took
  // its old key since). Only a creation event it lacks is written (a server killed between a
  // batch's records and their events left them without one, and an undo finds an import's
  // records through them): as it would have been, from the file's data, dated when it was stored
  // — or, when the template published since refuses the file's data, from the stored record (it
  // was valid when stored; it is a create of this import all the same, not a refused row).
  const made = recovering ? await madeBefore(importId, groups) : new Map<number, Made>();
  for (const [i, { event }] of made) {
    const again = evaluateGroup(groups[i], null, ctx);
    const rows = outcomes[i].rows.map((r) => (r.verdict === "unchanged" || r.verdict === "update" || r.verdict === "reject" ? { row: r.row, verdict: "create" as const } : r));
    outcomes[i] = { ...(again.verdict === "create" ? again : { verdict: "create", rows }), ...(event ? { written: true } : {}) };
  }
  await uniqueProblems(job, actor, template, choices, { groups, at }, outcomes, made, session, ctx.rowName!);
  await trashedKeys(actor, template, choices, groups, outcomes, locale);
  await caseTwins(actor, template, choices, groups, outcomes, session, locale, ctx.rowName!);
  if (recovering) await updatesWrittenBefore(importId, groups, outcomes, stored, ctx);
  const judged: Judged = { groups, skipped, exhausted, outcomes, stored, creates: [], templateVersion: template.version, actorId: actor.id, actorRole: actor.role };
  if (phase !== "run") return judged;
  judged.creates = outcomes.flatMap((o, i) => (o.verdict === "create" && (o.data || made.has(i)) && !o.written ? [i] : []));
  if (judged.creates.length)
    judged.prepared = await prepareRecords({
      actor,
      templateKey: template.key,
      locale,
      meta: { importId },
      records: judged.creates.map((i) => ({ id: importedRecordId(importId, groups[i]), input: outcomes[i].data, ...(made.has(i) ? { stored: true, createdAt: made.get(i)!.createdAt } : {}) })),
    });
  return judged;
}

/** A record an import created before it stopped: when, and whether its creation event was written. */
interface Made {
  createdAt?: Date;
  event: boolean;
}

/**
 * The groups whose records this import stored already (an earlier pass, stopped or started over),
 * found by the ids it gives them — in the trash too, whatever their key holds now — by index.
 */
async function madeBefore(importId: string, groups: Group[]): Promise<Map<number, Made>> {
  const made = new Map<number, Made>();
  const ids = new Map(groups.map((g, i) => [importedRecordId(importId, g), i]));
  if (!ids.size) return made;
  const docs = await RecordModel.find({ _id: { $in: [...ids.keys()] } }, { createdAt: 1 }).lean();
  if (!docs.length) return made;
  const eventId = (id: unknown) => `record:${String(id)}:1`;
  const events = await AuditEventModel.find({ _id: { $in: docs.map((d) => eventId(d._id)) } }, { _id: 1 }).lean();
  const written = new Set(events.map((e) => String(e._id)));
  for (const d of docs) made.set(ids.get(String(d._id))!, { createdAt: d.createdAt as Date | undefined, event: written.has(eventId(d._id)) });
  return made;
}

/**
 * A batch that may hold what an earlier pass wrote (see Session.recover): records it had already
 * updated read as unchanged now — the file's values are there — or, edited by someone since, as
 * updates that would put the file's values back over that edit. Those whose update this import's
 * audit events show count as updated, as before the restart, and are not written again: judged
 * against the record as it was before that update (its event's changes set back), so that each
 * row reads 更新 or 未变 as in an uninterrupted run; only when that does not read as an update
 * (the record changed otherwise since) is every row of it said updated.
 */
async function updatesWrittenBefore(importId: string, groups: Group[], outcomes: GroupOutcome[], stored: Judged["stored"], ctx: EvaluateContext): Promise<void> {
  const ids = new Map<string, number>();
  outcomes.forEach((o, i) => {
    const doc = (o.verdict === "unchanged" || o.verdict === "update") && groups[i].key !== null ? stored.get(groups[i].key!) : undefined;
    if (doc) ids.set(String(doc._id), i);
  });
  if (!ids.size) return;
  const events = await AuditEventModel.find({ entity: "record", entityId: { $in: [...ids.keys()] }, action: "record.update", "meta.importId": importId }, { entityId: 1, changes: 1 }).lean();
  for (const e of events) {
    const i = ids.get(String(e.entityId));
    if (i === undefined || outcomes[i].written) continue;
    const before = revertChanges(stored.get(groups[i].key!)!.data, auditChanges(e));
    const then = evaluateGroup(groups[i], { data: before }, ctx);
    outcomes[i] =
      then.verdict === "update"
        ? { ...then, written: true }
        : { verdict: "update", written: true, rows: outcomes[i].rows.map((r) => (r.verdict === "unchanged" ? { ...r, verdict: "update" } : r)) };
  }
}

/** Marks every row of a group rejected with one reason (a write the records service refused). */
const refused = (group: Group, err: DomainError, locale: Locale): GroupOutcome => {
  const body = err.localize(locale);
  const field = body.fieldErrors?.[0];
  const reason = field ? columnReason(locale, field.label, field.message) : body.message;
  return { verdict: "reject", rows: group.rows.map((r) => ({ row: r.row, verdict: "reject", reason })) };
};

/** Whether the records service refused a create only because another record holds its key's value. */
function onlyKeyTaken(err: DomainError, choices: ResolvedChoices): boolean {
  const key = choices.keyTarget;
  const problems = err.fieldErrors ?? [];
  return !!key && err.code === "VALIDATION" && problems.length > 0 && problems.every((p) => p.keyword === "x-unique" && p.path === `/${key.field.segments.join("/")}`);
}

/**
 * Creates refused because their key was taken after the batch was judged — another import of the
 * same records (two colleagues, or one file uploaded twice) or someone else stored them since —
 * judged again against the record that holds the key now, when the importer may update it: as a
 * run started after that record was stored would judge them (未变, 更新, in create-only mode 重复).
 * Updates are written with the batch's other updates (`stored` gets the record). Refused as taken
 * still when no such record is found: one outside the importer's scope or in the trash holds it.
 */
async function judgeAgainstStoredMeanwhile(job: ImportJob, actor: Actor, template: PublishedTemplate, choices: ResolvedChoices, judged: Judged, lost: number[], records: NonNullable<ImportJobState["records"]>) {
  const imp = (await ImportModel.findById(job.params.importId).lean()) as ImportDoc | null;
  if (!imp) return;
  const { groups, outcomes, stored } = judged;
  const { ctx, reasonContext } = judging(imp, template, choices, job.params.locale);
  const holders = await holdersOfKeys(actor, template, choices, lost.map((i) => groups[i]));
  for (const i of lost) {
    const doc = holders.get(groups[i].key!);
    if (!doc) continue;
    stored.set(groups[i].key!, doc);
    outcomes[i] = withBlankUnderHint(evaluateGroup(groups[i], doc, ctx), groups[i], reasonContext);
    if (outcomes[i].verdict === "unchanged") records.unchanged = (records.unchanged ?? 0) + 1;
  }
}

/** How often the records another write has claimed keys for are looked for while it stores them. */
const STORING_POLL_MS = 100;

/**
 * The live records within the importer's scope that hold the groups' keys (see storedByKey). A
 * key claimed for a record not stored yet (another import between its claims and its insert) is
 * waited for while its claim is young (see claimedForUnstored).
 */
async function holdersOfKeys(actor: Actor, template: PublishedTemplate, choices: ResolvedChoices, groups: Group[]): Promise<Judged["stored"]> {
  const found: Judged["stored"] = new Map();
  for (let pending = groups; pending.length; ) {
    for (const [k, doc] of (await storedByKey(actor, template, choices, pending)).found) found.set(k, doc);
    const storing = new Set(await claimedForUnstored(template.key, choices.keyTarget!.field, pending.map((g) => g.key!).filter((k) => !found.has(k))));
    pending = pending.filter((g) => storing.has(g.key!));
    if (pending.length) await new Promise((resolve) => setTimeout(resolve, STORING_POLL_MS));
  }
  return found;
}

/** Writes the groups' creates (prepared as one batch of the records service) and updates (each through the write pipeline). */
async function write(job: ImportJob, actor: Actor, template: PublishedTemplate, choices: ResolvedChoices, judged: Judged, records: NonNullable<ImportJobState["records"]>) {
  const { locale, importId } = job.params;
  const { groups, outcomes, stored, creates, prepared } = judged;
  const meta = { importId };
  // Records created (with their events) before a restart count, and are not written again.
  records.created = (records.created ?? 0) + outcomes.filter((o) => o.verdict === "create" && o.written).length;
  // Records judged unchanged are not written, and count as such (a re-run of the same file: all of them).
  const same = outcomes.filter((o) => o.verdict === "unchanged").length;
  if (same) records.unchanged = (records.unchanged ?? 0) + same;
  if (prepared) {
    const results = await storeRecords(prepared);
    const lost: number[] = [];
    results.forEach((r, n) => {
      const i = creates[n];
      if (r.status !== "rejected") records.created = (records.created ?? 0) + 1;
      else {
        outcomes[i] = refused(groups[i], r.error, locale);
        if (onlyKeyTaken(r.error, choices)) lost.push(i);
      }
    });
    if (lost.length) await judgeAgainstStoredMeanwhile(job, actor, template, choices, judged, lost, records);
  }
  for (const [i, o] of outcomes.entries()) {
    if (o.verdict !== "update") continue;
    if (o.written) {
      records.updated = (records.updated ?? 0) + 1;
      continue;
    }
    const doc = stored.get(groups[i].key!)!;
    try {
      const written = await writeRecord({
        action: "record.update",
        permission: "record.update",
        actor,
        templateKey: template.key,
        template,
        locale,
        record: { id: String(doc._id), in: "live" },
        change: ({ stored: data, actor: a }) => ({ data: mergeInto(data, o.data!, choices.targets, template.content.schema), set: { updatedBy: a.id, updatedByName: a.name }, meta }),
        result: (_ctx, w) => w,
      });
      records[written ? "updated" : "unchanged"] = (records[written ? "updated" : "unchanged"] ?? 0) + 1;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      outcomes[i] = refused(groups[i], err, locale);
    }
  }
}

/**
 * An import as a kind of job. Each batch reads the next records from the file (see scanGroups),
 * looks up the stored records their keys name, decides every row's verdict, and — in the run —
 * writes: new records in one batch through the records service (ids derived from the import and
 * the key, so a batch run again finds them instead of writing twice), updates one by one through
 * the write pipeline (an update already written changes nothing the second time). Rows not taken
 * are kept with their cells and reason for the error sheet.
 */
export const importJob: JobKind<ImportJobParams, ImportJobState> = {
  kind: IMPORT_KIND,

  async batch(job) {
    const { importId, phase, locale } = job.params;
    const imp = (await ImportModel.findById(importId).lean()) as ImportDoc | null;
    if (!imp) throw new DomainError("NOT_FOUND", msg("imports.notFound"));
    const actor = await starter(job);
    const template = await getPublishedTemplate(actor, imp.templateKey);
    const choices = resolveChoices(template, importChoices(imp), locale);
    let done = job.state.groups ?? 0;
    let base: ImportJobState = job.state;
    let session = sessions.get(job._id);
    const reuse = session?.emitted === done;
    const ahead = reuse ? session!.ahead : undefined;
    // Until this batch ends, the session matches no cursor: a batch that fails after taking its
    // records from the scan (or whose reading or judging ahead failed) starts again from a fresh
    // pass over the file, never after them.
    if (session) {
      session.ahead = undefined;
      session.emitted = Number.NaN;
    }
    // The next batch judged while the last one wrote, unless what it was judged by changed since
    // (then its records are read and judged again from a fresh pass).
    let judged = ahead ? await ahead : undefined;
    if (judged && (judged.templateVersion !== template.version || judged.actorId !== actor.id || judged.actorRole !== actor.role)) judged = undefined;
    let restarted = false;
    if (!session || !reuse || (ahead && !judged)) {
      const source = importSource(imp);
      const hash = await groupingHash(imp, template, choices, locale);
      const known = keptRowEnds(imp, hash);
      closeSession(session);
      // The records handled so far were counted in another grouping (a template published since,
      // a release with other grouping rules): skipping as many of this grouping's would pass over
      // records never handled, or handle some twice. The pass starts again from the first record,
      // counting afresh: records this import created are found by their ids, its updates by its
      // audit events, in every batch of the pass (not written twice, counted once). Skipping to
      // the file row the old count had reached would not do: in another grouping a record's rows
      // need not lie on one side of it (rows of one key are one record wherever they are).
      if (done > 0 && job.state.grouping !== hash) {
        restarted = true;
        done = 0;
        base = { again: true };
        await ImportRowModel.deleteMany({ importId, phase });
      }
      const recover = base.again ? Infinity : 1;
      // A pass from the first record notes the values of unique fields afresh (a check run again, a pass started again).
      if (done === 0 && uniqueTargets(choices).length) await ImportSeenModel.deleteMany({ jobId: job._id });
      session = { scan: await scanGroups(source, { columns: choices.columns, keyTarget: choices.keyTarget, locale, constants: choices.constants }, done, known), emitted: Number.NaN, seen: new Map(), read: done, resumed: done > 0, grouping: hash, recover };
      sessions.set(job._id, session);
      if (!known) {
        const { rows, ends, skipped, notes } = session.scan.rowEnds;
        await ImportModel.updateOne({ _id: importId }, { $set: { rowEnds: { hash, rows, ends: Buffer.from(ends).toString("base64"), skipped, notes, notesVersion: SHEET_NOTES_VERSION } } });
      }
    }
    const judging: JudgeContext = { job, imp, actor, template, choices, session };
    judged ??= await judge(judging);
    const { groups, skipped, exhausted, outcomes } = judged;
    // A sheet with a header and no rows (another sheet than the first, chosen after the upload,
    // which refuses a file with none): said, not a check that ends with nothing.
    if (done === 0 && exhausted && groups.length === 0) throw new DomainError("BAD_REQUEST", msg("imports.noDataRows"));
    // The run reads and judges the next batch while this one waits on the database (reading,
    // lookups, verdicts, validation and the documents to store were ~40 % of the run, the writes
    // the rest). Its records never share a key with this batch's (one group per key over the
    // whole file), and in-file duplicates are decided in file order, before this batch writes.
    if (phase === "run" && !exhausted) {
      session.ahead = judge(judging);
      session.ahead.catch(() => undefined);
    }

    const records = { ...(base.records ?? {}) };
    if (phase === "run") await write(job, actor, template, choices, judged, records);
    else
      for (const o of outcomes)
        if (o.verdict === "create" || o.verdict === "update" || o.verdict === "unchanged") {
          const k = ({ create: "created", update: "updated", unchanged: "unchanged" } as const)[o.verdict];
          records[k] = (records[k] ?? 0) + 1;
        }

    const rows = { ...(base.rows ?? {}) };
    const samples = [...(base.samples ?? [])];
    const kept: { _id: string; importId: string; phase: ImportPhase; row: number; verdict: string; reason: string; column: number | null; cells: string[] }[] = [];
    groups.forEach((g, i) => {
      for (const v of outcomes[i].rows) {
        rows[v.verdict] = (rows[v.verdict] ?? 0) + 1;
        const cells = (g.cells.get(v.row) ?? []).map((c) => cellText(c, session.scan.date1904));
        if (samples.filter((s) => s.verdict === v.verdict).length < SAMPLES_PER_VERDICT) samples.push({ ...v, cells });
        if (v.verdict === "reject" || v.verdict === "duplicate")
          kept.push({ _id: `${importId}:${phase}:${v.row}`, importId, phase, row: v.row, verdict: v.verdict, reason: v.reason ?? "", column: v.column ?? null, cells });
      }
    });
    if (kept.length) await ImportRowModel.insertMany(kept, { ordered: false }).catch(ignoreDuplicates);
    const joins = importSource(imp).joins ?? [];
    const rowName = (row: number) => rowPhrase(locale, row, joins);
    const skippedRows = [...(base.skippedRows ?? []), ...skipped.slice(0, SKIPPED_NAMED).map((s) => ({ row: s.row, reason: skippedReason(s, session.scan.titles, locale, rowName) }))].slice(0, SKIPPED_NAMED);
    const skippedCount = (base.skipped ?? 0) + skipped.length;
    const noticed = outcomes.flatMap((o) => o.rows.flatMap((r) => (r.notice && (r.verdict === "create" || r.verdict === "update") ? [{ row: r.row, reason: r.notice }] : [])));
    const noticeCount = (base.notices ?? 0) + noticed.length;
    const noticeRows = [...(base.noticeRows ?? []), ...noticed].slice(0, SKIPPED_NAMED);
    const sheetNotes = session.scan.rowEnds.notes;
    session.emitted = done + groups.length;
    if (exhausted) sessions.delete(job._id);
    return {
      cursor: String(done + groups.length),
      state: { groups: done + groups.length, grouping: session.grouping, ...(base.again ? { again: true as const } : {}), rows, records, samples, ...(skippedCount ? { skipped: skippedCount, skippedRows } : {}), ...(noticeCount ? { notices: noticeCount, noticeRows } : {}), ...(Object.keys(sheetNotes).length ? { sheetNotes } : {}) },
      // Skipped rows too: the progress goes over every row with something in it, as the sheet shows them.
      done: groups.reduce((n, g) => n + g.rows.length, 0) + skipped.length,
      ...(restarted ? { restarted } : {}),
      finished: exhausted,
      total: session.scan.rows + session.scan.skipped,
    };
  },

  release(jobId) {
    const ahead = sessions.get(jobId)?.ahead;
    if (ahead) {
      const settled = ahead.then(
        () => undefined,
        () => undefined,
      );
      settling.set(jobId, settled);
      void settled.then(() => settling.get(jobId) === settled && settling.delete(jobId));
    }
    closeSession(sessions.get(jobId));
    sessions.delete(jobId);
  },

  cancelled: (job) => forgetSeenValues(job._id),

  async finish(job) {
    await ImportSeenModel.deleteMany({ jobId: job._id });
    if (job.params.phase !== "run") return;
    const imp = await ImportModel.findById(job.params.importId).lean();
    const actor = await starter(job);
    await writeAuditEvent({
      id: `import:${job.params.importId}:run`,
      actor,
      action: "import.run",
      entity: "template",
      entityId: imp?.templateKey ?? "",
      templateKey: imp?.templateKey ?? undefined,
      meta: { importId: job.params.importId, fileName: imp?.fileName, rows: job.state.rows, records: job.state.records, ...(job.state.skipped ? { skipped: job.state.skipped } : {}), ...(job.state.notices ? { notices: job.state.notices } : {}), ...sheetNoteCounts(job.state.sheetNotes) },
    });
  },
};
