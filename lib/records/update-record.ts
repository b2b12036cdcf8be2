import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { AuditEventModel } from "../db/models/audit-event";
import { RecordModel } from "../db/models/record";
import { DomainError, notFound } from "../errors";
import type { Locale } from "../schema/messages";
import { getPublishedTemplate } from "../templates/get-published-template";
import { currentShape } from "../templates/migrations/upgrade-record-data";
import { assertRecordId, assertRecordInput, checkRecordData } from "./check-record-data";
import { diffData } from "./diff";
import { ensureDataWritten } from "./ensure-data-written";
import { keepRemovedValues } from "./keep-removed-values";
import { toRecordView } from "./map-record";
import { claimRevision } from "./revision-claim";
import type { RecordView } from "./types";
import { claimsOf, claimUniques, releaseClaims } from "./unique-claims";

/**
 * The error for an edit that started from an older revision than the stored one. It names who
 * saved in between and which fields they changed, so the user can decide what to keep.
 */
export async function conflictError(recordId: string, expected: number, locale: Locale): Promise<DomainError> {
  const current = await RecordModel.findById(recordId).lean();
  if (!current || current.deletedAt) return notFound(locale === "zh" ? "记录不存在或已被删除" : "The record no longer exists");
  const events = await AuditEventModel.find({ entity: "record", entityId: recordId, revision: { $gt: expected } }, { changes: 1 }).lean();
  const changedFields = [...new Set(events.flatMap((e) => (e.changes ?? []).map((c) => String(c.label))))].slice(0, 20);
  const message =
    locale === "zh"
      ? `这条记录已被 ${current.updatedByName} 修改（第 ${current.revision} 版），你的修改基于第 ${expected} 版，尚未保存。`
      : `${current.updatedByName} changed this record (revision ${current.revision}) after you opened it (revision ${expected}); your changes were not saved.`;
  return new DomainError("CONFLICT", message, {
    details: { currentRevision: current.revision, updatedBy: current.updatedByName, updatedAt: current.updatedAt.toISOString(), changedFields },
  });
}

/**
 * Saves a new version of a record's data. The edit carries the revision it started from; if
 * someone saved in between, nothing is written and the caller gets a 409 conflict. The record
 * moves to the template's current version, since that is what it was validated against.
 */
export async function updateRecord(params: {
  actor: Actor | null;
  templateKey: string;
  recordId: string;
  input: unknown;
  expectedRevision: unknown;
  locale?: Locale;
}): Promise<RecordView> {
  const { actor, templateKey, recordId, input, expectedRevision, locale = "zh" } = params;
  assertCan(actor, "record.update");
  assertRecordId(recordId);
  if (typeof expectedRevision !== "number" || !Number.isInteger(expectedRevision) || expectedRevision < 1)
    throw new DomainError("BAD_REQUEST", locale === "zh" ? "缺少修改所基于的版本号（revision）" : "The revision the edit started from is required");
  assertRecordInput(input, locale);
  const template = await getPublishedTemplate(actor, templateKey);
  await connectDb();
  const existing = await RecordModel.findOne({ _id: recordId, templateKey, deletedAt: null }).lean();
  if (!existing) throw notFound(locale === "zh" ? "记录不存在或已被删除" : "The record does not exist");
  if (existing.revision !== expectedRevision) throw await conflictError(recordId, expectedRevision, locale);
  // Older records are compared in the current version's shape (keys renamed by a migration).
  const stored = await currentShape(existing, template.version);
  const data = checkRecordData(template, keepRemovedValues(template.fields, stored, input), locale);
  const schema = template.content.schema;
  const changes = diffData(schema, stored, data, locale);
  if (changes.length === 0 && existing.templateVersion === template.version) return toRecordView(existing, schema, true);

  const release = await claimRevision(recordId, expectedRevision);
  if (!release) throw await conflictError(recordId, expectedRevision, locale);
  try {
    const { taken, conflicts } = await claimUniques({ templateKey, fields: template.fields, schema, recordId, data, locale });
    if (conflicts.length) throw new DomainError("VALIDATION", conflicts[0].message, { fieldErrors: conflicts });
    const updated = await ensureDataWritten(
      await RecordModel.findOneAndUpdate(
        { _id: recordId, templateKey, revision: expectedRevision, deletedAt: null },
        { $set: { data, templateVersion: template.version, updatedBy: actor.id, updatedByName: actor.name }, $inc: { revision: 1 } },
        { returnDocument: "after" },
      ).lean(),
      data,
    );
    if (!updated) {
      await releaseClaims(taken, recordId);
      throw await conflictError(recordId, expectedRevision, locale);
    }
    const kept = new Set(claimsOf(templateKey, template.fields, data).map((c) => c.id));
    const dropped = claimsOf(templateKey, template.fields, stored).filter((c) => !kept.has(c.id));
    await releaseClaims(dropped.map((c) => c.id), recordId);
    await writeAuditEvent({
      id: `record:${recordId}:${updated.revision}`,
      actor,
      action: "record.update",
      entity: "record",
      entityId: recordId,
      templateKey,
      revision: updated.revision,
      changes,
      meta: existing.templateVersion !== template.version ? { fromVersion: existing.templateVersion, toVersion: template.version } : undefined,
    });
    return toRecordView(updated, schema, true);
  } finally {
    await release();
  }
}
