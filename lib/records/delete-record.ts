import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import { roleCan, type Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { DomainError, forbidden, notFound } from "../errors";
import type { Locale } from "../schema/messages";
import { getPublishedTemplate } from "../templates/get-published-template";
import { assertRecordId } from "./check-record-data";
import { claimRevision } from "./revision-claim";
import { conflictError } from "./update-record";
import { claimsOf, releaseClaims } from "./unique-claims";

/**
 * Moves a record to the recycle bin. Its data stays untouched and it can be restored; its unique
 * values are released so that a replacement record can use them. Agents may delete only records
 * they own. The caller names the revision it saw, like an edit: a delete without one is refused
 * as a stale one is, since it would throw away whatever was saved since the record was read.
 */
export async function deleteRecord(params: { actor: Actor | null; templateKey: string; recordId: string; expectedRevision: number | undefined; locale?: Locale }) {
  const { actor, templateKey, recordId, locale = "zh" } = params;
  assertCan(actor, "record.delete");
  assertRecordId(recordId);
  const template = await getPublishedTemplate(actor, templateKey);
  await connectDb();
  const existing = await RecordModel.findOne({ _id: recordId, templateKey, deletedAt: null }).lean();
  if (!existing) throw notFound(locale === "zh" ? "记录不存在或已被删除" : "The record does not exist");
  if (!roleCan(actor.role, "record.deleteAny") && existing.ownerId !== actor.id) throw forbidden("只能删除自己创建的记录");
  if (params.expectedRevision === undefined) {
    const message = locale === "zh" ? `删除前需要确认记录的版本（当前第 ${existing.revision} 版），请刷新后再删除。` : `Say which revision you are deleting (it is now revision ${existing.revision}); reload and delete again.`;
    throw new DomainError("CONFLICT", message, { details: { currentRevision: existing.revision, updatedBy: existing.updatedByName, updatedAt: existing.updatedAt.toISOString(), changedFields: [] } });
  }
  const expected = params.expectedRevision;
  const release = await claimRevision(recordId, expected);
  if (!release) throw await conflictError(recordId, expected, locale);
  try {
    const updated = await RecordModel.findOneAndUpdate(
      { _id: recordId, templateKey, revision: expected, deletedAt: null },
      { $set: { deletedAt: new Date(), deletedBy: actor.id, deletedByName: actor.name }, $inc: { revision: 1 } },
      { returnDocument: "after" },
    ).lean();
    if (!updated) throw await conflictError(recordId, expected, locale);
    await releaseClaims(claimsOf(templateKey, template.fields, existing.data).map((c) => c.id), recordId);
    await writeAuditEvent({ id: `record:${recordId}:${updated.revision}`, actor, action: "record.delete", entity: "record", entityId: recordId, templateKey, revision: updated.revision });
    return { id: recordId, revision: updated.revision };
  } finally {
    await release();
  }
}
