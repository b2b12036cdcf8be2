import "server-only";
import { auditChanges } from "../audit/audit-changes";
import { roleCan, type Actor } from "../auth/roles";
import { AuditEventModel } from "../db/models/audit-event";
import { resolveText } from "../i18n/messages";
import type { Locale } from "../i18n/locale";
import { diffData } from "../records/diff";
import { getRecord } from "../records/get-record";
import { RecordModel } from "../db/models/record";
import type { RecordView } from "../records/types";
import { schemaAt } from "../schema/fields";
import { maskValue } from "../schema/mask";
import { pointerSegments } from "../schema/messages";
import { fieldPathOfPointer, isCriticalPath, verificationOf } from "../schema/verification";
import type { JsonSchema } from "../schema/types";
import type { FieldChange } from "../shared/field-change";
import { getPublishedTemplate } from "../templates/get-published-template";
import { incompleteRefusal, refusalFor } from "./verify-rules";

/** One value the reviewer checks: old → new, whether it is critical, masked when it is personal data. */
export interface ReviewChange extends FieldChange {
  critical: boolean;
  /** Personal data: shown masked, revealable (audited) through the record's reveal. */
  pii: boolean;
}

/** What a reviewer sees before 核对通过 or 退回. */
export interface VerificationReview {
  enabled: boolean;
  record: RecordView;
  /** Never verified: the whole record is to be checked (`changes` lists every value, from nothing). */
  isNew: boolean;
  /** The revision last verified; the changes are those made after it. */
  sinceRevision: number | null;
  changes: ReviewChange[];
  /** Whether the reader may verify or return it now, and if not, why (in the reader's language). */
  canVerify: boolean;
  refusal: string | null;
}

/**
 * What to check on a record: for one never verified, all of it; for one verified before, the
 * field-by-field change since the verified revision (old → new, each field once however many
 * edits it took), critical fields marked. Read from the audit trail's per-revision changes, so it
 * shows exactly what was written; personal data masked like everywhere else.
 */
export async function getVerificationReview(params: { actor: Actor | null; templateKey: string; recordId: string; locale?: Locale }): Promise<VerificationReview> {
  const { actor, templateKey, recordId, locale = "zh" } = params;
  const record = await getRecord({ actor, templateKey, recordId });
  const template = await getPublishedTemplate(actor, templateKey);
  const schema = template.content.schema;
  const settings = verificationOf(template.content);
  const stored = await RecordModel.findById(recordId, { verification: 1, revision: 1, review: 1, createdBy: 1, updatedBy: 1, data: 1, incomplete: 1 }).lean();
  const sinceRevision = stored?.review?.verifiedRevision ?? null;
  const isNew = !sinceRevision;
  const raw = isNew ? diffData(schema, {}, stored?.data ?? {}, locale) : await changesSince(recordId, templateKey, sinceRevision);
  const changes = raw.map((c) => reviewChange(schema, settings.critical, c));
  const refusal =
    !actor || !roleCan(actor.role, "record.verify") || !stored ? null : (refusalFor(stored, actor.id) ?? incompleteRefusal(stored, (k) => schema.properties?.[k]?.title ?? k));
  const mayVerify = !!actor && roleCan(actor.role, "record.verify") && settings.enabled && !record.deletedAt;
  return {
    enabled: settings.enabled,
    record,
    isNew,
    sinceRevision,
    changes,
    canVerify: mayVerify && !refusal,
    refusal: refusal ? resolveText(locale, refusal.text) : null,
  };
}

/** The net change of a record's data after `revision`: per field, its value then and now. */
async function changesSince(recordId: string, templateKey: string, revision: number): Promise<FieldChange[]> {
  const events = await AuditEventModel.find({ entity: "record", entityId: recordId, templateKey, revision: { $gt: revision } }, { changes: 1, revision: 1 })
    .sort({ revision: 1 })
    .lean();
  const net = new Map<string, FieldChange>();
  for (const e of events)
    for (const c of auditChanges(e)) {
      const path = String(c.path);
      const seen = net.get(path);
      net.set(path, { path, label: String(c.label), before: seen ? seen.before : c.before, after: c.after });
    }
  // An absent value is null in older events and left out in newer ones: the same here.
  return [...net.values()].filter((c) => JSON.stringify(c.before ?? null) !== JSON.stringify(c.after ?? null));
}

function reviewChange(schema: JsonSchema, critical: string[], c: FieldChange): ReviewChange {
  const kind = schemaAt(schema, pointerSegments(c.path))?.["x-pii"];
  return {
    path: c.path,
    label: c.label,
    before: kind ? maskValue(kind, c.before) : c.before,
    after: kind ? maskValue(kind, c.after) : c.after,
    critical: isCriticalPath(critical, fieldPathOfPointer(c.path)),
    pii: !!kind,
  };
}
