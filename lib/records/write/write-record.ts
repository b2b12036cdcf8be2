import "server-only";
import { Types } from "mongoose";
import { assertCan } from "../../auth/permissions";
import type { Actor } from "../../auth/roles";
import { connectDb } from "../../db/connect";
import { isDuplicateKey } from "../../db/duplicate-inserts";
import { RecordModel } from "../../db/models/record";
import { DomainError } from "../../errors";
import { msg } from "../../i18n/messages";
import { getPublishedTemplate, loadVersion } from "../../templates/get-published-template";
import { upgradeRecordData } from "../../templates/upgrade-record-data";
import type { PublishedTemplate } from "../../templates/types";
import { assertRecordId, checkRecordData } from "../check-record-data";
import { diffStored } from "../diff";
import { recordsFilter } from "../records-filter";
import { resolveScope } from "../resolve-scope";
import { conflictError } from "./conflict-error";
import { ensureDataWritten } from "./ensure-data-written";
import { newRecordDoc } from "./new-record";
import type { DiffedContext, RecordChange, RecordFields, RecordOperation, StoredRecord, WriteContext } from "./record-operation";
import { claimRevision } from "./revision-claim";
import { claimsOf, claimUniques, releaseClaims, type Claim } from "./unique-claims";
import { closeCreates, ensurePreviousEvent, eventDoc, openCreates, storeEvent, type StoredEvent } from "./record-events";
import { recordsChanged, writtenRecord } from "./records-changed";
import { RECORD_WRITE_HOOKS } from "./write-hooks";

/**
 * The one way a record is written. Every operation — create, update, delete, restore, a
 * migration's per-record step, and next imports, self-fill acceptance and verification — runs
 * this sequence and contributes only its own step (`op.change`, what it changes):
 *
 *   permission → published template → load → revision check → shape upgrade → the operation's
 *   step → validate → diff → hooks → revision claim → unique claims → write → release → audit → view
 *
 * Without transactions (FerretDB has none) each step is idempotent or undone on failure: the
 * revision claim decides races between writers, unique values are claimed before the write and
 * released if it fails, and the audit event's id is derived from the change
 * (`record:<id>:<revision>`), so a retried write never records twice. The event survives a server
 * killed between the write and its insert: an update carries it in the record (`lastAudit`) and keeps
 * its revision claim until it is stored, a create notes it in the outbox first (record-events.ts).
 */
export async function writeRecord<Out>(op: RecordOperation<Out>): Promise<Out> {
  const { actor, locale = "zh" } = op;
  assertCan(actor, op.permission);
  const givenId = "in" in op.record || "create" in op.record ? op.record.id : undefined;
  if (givenId !== undefined) assertRecordId(givenId);
  op.checkInput?.();
  const template = op.template ?? (await getPublishedTemplate(actor, op.templateKey));
  await connectDb();
  const existing = await loadRecord(op, actor, template);
  const recordId = existing ? String(existing._id) : (givenId ?? String(new Types.ObjectId()));
  const ctx: WriteContext = { action: op.action, actor, template, locale, recordId, existing, stored: {}, upgradeFailures: [] };
  op.guard?.(ctx);
  const expected = op.expectedRevision ?? existing?.revision ?? 0;
  const conflict = () => (op.onConflict ? op.onConflict(ctx, expected) : conflictError(recordId, expected, locale).then((e) => Promise.reject(e)));
  if (existing && existing.revision !== expected) return conflict();
  if (existing) {
    // Older records are read in the current version's shape (keys renamed by a migration).
    const upgraded = await upgradeToVersion(existing, template.version);
    ctx.stored = upgraded.data;
    ctx.upgradeFailures = upgraded.failures;
  }

  const change = await op.change(ctx);
  if (!change) return op.result(ctx, null);
  const next = change.data === undefined ? null : change.checked ? (change.data as Record<string, unknown>) : checkRecordData(template, change.data, locale);
  const changes = change.changes ?? (next ? diffStored(template.content.schema, ctx.stored, next, locale) : []);
  // An edit that changes nothing, on a record already in this version, writes nothing.
  if (existing && next && changes.length === 0 && existing.templateVersion === template.version && change.trashed === undefined) return op.result(ctx, existing);
  const diffed: DiffedContext = { ...ctx, change, next: next ?? ctx.stored, changes };
  const set: RecordFields = { ...change.set };
  for (const hook of [...RECORD_WRITE_HOOKS, ...(op.hooks ?? [])]) Object.assign(set, hook.beforeWrite(diffed));

  const bump = change.bump ?? true;
  // The event the record holds from its last update is stored before this write replaces it —
  // beside the revision claim, not after it (see record-events.ts).
  const previous = existing && bump ? ensurePreviousEvent(existing).then(() => null, (err: unknown) => err) : null;
  const release = existing && bump ? await claimRevision(recordId, expected) : async () => {};
  const failed = await previous;
  if (!release || failed) {
    if (release) await release();
    if (failed) throw failed;
    return conflict();
  }
  // Held until the event is stored: a claim left behind leads the recovery to the record's event.
  let keepClaim = false;
  try {
    const claims = await uniqueClaims(ctx, change, next);
    const wanted = claims.after.filter((c) => !claims.before.some((b) => b.id === c.id));
    const { taken, conflicts } = await claimUniques({ templateKey: template.key, claims: wanted, schema: template.content.schema, recordId, locale });
    if (conflicts.length) {
      const refusal = op.onTaken ? op.onTaken(conflicts, ctx) : new DomainError("VALIDATION", conflicts[0].message, { fieldErrors: conflicts });
      if (refusal) throw refusal;
    }
    const event = bump ? auditEvent(diffed, existing ? expected + 1 : 1, op.action) : null;
    // A new record's event waits in the outbox until it is stored; an update's is written into the record.
    const note = event && !existing ? await openCreates({ recordIds: [recordId], event }) : null;
    const written = await store(diffed, { set, bump, expected, event }).catch(async (err: unknown) => {
      await releaseClaims(taken, recordId);
      // Another record has this id: the note is not about a record this write made.
      if (note && isDuplicateKey(err)) await closeCreates(note);
      throw err;
    });
    if (!written) {
      await releaseClaims(taken, recordId);
      if (note) await closeCreates(note);
      return await conflict();
    }
    const kept = new Set(claims.after.map((c) => c.id));
    await releaseClaims(
      claims.before.filter((c) => !kept.has(c.id)).map((c) => c.id),
      recordId,
    );
    if (event) keepClaim = !(await storeEvent(event, note));
    return op.result(ctx, written);
  } finally {
    if (!keepClaim) await release();
  }
}

