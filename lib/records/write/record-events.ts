import "server-only";
import mongoose, { Types } from "mongoose";
import { auditInsertHook } from "../../audit/audit-insert-hook";
import { toAuditDoc, type AuditActor, type AuditInput } from "../../audit/write-audit-event";
import { CLAIM_LEASE_MS } from "../../db/claim-revision";
import { connectDb } from "../../db/connect";
import { duplicateIndexes } from "../../db/duplicate-inserts";
import { AuditEventModel } from "../../db/models/audit-event";
import { AuditOutboxModel } from "../../db/models/audit-outbox";
import { RecordModel, RevisionClaimModel } from "../../db/models/record";
import type { Locale } from "../../i18n/locale";
import type { FieldChange } from "../../shared/field-change";
import { log } from "../../log/log";
import { loadVersion } from "../../templates/get-published-template";
import { diffData } from "../diff";
import type { StoredRecord } from "./record-operation";

/**
 * A record's audit event is stored even when the server is killed between the record's write and
 * the event's insert. No transactions (FerretDB has none), so the write itself says where its event is:
 *
 * - An update writes its event into the record, in the same atomic update as the change
 *   (`lastAudit`), and holds the revision claim `record:<id>@<revision>` until the event is stored.
 *   A claim left behind names the record; the record holds the event. The next update of the record
 *   stores the event it replaces first (one idempotent insert, beside the revision claim).
 * - A create writes a note to `audit_outbox` before the records — for a batch one note with the ids
 *   and what the events share, the changes being derived from each record (nothing → its data) —
 *   and removes it once the events are stored. Records stay as they were: no copy of the data, no
 *   write per record.
 * - The recovery (`recoverRecordEvents`: at start-up before the jobs resume, then every 15 s) reads
 *   the left claims and notes — a handful of documents, no scan of the records — and inserts the
 *   events they lead to.
 *
 * Every event keeps its id (`record:<id>:<revision>`) and is built once, so the writer, the next
 * writer and the recovery insert the same document and whichever comes second changes nothing.
 */

export type StoredEvent = ReturnType<typeof toAuditDoc> & { _id: string };

/** What every creation event of a batch shares. */
interface BatchShare {
  templateKey: string;
  actor: AuditActor;
  action: string;
  locale: Locale;
  meta?: Record<string, unknown>;
}

/** A note kept in `audit_outbox` until its creates' events are stored. */
interface OutboxNote {
  _id: string;
  recordIds: string[];
  at: Date;
  event?: StoredEvent;
  batch?: BatchShare;
}

/** A note older than this whose records are not all there belongs to a write that failed or died. */
const OUTBOX_LEASE_MS = 10 * 60_000;
const RECOVER_EVERY_MS = 15_000;

/** An event as audit_events stores it, without undefined values (so every path stores the same document). */
export function eventDoc(input: AuditInput): StoredEvent {
  const doc = { _id: input.id, ...toAuditDoc(input) } as Record<string, unknown>;
  for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k];
  return doc as StoredEvent;
}

/** The creation event of a record made in a batch: derived from the record, as the recovery derives it. */
export function createdEvent(params: { share: BatchShare; recordId: string; changes: FieldChange[]; at: Date }): StoredEvent {
  const { share, recordId } = params;
  return eventDoc({ id: `record:${recordId}:1`, actor: share.actor, action: share.action, entity: "record", entityId: recordId, templateKey: share.templateKey, revision: 1, changes: params.changes, at: params.at, meta: share.meta });
}

/** Inserts events; one already stored (same id) is left as it is. Returns how many were new; throws on any other failure. */
export async function insertEvents(events: StoredEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  await auditInsertHook(events.map((e) => e._id));
  try {
    await AuditEventModel.collection.insertMany(events.map((e) => ({ ...e })) as never[], { ordered: false });
    return events.length;
  } catch (err) {
    return events.length - duplicateIndexes(err).length;
  }
}

/** Notes creates about to be written (before the records); returns the note's id. */
export async function openCreates(params: { recordIds: string[]; event?: StoredEvent; batch?: BatchShare }): Promise<string> {
  const _id = `creates:${new Types.ObjectId()}`;
  const note: OutboxNote = { _id, recordIds: params.recordIds, at: new Date(), ...(params.event ? { event: params.event } : {}), ...(params.batch ? { batch: params.batch } : {}) };
  await AuditOutboxModel.collection.insertOne(note as never);
  return _id;
}

