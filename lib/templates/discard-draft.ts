import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { TemplateModel } from "../db/models/template";
import { withTemplateRevision } from "./with-template-revision";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { parseInput } from "../validation/parse-input";
import type { TemplateForEdit } from "./edit-types";
import { getTemplateForEdit } from "./get-template-for-edit";
import { loadTemplateDoc, templateConflict } from "./template-doc";
import { revisionInput } from "./template-input";

/** Throws the draft away; the designer then shows the current version again. */
export async function discardDraft(params: { actor: Actor | null; templateKey: string; input: unknown }): Promise<TemplateForEdit> {
  const { actor, templateKey } = params;
  assertCan(actor, "template.manage");
  const { revision } = parseInput(revisionInput, params.input);
  const doc = await loadTemplateDoc(templateKey);
  if (doc.revision !== revision) throw templateConflict(doc, revision);
  if (!doc.draft) throw new DomainError("BAD_REQUEST", msg("templates.noDraftToDiscard"));
  if (doc.currentVersion < 1) throw new DomainError("BAD_REQUEST", msg("templates.discardUnpublished"));
  const done = await withTemplateRevision(templateKey, revision, () =>
    TemplateModel.updateOne({ _id: templateKey, revision }, { $unset: { draft: 1 }, $inc: { revision: 1 } }),
  );
  if (done.matchedCount !== 1) throw templateConflict(await loadTemplateDoc(templateKey), revision);
  await writeAuditEvent({ id: `template:${templateKey}:r${revision + 1}`, actor, action: "template.draft.discard", entity: "template", entityId: templateKey, templateKey, revision: revision + 1 });
  return getTemplateForEdit({ actor, templateKey });
}
