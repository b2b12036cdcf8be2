import "server-only";
import { AuditEventModel } from "../../db/models/audit-event";
import { RecordModel } from "../../db/models/record";
import { DomainError, notFound } from "../../errors";
import type { Locale } from "../../i18n/locale";

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
