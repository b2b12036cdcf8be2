import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { TemplateModel } from "../db/models/template";
import { withTemplateRevision } from "./with-template-revision";
import type { TemplateAdminSummary } from "./edit-types";
import { loadTemplateDoc, toAdminSummary, type StoredTemplate } from "./template-doc";

/**
 * Archives a template (hidden from the sidebar and from non-administrators' lists; its records
 * and versions stay untouched) or brings it back.
 */
export async function setTemplateArchived(params: { actor: Actor | null; templateKey: string; archived: boolean }): Promise<TemplateAdminSummary> {
  const { actor, templateKey, archived } = params;
  assertCan(actor, "template.manage");
  const doc = await loadTemplateDoc(templateKey);
  const status = archived ? "archived" : "active";
  if (doc.status === status) return toAdminSummary(doc);
  const updated = await withTemplateRevision(templateKey, doc.revision, () =>
    TemplateModel.findOneAndUpdate({ _id: templateKey, revision: doc.revision, status: doc.status }, { $set: { status }, $inc: { revision: 1 } }, { returnDocument: "after" }).lean(),
  );
  const now = updated ?? (await loadTemplateDoc(templateKey));
  if (updated)
    await writeAuditEvent({
      id: `template:${templateKey}:r${updated.revision}`,
      actor,
      action: archived ? "template.archive" : "template.unarchive",
      entity: "template",
      entityId: templateKey,
      templateKey,
      revision: updated.revision,
    });
  return toAdminSummary(now as StoredTemplate);
}