/** The stored record an operation targets, within the base filter of reads (404 when it is not there). */
async function loadRecord(op: RecordOperation<unknown>, actor: Actor, template: PublishedTemplate): Promise<StoredRecord | null> {
  const target = op.record;
  if ("create" in target) return null;
  if ("doc" in target) return target.doc;
  const doc = await RecordModel.findOne({ _id: target.id, ...recordsFilter({ actor, templateKey: op.templateKey, trash: target.in, scope: await resolveScope(actor, template) }) }).lean();
  if (doc) return doc;
  throw new DomainError("NOT_FOUND", msg(target.in === "trash" ? "records.notInTrash" : "records.notFound"), { locale: op.locale });
}

/** The stored data as version `version` expects it (migrations published since applied). */
async function upgradeToVersion(doc: StoredRecord, version: number) {
  const data = (doc.data ?? {}) as Record<string, unknown>;
  if (doc.templateVersion >= version) return { data, failures: [] };
  return upgradeRecordData({ templateKey: doc.templateKey, fromVersion: doc.templateVersion, toVersion: version, data });
}

/** The fields of the version a record was stored with: its unique values were claimed by them. */
async function fieldsOf(template: PublishedTemplate, version: number) {
  if (version === template.version) return template.fields;
  return (await loadVersion(template.key, version).catch(() => template)).fields;
}

/**
 * The unique values the record holds before the write and will hold after it. Only a live
 * record holds any; a record whose data is not rewritten keeps the claims of its own version.
 */
async function uniqueClaims(ctx: WriteContext, change: RecordChange, next: Record<string, unknown> | null): Promise<{ before: Claim[]; after: Claim[] }> {
  const { existing, template } = ctx;
  const liveBefore = !!existing && !existing.deletedAt;
  const liveAfter = change.trashed === undefined ? !existing || liveBefore : !change.trashed;
  const storedFields = existing ? await fieldsOf(template, existing.templateVersion) : [];
  const before = liveBefore ? claimsOf(template.key, storedFields, existing!.data) : [];
  if (!liveAfter) return { before, after: [] };
  const after = next ? claimsOf(template.key, template.fields, next) : claimsOf(template.key, storedFields, existing?.data);
  return { before, after };
}

/**
 * The write itself: an insert for a new record, else an update conditioned on the revision and
 * version that were read (so a concurrent writer makes it fail instead of being overwritten).
 * Returns the record as written, or null when the condition no longer held.
 */
async function store(ctx: DiffedContext, params: { set: RecordFields; bump: boolean; expected: number; event: StoredEvent | null }): Promise<StoredRecord | null> {
  const { existing, template, change, actor } = ctx;
  const hasData = change.data !== undefined;
  if (!existing) {
    const doc = newRecordDoc({ id: ctx.recordId, template, data: ctx.next, actor, set: params.set });
    await RecordModel.collection.insertOne(doc as never);
    recordsChanged([writtenRecord(doc)]);
    return doc;
  }
  const filter = {
    _id: existing._id,
    templateKey: template.key,
    revision: params.expected,
    templateVersion: existing.templateVersion,
    deletedAt: existing.deletedAt ? { $ne: null } : null,
  };
  const $set: Record<string, unknown> = { ...params.set };
  if (params.event) $set.lastAudit = params.event;
  if (hasData) Object.assign($set, { data: ctx.next, templateVersion: template.version });
  const update: Record<string, unknown> = { $set };
  if (params.bump) update.$inc = { revision: 1 };
  const found = await RecordModel.findOneAndUpdate(filter, update, { returnDocument: "after", timestamps: change.touch !== false }).lean();
  const written = hasData ? await ensureDataWritten(found, ctx.next, params.set as Record<string, unknown>) : found;
  if (written) recordsChanged([writtenRecord(written)]);
  return written;
}

/** The audit event of a write that moves the revision to `revision`; its id makes a retried write record once. */
function auditEvent(ctx: DiffedContext, revision: number, action: string): StoredEvent {
  const { existing, template, change } = ctx;
  const moved = !!existing && change.data !== undefined && existing.templateVersion !== template.version;
  const meta = { ...(moved ? { fromVersion: existing.templateVersion, toVersion: template.version } : {}), ...change.meta };
  return eventDoc({
    id: `record:${ctx.recordId}:${revision}`,
    actor: ctx.actor,
    action,
    entity: "record",
    entityId: ctx.recordId,
    templateKey: template.key,
    revision,
    changes: change.data === undefined ? undefined : ctx.changes,
    meta: Object.keys(meta).length ? meta : undefined,
  });
}
