import "server-only";
import { Types } from "mongoose";
import { assertCan } from "../../auth/permissions";
import type { Actor } from "../../auth/roles";
import { connectDb } from "../../db/connect";
import { duplicateIndexes } from "../../db/duplicate-inserts";
import { RecordModel } from "../../db/models/record";
import { DomainError } from "../../errors";
import type { Locale } from "../../i18n/locale";
import { getPublishedTemplate } from "../../templates/get-published-template";
import type { PublishedTemplate } from "../../templates/types";
import { assertRecordId, checkRecordData } from "../check-record-data";
import { diffData } from "../diff";
import { assertTakesNewRecords, newRecordDoc } from "./new-record";
import type { DiffedContext, RecordFields, WriteHook } from "./record-operation";
import { claimsOf, claimUniquesInBulk } from "./unique-claims";
import { RECORD_WRITE_HOOKS } from "./write-hooks";
import { closeCreates, createdEvent, insertEvents, openCreates, storedRecordCreated, type StoredEvent } from "./record-events";
import type { StoredRecord } from "./record-operation";
import { recordsChanged, writtenRecord } from "./records-changed";

/** One record to create in a batch. */
export interface NewRecordInput {
  /** The record's id (24 hex digits), chosen by the caller so that a retried batch creates nothing twice. */
  id?: string;
  input: unknown;
  /** When the record was made in the system it comes from (an import of history; benchmark fixtures). */
  createdAt?: Date;
  updatedAt?: Date;
  /**
   * Stored already by an earlier try of the same batch (found by `id`), and maybe edited since:
   * only its creation event is written (if missing), as the first try would have written it from
   * `input` and `createdAt` — or, when the template published since refuses `input` (or there is
   * none), derived from the stored record, which was valid when stored. Its unique values are not
   * claimed — it may no longer hold them, and a claim would keep them from the record that does —
   * and it is not inserted again.
   */
  stored?: boolean;
}

/** What became of one record of a batch, in input order. */
export type CreateOutcome =
  | { id: string; status: "created" }
  /** Stored by an earlier try of the same batch (same id): not written again. */
  | { id: string; status: "existed" }
  | { id: string; status: "rejected"; error: DomainError };

/** Parameters of a batch of new records. */
export interface CreateRecordsParams {
  actor: Actor | null;
  templateKey: string;
  records: NewRecordInput[];
  locale?: Locale;
  hooks?: WriteHook[];
  /** More for every audit event's meta (the import a record came from). */
  meta?: Record<string, unknown>;
}

const PREPARED = Symbol("prepared records");

/**
 * A batch after its checks and before its writes (prepareRecords): only storeRecords takes it.
 * The template version it was checked against is `templateVersion`.
 */
export interface PreparedRecords {
  readonly [PREPARED]: true;
  readonly templateKey: string;
  readonly templateVersion: number;
  readonly outcomes: CreateOutcome[];
  readonly accepted: { index: number; doc: ReturnType<typeof newRecordDoc>; audit: StoredEvent }[];
  /** Records stored by an earlier try (`stored`): their creation events only. */
  readonly existing: { index: number; audit: StoredEvent }[];
  readonly schema: Record<string, unknown>;
  readonly fields: PublishedTemplate["fields"];
  readonly locale: Locale;
  readonly params: CreateRecordsParams;
}

/**
 * The write pipeline's batch mode, for many new records at once (imports, seeding): the same
 * steps as a single create — permission, published template, validation with the template's
 * schema, diff, hooks, unique values, write, audit — with each database step done once for the
 * whole batch: the claims in one insert, the records in one insertMany, the audit events in one
 * more. A record that fails validation or whose unique value is taken is rejected alone, with its
 * field errors; the others are stored. Idempotent by id: a batch retried after a crash finds its
 * records ("existed") and claims, and writes the audit events it may have missed. A database
 * error other than "already there" is thrown: the caller retries the batch.
 */
export async function createRecords(params: CreateRecordsParams): Promise<CreateOutcome[]> {
  return writePrepared(await prepareRecords(params));
}

/**
 * The first half of createRecords, without a write: permission, published template, validation,
 * diff, hooks and the documents to store. An import prepares its next batch with it while the
 * current batch writes; storeRecords then writes it (checking it again first if the published
 * version is no longer `templateVersion`).
 */
