import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { TemplateModel } from "../db/models/template";
import { withTemplateRevision } from "./with-template-revision";
import { parseInput } from "../validation/parse-input";
import type { TemplateAdminSummary } from "./edit-types";
import { loadTemplateDoc, templateConflict, toAdminSummary, type StoredTemplate } from "./template-doc";
import { updateInfoInput } from "./template-input";

/** Renames a template or changes its product line or description; these are not versioned. */
export async function updateTemplateInfo(params: { actor: Actor | null; templateKey: string; input: unknown }): Promise<TemplateAdminSummary> {
  const { actor, templateKey } = params;
  assertCan(actor, "template.manage");
  const { revision, ...changes } = parseInput(updateInfoInput, params.input);
  const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const updated = await withTemplateRevision(templateKey, revision, () =>
    TemplateModel.findOneAndUpdate({ _id: templateKey, revision }, { $set: set, $inc: { revision: 1 } }, { returnDocument: "after" }).lean(),
  );
  if (!updated) throw templateConflict(await loadTemplateDoc(templateKey), revision);
  await writeAuditEvent({ id: `template:${templateKey}:r${updated.revision}`, actor, action: "template.update", entity: "template", entityId: templateKey, templateKey, revision: updated.revision, meta: set });
  return toAdminSummary(updated as StoredTemplate);
}
