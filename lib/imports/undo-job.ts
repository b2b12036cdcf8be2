import "server-only";
import { auditChanges } from "../audit/audit-changes";
import { writeAuditEvent } from "../audit/write-audit-event";
import { AuditEventModel } from "../db/models/audit-event";
import { ImportModel } from "../db/models/import";
import { RecordModel } from "../db/models/record";
import { UserModel } from "../db/models/user";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import type { Job, JobKind } from "../jobs/job-kind";
import { deleteOperation } from "../records/delete-record";
import { editOperation } from "../records/update-record";
import type { RecordOperation } from "../records/write/record-operation";
import { writeRecords } from "../records/write/write-records";
import { pointerSegments } from "../schema/messages";
import type { FieldChange } from "../shared/field-change";
import type { Role } from "../shared/role";
import type { Actor } from "../auth/roles";

export const UNDO_KIND = "import-undo";
const PER_BATCH = 100;
/** Records the undo left alone, kept by id to list them (the first ones; the count has all). */
const LISTED = 200;

export interface UndoJobParams {
  importId: string;
  templateKey: string;
  locale: Locale;
}

/**
 * What the import wrote, in the order it wrote it, as "c:<revision>:<recordId>" (created) or
 * "u:<revision>:<recordId>" (updated): text, since the embedded database stores no nested arrays.
 */
type Item = string;
const parseItem = (item: Item) => {
  const [kind, revision, recordId] = item.split(":");
  return { kind: kind as "c" | "u", revision: Number(revision), recordId };
};

export interface UndoJobState {
  items?: Item[];
  next?: number;
  /** Created records moved to the recycle bin. */
  trashed?: number;
  /** Updated records set back to what they held before the import. */
  reverted?: number;
  /** Records left alone: edited (or deleted) since the import. */
  kept?: number;
  keptIds?: string[];
}

export type UndoJob = Job<UndoJobParams, UndoJobState>;

/** The undoer, as they are now (a deactivated user's undo stops). */
async function undoer(job: UndoJob) {
  const user = await UserModel.findById(job.createdBy).lean();
  if (!user || user.active === false) throw new DomainError("FORBIDDEN", msg("auth.forbidden"));
  return { id: String(user._id), name: user.name, email: user.email, role: user.role as Role };
}

/** Sets a JSON-pointer path in nested data back to a value, or removes it (undefined). */
function setPointer(data: Record<string, unknown>, pointer: string, value: unknown) {
  const segs = pointerSegments(pointer);
  let node: unknown = data;
  for (let i = 0; i < segs.length - 1; i++) {
    if (!node || typeof node !== "object") return;
    const holder = node as Record<string | number, unknown>;
    if ((holder[segs[i]] === undefined || holder[segs[i]] === null) && value !== undefined) holder[segs[i]] = typeof segs[i + 1] === "number" ? [] : {};
    node = holder[segs[i]];
  }
  if (!node || typeof node !== "object") return;
  const last = segs[segs.length - 1];
  if (value === undefined) delete (node as Record<string | number, unknown>)[last];
  else (node as Record<string | number, unknown>)[last] = value;
}

/** Drops what a revert emptied: table rows with nothing left, sections with nothing left. */
function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune).filter((v) => v !== undefined && !(v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v);
      if (p === undefined || (p && typeof p === "object" && Object.keys(p).length === 0)) continue;
      out[k] = p;
    }
    return out;
  }
  return value;
}

/** The data before an update: every changed value set back to what it was. */
export function revertChanges(data: Record<string, unknown>, changes: Pick<FieldChange, "path" | "before">[]): Record<string, unknown> {
  const copy = structuredClone(data);
  // Values are removed, never rows spliced out, so no index shifts; rows left empty go in prune.
  for (const c of changes) setPointer(copy, c.path, c.before);
  return prune(copy) as Record<string, unknown>;
}

/**
 * Undoing an import as a job: the records it created go to the recycle bin (restorable, audited as
 * deletes), the records it updated are set back to what they held before — but only where nobody
 * has changed the record since (its revision is still the import's); those are kept and listed.
 * The first batch finds what the import wrote from its audit events (`meta.importId`); each next
 * batch takes 100 of them. Run again after a restart, a batch finds its own earlier work done
 * (already in the bin; already one revision on with this undo's event) and counts it once.
 */
