import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { DomainError, notFound } from "../errors";
import type { Locale } from "../schema/messages";
import { getPublishedTemplate } from "../templates/get-published-template";
import { assertRecordId } from "./check-record-data";
import { claimRevision } from "./revision-claim";
import { claimUniques, releaseClaims } from "./unique-claims";

/** Brings a record back from the recycle bin (administrators), re-claiming its unique values. */
export async function restoreRecord(params: { actor: Actor | null; templateKey: string; recordId: string; locale?: Locale }) {
  const { actor, templateKey, recordId, locale = "zh" } = params;
  assertCan(actor, "record.restore");
  assertRecordId(recordId);
  const template = await getPublishedTemplate(actor, templateKey);
  await connectDb();
  const existing = await RecordModel.findOne({ _id: recordId, templateKey, deletedAt: { $ne: null } }).lean();
  if (!existing) throw notFound(locale === "zh" ? "回收站中没有这条记录" : "The record is not in the recycle bin");
  const busy = () => new DomainError("CONFLICT", "记录刚被其他人修改，请刷新后重试");
  const release = await claimRevision(recordId, existing.revision);
  if (!release) throw busy();
  try {
    const { taken, conflicts } = await claimUniques({ templateKey, fields: template.fields, schema: template.content.schema, recordId, data: existing.data, locale });
    if (conflicts.length) throw new DomainError("CONFLICT", `无法恢复：${conflicts.map((c) => c.message).join("；")}`, { fieldErrors: conflicts });
    const updated = await RecordModel.findOneAndUpdate(
      { _id: recordId, revision: existing.revision, deletedAt: { $ne: null } },
      { $set: { deletedAt: null, deletedBy: null, deletedByName: null, updatedBy: actor.id, updatedByName: actor.name }, $inc: { revision: 1 } },
      { returnDocument: "after" },
    ).lean();
    if (!updated) {
      await releaseClaims(taken, recordId);
      throw busy();
    }
    await writeAuditEvent({ id: `record:${recordId}:${updated.revision}`, actor, action: "record.restore", entity: "record", entityId: recordId, templateKey, revision: updated.revision });
    return { id: recordId, revision: updated.revision };
  } finally {
    await release();
  }
}