/** Removes the note of creates whose events are stored. */
export async function closeCreates(id: string): Promise<void> {
  await AuditOutboxModel.collection.deleteOne({ _id: id } as never);
}

/**
 * Stores the event of a single write just made; false when it could not (logged): the write is done,
 * and what it left — the revision claim, the outbox note — leads the recovery to the event.
 */
export async function storeEvent(event: StoredEvent, note: string | null): Promise<boolean> {
  try {
    await insertEvents([event]);
  } catch (err) {
    log.error("audit", `${event._id}: the event is not stored yet; the recovery will store it`, err);
    return false;
  }
  if (note) await closeCreates(note).catch((err: unknown) => log.warn("audit", `${note}: outbox note not removed (the recovery will)`, err));
  return true;
}

/**
 * Before updates replace records' `lastAudit`, the events they hold are stored if they are not yet
 * (almost always they are). A record still at revision 1 that was never updated may come from
 * creates whose note is still in the outbox: its creation event is stored from it. For one record
 * (writeRecord) or a batch (writeRecords) alike: one read of the held events, one insert of those
 * missing, and for records at revision 1 without one, one read of the notes naming them.
 */
export async function ensurePreviousEvents(records: StoredRecord[]): Promise<void> {
  const held = records.filter((r) => (r.lastAudit as StoredEvent | undefined)?._id === `record:${String(r._id)}:${r.revision}`);
  if (held.length) {
    // A read first: it runs beside the revision claims' insert, where an insert would wait for it
    // (SQLite writes one at a time); events are never removed, so one found stays.
    const ids = held.map((r) => (r.lastAudit as StoredEvent)._id);
    const stored = new Set((await AuditEventModel.find({ _id: { $in: ids } }, { _id: 1 }).lean()).map((e) => String(e._id)));
    await insertEvents(held.map((r) => r.lastAudit as StoredEvent).filter((e) => !stored.has(e._id)));
  }
  const fresh = records.filter((r) => r.revision === 1 && !held.includes(r));
  if (fresh.length === 0) return;
  const notes = (await AuditOutboxModel.collection.find({ recordIds: { $in: fresh.map((r) => String(r._id)) } } as never).toArray()) as unknown as OutboxNote[];
  for (const note of notes) {
    const named = new Set(note.recordIds);
    await insertEvents(await createdEvents(note, fresh.filter((r) => named.has(String(r._id)))));
  }
}

/** The creation events of a note's records (those still at revision 1: a later write stored theirs before it). */
async function createdEvents(note: OutboxNote, records: StoredRecord[]): Promise<StoredEvent[]> {
  if (note.event) return records.some((r) => String(r._id) === note.event!.entityId) ? [note.event] : [];
  const events: StoredEvent[] = [];
  for (const r of records) if (r.revision === 1) events.push(await storedRecordCreated(note.batch!, r));
  return events;
}

/** A stored record's creation event in a batch, derived from the record (its data against its own template version). */
export async function storedRecordCreated(share: BatchShare, r: StoredRecord): Promise<StoredEvent> {
  const schema = (await loadVersion(r.templateKey, r.templateVersion)).content.schema;
  return createdEvent({ share, recordId: String(r._id), changes: diffData(schema, {}, r.data, share.locale), at: r.createdAt as Date });
}

/**
 * Stores the events that writes left behind (a server killed, an event insert that failed); returns
 * how many were missing. Reads only the left revision claims and outbox notes. Safe beside writes in
 * flight: what it inserts is what they insert, by the same id.
 */