export const undoJob: JobKind<UndoJobParams, UndoJobState> = {
  kind: UNDO_KIND,

  async batch(job) {
    const { importId, templateKey, locale } = job.params;
    const state = job.state;
    if (!state.items) {
      const events = await AuditEventModel.find({ templateKey, entity: "record", "meta.importId": importId, action: { $in: ["record.create", "record.update"] } }, { entityId: 1, revision: 1, action: 1, at: 1 })
        .sort({ at: 1 })
        .lean();
      const items: Item[] = events.map((e) => `${e.action === "record.create" ? "c" : "u"}:${e.revision ?? 1}:${e.entityId}`);
      return { cursor: "0", state: { items, next: 0, trashed: 0, reverted: 0, kept: 0, keptIds: [] }, done: 0, finished: items.length === 0, total: items.length };
    }
    const actor = await undoer(job);
    const from = state.next ?? 0;
    const slice = state.items.slice(from, from + PER_BATCH).map(parseItem);
    const tally = { trashed: state.trashed ?? 0, reverted: state.reverted ?? 0, kept: state.kept ?? 0, keptIds: [...(state.keptIds ?? [])] };
    // In rounds that name each record once: a record named again starts from the round before's write.
    for (let start = 0; start < slice.length; ) {
      const named = new Set<string>();
      let end = start;
      while (end < slice.length && !named.has(slice[end].recordId)) named.add(slice[end++].recordId);
      const round = slice.slice(start, end);
      const results = await undoRound(round, { actor, templateKey, locale, importId, claimant: `job:${job._id}` });
      round.forEach(({ recordId }, n) => {
        if (results[n] !== "kept") tally[results[n]]++;
        else {
          tally.kept++;
          if (tally.keptIds.length < LISTED && !tally.keptIds.includes(recordId)) tally.keptIds.push(recordId);
        }
      });
      start = end;
    }
    const next = from + slice.length;
    return { cursor: String(next), state: { ...state, next, ...tally }, done: slice.length, finished: next >= state.items.length };
  },

  async finish(job) {
    const actor = await undoer(job);
    await ImportModel.updateOne({ _id: job.params.importId }, { $set: { undoneAt: new Date() } });
    await writeAuditEvent({
      id: `import-undo:${job.params.importId}`,
      actor,
      action: "import.undo",
      entity: "template",
      entityId: job.params.templateKey,
      templateKey: job.params.templateKey,
      meta: { importId: job.params.importId, trashed: job.state.trashed ?? 0, reverted: job.state.reverted ?? 0, kept: job.state.kept ?? 0 },
    });
  },
};

type Undone = "trashed" | "reverted" | "kept";

/**
 * Undoes items that name each record once: the records read together, each item's fate decided
 * from its record, and the writes it needs — deletes of created records, reverts of updated ones —
 * in one batch of the write pipeline (writeRecords). Returns each item's outcome, in order.
 */
async function undoRound(items: ReturnType<typeof parseItem>[], params: { actor: Actor; templateKey: string; locale: Locale; importId: string; claimant: string }): Promise<Undone[]> {
  const { actor, templateKey, locale, importId, claimant } = params;
  const meta = { undoOfImport: importId };
  // By `_id` alone (an `$in` beside another condition walks the template's list index).
  const read = await RecordModel.find({ _id: { $in: items.map((i) => i.recordId) } }, { templateKey: 1, revision: 1, deletedAt: 1 }).lean();
  const docs = new Map(read.filter((d) => d.templateKey === templateKey).map((d) => [String(d._id), d]));
  // The events updates are judged by: the import's own (what it changed), or the one after it (this undo's, before a restart?).
  const eventIds = items.flatMap(({ kind, recordId, revision }) => {
    const doc = docs.get(recordId);
    return kind === "u" && doc && !doc.deletedAt ? [`record:${recordId}:${doc.revision === revision + 1 ? revision + 1 : revision}`] : [];
  });
  const events = new Map(eventIds.length ? (await AuditEventModel.find({ _id: { $in: eventIds } }, { changes: 1, meta: 1 }).lean()).map((e) => [String(e._id), e]) : []);
  const results: Undone[] = [];
  const writes: { n: number; op: RecordOperation<unknown>; done: Undone }[] = [];
  items.forEach(({ recordId, revision, kind }, n) => {
    const doc = docs.get(recordId);
    if (!doc) results[n] = "kept";
    else if (kind === "c") {
      // In the bin already: by this undo before a restart, or by someone since.
      if (doc.deletedAt) results[n] = "trashed";
      // At the revision the import left it (its creation event's): a record someone has added to
      // since is theirs too, and is kept rather than moved to the bin with their work.
      else writes.push({ n, done: "trashed", op: deleteOperation({ actor, templateKey, recordId, expectedRevision: revision, locale, meta }) });
    } else if (doc.deletedAt) results[n] = "kept";
    else if (doc.revision === revision + 1) {
      // One revision on: this undo's own revert from before a restart, or someone else's edit.
      const after = events.get(`record:${recordId}:${revision + 1}`);
      results[n] = (after?.meta as { undoOfImport?: string } | undefined)?.undoOfImport === importId ? "reverted" : "kept";
    } else if (doc.revision !== revision) results[n] = "kept";
    else {
      const changes = auditChanges(events.get(`record:${recordId}:${revision}`));
      const op = editOperation({ actor, templateKey, recordId, expectedRevision: revision, locale, meta, data: ({ stored }) => revertChanges(stored, changes), result: () => null });
      writes.push({ n, done: "reverted", op });
    }
  });
  // The job runs once at a time: claims a killed try of it left are its own (writeRecords).
  const outcomes = await writeRecords(writes.map((w) => w.op), { claimant });
  outcomes.forEach((o, k) => (results[writes[k].n] = o.status === "written" ? writes[k].done : "kept"));
  return results;
}
