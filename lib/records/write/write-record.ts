import "server-only";
import { Types } from "mongoose";
import { assertCan } from "../../auth/permissions";
import type { Actor } from "../../auth/roles";
import { connectDb } from "../../db/connect";
import { isDuplicateKey } from "../../db/duplicate-inserts";
import { RecordModel } from "../../db/models/record";
import { DomainError } from "../../errors";
import { msg } from "../../i18n/messages";
import { getPublishedTemplate } from "../../templates/get-published-template";
import type { PublishedTemplate } from "../../templates/types";
import { assertRecordId } from "../check-record-data";
import { recordsFilter } from "../records-filter";
import { resolveScope } from "../resolve-scope";
import { conflictError } from "./conflict-error";
import type { RecordOperation, StoredRecord } from "./record-operation";
import { claimRevision } from "./revision-claim";
import { claimUniques, releaseClaims } from "./unique-claims";
import { closeCreates, ensurePreviousEvents, openCreates, storeEvent } from "./record-events";
import { auditEvent, changeStep, expectedRevision, leftClaims, readStored, store, uniqueClaims, writeContext } from "./write-steps";

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
 *
 * The steps are functions of write-steps.ts, which writeRecords — the batch mode for many stored
 * records (the undo of an import) — runs too; createRecords is the batch mode for new records.
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
  const ctx = writeContext(op, template, existing, recordId);
  const expected = expectedRevision(op, existing);
  const conflict = () => (op.onConflict ? op.onConflict(ctx, expected) : conflictError(recordId, expected, locale).then((e) => Promise.reject(e)));
  if (existing && existing.revision !== expected) return conflict();
  await readStored(ctx);

  const step = await changeStep(op, ctx);
  if (!step.diffed) return op.result(ctx, step.unchanged);
  const { diffed, set, bump } = step;
  // The event the record holds from its last update is stored before this write replaces it —
  // beside the revision claim, not after it (see record-events.ts).
  const previous = existing && bump ? ensurePreviousEvents([existing]).then(() => null, (err: unknown) => err) : null;
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
    const claims = await uniqueClaims(ctx, diffed.change, step.data);
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
    await releaseClaims(leftClaims(claims), recordId);
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
