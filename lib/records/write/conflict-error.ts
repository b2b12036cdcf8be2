import "server-only";
import { auditChanges } from "../../audit/audit-changes";
import { AuditEventModel } from "../../db/models/audit-event";
import { RecordModel } from "../../db/models/record";
import { DomainError } from "../../errors";
import type { Locale } from "../../i18n/locale";
import { msg } from "../../i18n/messages";

/**
 * The error for an edit that started from an older revision than the stored one. It names who
 * saved in between and which fields they changed, so the user can decide what to keep.
 */
export async function conflictError(recordId: string, expected: number, locale: Locale): Promise<DomainError> {
  const current = await RecordModel.findById(recordId).lean();
  if (!current || current.deletedAt) return new DomainError("NOT_FOUND", msg("records.gone"), { locale });
  const events = await AuditEventModel.find({ entity: "record", entityId: recordId, revision: { $gt: expected } }, { changes: 1, actorName: 1, revision: 1 }).lean();
  const changedFields = [...new Set(events.flatMap((e) => auditChanges(e).map((c) => String(c.label))))].slice(0, 20);
  // Who wrote last: a verification moves the revision without being an edit, so the record's
  // last editor may be the very person whose save was refused.
  const latest = events.reduce<(typeof events)[number] | null>((a, e) => (!a || (e.revision ?? 0) > (a.revision ?? 0) ? e : a), null);
  const name = latest?.actorName || current.updatedByName || "—";
  return new DomainError("CONFLICT", msg("records.changedMeanwhile", { name, revision: current.revision, expected }), {
    locale,
    details: { currentRevision: current.revision, updatedBy: name, updatedAt: current.updatedAt.toISOString(), changedFields },
  });
}