export async function recoverRecordEvents(): Promise<number> {
  await connectDb();
  let stored = 0;
  for (const claim of await RevisionClaimModel.find({ entity: "record" }).lean()) {
    try {
      const revision = Number(claim._id.slice(claim._id.lastIndexOf("@") + 1));
      const record = await RecordModel.findById(claim.entityId, { revision: 1, lastAudit: 1 }).lean();
      if (!record || record.revision < revision) {
        // Not written (yet): a writer may still be at it until the claim's lease ends
        // (lib/db/claim-revision.ts); after it, the write died before its update — or the record is
        // gone — and the claim leads nowhere.
        if (Date.now() - claim.at.getTime() >= CLAIM_LEASE_MS) await RevisionClaimModel.deleteOne({ _id: claim._id, at: claim.at });
        continue;
      }
      const last = record.lastAudit as StoredEvent | undefined;
      // Moved on since: the next write stored this event before replacing it.
      if (record.revision === revision && last?._id === `record:${claim.entityId}:${revision}`) stored += await insertEvents([last]);
      await RevisionClaimModel.deleteOne({ _id: claim._id, at: claim.at });
    } catch (err) {
      log.error("audit", `recovery of ${claim._id} failed`, err);
    }
  }
  for (const note of (await AuditOutboxModel.collection.find({}).toArray()) as unknown as OutboxNote[]) {
    try {
      const have = new Set((await AuditEventModel.find({ _id: { $in: note.recordIds.map((id) => `record:${id}:1`) } }, { _id: 1 }).lean()).map((e) => String(e._id)));
      const missing = note.recordIds.filter((id) => !have.has(`record:${id}:1`));
      const records = missing.length ? ((await RecordModel.find({ _id: { $in: missing } }).lean()) as StoredRecord[]) : [];
      stored += await insertEvents(await createdEvents(note, records));
      // Records not there: still being written, or never (a failed insert). Kept until the lease ends.
      if (records.length < missing.length && Date.now() - new Date(note.at).getTime() < OUTBOX_LEASE_MS) continue;
      await closeCreates(note._id);
    } catch (err) {
      await noteFailed(note, err);
    }
  }
  return stored;
}

/** Outbox notes whose events could not be built, said once per process. */
const failedNotes = new Set<string>();

/**
 * A note whose events cannot be built (its template version gone, a note of another shape) is
 * tried again on every run while its lease lasts — said once — then closed, saying so: it never
 * will be. A database error says nothing of the note: it stays.
 */
async function noteFailed(note: OutboxNote, err: unknown): Promise<void> {
  const expired = Date.now() - new Date(note.at).getTime() >= OUTBOX_LEASE_MS;
  // The driver's errors and mongoose's own (an operation buffered while the connection is down
  // times out as a MongooseError) say the database was away, not that the note is bad.
  if (err instanceof mongoose.mongo.MongoError || err instanceof mongoose.Error || !expired) {
    if (!failedNotes.has(note._id)) log.error("audit", `recovery of ${note._id} failed; tried again until its lease ends`, err);
    failedNotes.add(note._id);
    return;
  }
  await closeCreates(note._id);
  failedNotes.delete(note._id);
  log.error("audit", `${note._id}: the creation events of records ${note.recordIds.join(", ")} cannot be built; the outbox note is closed without them`, err);
}

let recovering: Promise<void> | null = null;
/** The last run failed (said): a database away fails every run until it is back, which is said once. */
let failing = false;
/** One recovery at a time in this process; logged, never thrown. `recover` is the recovery (another in tests). */
export function recoverLogged(recover: () => Promise<number> = recoverRecordEvents): Promise<void> {
  recovering ??= recover()
    .then((n) => {
      if (failing) console.log("[dossier] 审计事件补记恢复正常 / audit event recovery works again");
      failing = false;
      if (n) console.log(`[dossier] 补记审计事件 / audit events recovered: ${n}`);
    })
    .catch((err: unknown) => {
      if (!failing) console.error("[dossier] 审计事件补记失败（恢复前不再提示） / audit event recovery failed (not said again until it works):", (err as Error).message);
      failing = true;
    })
    .finally(() => {
      recovering = null;
    });
  return recovering;
}

const STARTED = Symbol.for("dossier.recordEventRecovery");
/**
 * At start-up (before the jobs resume: an import's resume reads its updates from their events), and
 * then every 15 s: another app server killed mid-write leaves its events to the servers still running,
 * in time for a job it ran to be taken over (its heartbeat ages 30 s first).
 */
export async function startRecordEventRecovery(): Promise<void> {
  await recoverLogged();
  const g = globalThis as { [STARTED]?: boolean };
  if (g[STARTED]) return;
  g[STARTED] = true;
  setInterval(() => void recoverLogged(), RECOVER_EVERY_MS).unref();
}