export async function prepareRecords(params: CreateRecordsParams): Promise<PreparedRecords> {
  const { actor, templateKey, locale = "zh" } = params;
  assertCan(actor, "record.create");
  const template = await getPublishedTemplate(actor, templateKey);
  assertTakesNewRecords(template, locale);
  await connectDb();
  const schema = template.content.schema;
  const hooks = [...RECORD_WRITE_HOOKS, ...(params.hooks ?? [])];
  const share = batchShare(params);
  const outcomes: CreateOutcome[] = [];
  const accepted: PreparedRecords["accepted"][number][] = [];
  const existing: PreparedRecords["existing"][number][] = [];
  for (const item of params.records) {
    const id = item.id ?? String(new Types.ObjectId());
    try {
      if (item.id !== undefined) assertRecordId(item.id);
      const data = checkRecordData(template, item.input, locale);
      const changes = diffData(schema, {}, data, locale);
      const ctx: DiffedContext = { action: "record.create", actor, template, locale, recordId: id, existing: null, stored: {}, upgradeFailures: [], change: { data }, next: data, changes };
      const set: RecordFields = {};
      for (const hook of hooks) Object.assign(set, hook.beforeWrite(ctx));
      const doc = newRecordDoc({ id, template, data, actor, set, createdAt: item.createdAt, updatedAt: item.updatedAt });
      const audit = createdEvent({ share, recordId: id, changes, at: doc.createdAt });
      if (item.stored) existing.push({ index: outcomes.length, audit });
      else accepted.push({ index: outcomes.length, doc, audit });
      outcomes.push({ id, status: "created" });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const record = item.stored ? ((await RecordModel.findById(id).lean()) as StoredRecord | null) : null;
      if (record) existing.push({ index: outcomes.length, audit: await storedRecordCreated(share, record) });
      outcomes.push(record ? { id, status: "created" } : { id, status: "rejected", error: err });
    }
  }
  return { [PREPARED]: true, templateKey, templateVersion: template.version, outcomes, accepted, existing, schema, fields: template.fields, locale, params };
}

/**
 * The second half of createRecords: the unique claims, the records and their audit events. The
 * template is read again first: archived since the checks, the batch is refused as createRecords
 * would; published anew, the batch is checked again against the new version.
 */
export async function storeRecords(given: PreparedRecords): Promise<CreateOutcome[]> {
  if (given[PREPARED] !== true) throw new Error("storeRecords takes only what prepareRecords returned");
  const now = await getPublishedTemplate(given.params.actor, given.templateKey);
  return writePrepared(now.archived || now.version !== given.templateVersion ? await prepareRecords(given.params) : given);
}

/** The writes of a batch checked against the template as published now. */
async function writePrepared(prepared: PreparedRecords): Promise<CreateOutcome[]> {
  const { templateKey, schema, locale } = prepared;
  const outcomes = [...prepared.outcomes];
  // Records an earlier try stored (`stored`): their creation events only, no claims, no insert.
  for (const e of prepared.existing) outcomes[e.index] = { id: outcomes[e.index].id, status: "existed" };
  const accepted = prepared.accepted;
  // Until the events are stored, a note in the outbox names these records (record-events.ts): one
  // write per batch, beside the claims, and the records stay as they are — the events are derived
  // from them. It names the records the claims may still refuse: the recovery finds those absent.
  const [note, refused] = await Promise.all([
    accepted.length ? openCreates({ recordIds: accepted.map((a) => outcomes[a.index].id), batch: batchShare(prepared.params) }) : null,
    claimUniquesInBulk({
      templateKey,
      records: accepted.map((a) => ({ recordId: outcomes[a.index].id, claims: claimsOf(templateKey, prepared.fields, a.doc.data) })),
      schema,
      locale,
    }),
  ]);
  const stored = accepted.filter((a) => {
    const conflicts = refused.get(outcomes[a.index].id);
    if (conflicts) outcomes[a.index] = { id: outcomes[a.index].id, status: "rejected", error: new DomainError("VALIDATION", conflicts[0].message, { fieldErrors: conflicts }) };
    return !conflicts;
  });
  if (stored.length) {
    try {
      await RecordModel.collection.insertMany(stored.map((a) => a.doc) as never[], { ordered: false });
    } catch (err) {
      for (const i of duplicateIndexes(err)) outcomes[stored[i].index] = { id: outcomes[stored[i].index].id, status: "existed" };
    }
    // Rows an earlier run of the same import stored already ("existed") were told of then.
    recordsChanged(stored.filter((a) => outcomes[a.index].status !== "existed").map((a) => writtenRecord(a.doc)));
    await insertEvents(stored.map((a) => a.audit));
  }
  await insertEvents(prepared.existing.map((e) => e.audit));
  if (note) await closeCreates(note);
  return outcomes;
}

/** What the creation events of a batch share (kept in its outbox note; the rest is derived from each record). */
function batchShare(params: CreateRecordsParams) {
  const { id, name, role } = params.actor!;
  return { templateKey: params.templateKey, actor: { id, name, role }, action: "record.create", locale: params.locale ?? "zh", ...(params.meta ? { meta: params.meta } : {}) };
}
