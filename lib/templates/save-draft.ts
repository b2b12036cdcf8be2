import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { checkDraft, problemsToFieldErrors } from "../template-model/check-draft";
import { withDefaultTitle } from "../template-model/list-settings";
import { toContent } from "../template-model/to-content";
import { TemplateModel } from "../db/models/template";
import { withTemplateRevision } from "./with-template-revision";
import { DomainError } from "../errors";
import { checks } from "../i18n/dictionaries/checks";
import { fmt } from "../i18n/dictionaries";
import type { Locale } from "../schema/messages";
import { parseInput } from "../validation/parse-input";
import type { TemplateForEdit } from "./edit-types";
import { getTemplateForEdit } from "./get-template-for-edit";
import { loadTemplateDoc, loadVersionContent, templateConflict } from "./template-doc";
import { saveDraftInput } from "./template-input";

/**
 * Saves the designer's work as the template's draft: `{ revision, model }` from the visual editor
 * or `{ revision, content }` from the JSON view. A stale revision is a conflict; a draft with
 * problems (invalid keys, patterns, choices, schema errors, lost published fields…) is refused
 * with one field error per problem and the last good draft stays as it was.
 */
export async function saveDraft(params: { actor: Actor | null; templateKey: string; input: unknown; locale?: Locale }): Promise<TemplateForEdit> {
  const { actor, templateKey, locale = "zh" } = params;
  assertCan(actor, "template.manage");
  const input = parseInput(saveDraftInput, params.input);
  const doc = await loadTemplateDoc(templateKey);
  if (doc.revision !== input.revision) throw templateConflict(doc, input.revision);
  // A model without a record title gets the first text field as its title, as the designer does
  // when the first field is added: API clients building a template need not know the rule.
  const content = input.model ? toContent(withDefaultTitle(input.model)) : input.content!;
  const published = doc.currentVersion > 0 ? await loadVersionContent(templateKey, doc.currentVersion) : null;
  const { model, problems } = checkDraft(content, published, { locale });
  if (problems.length) {
    throw new DomainError("VALIDATION", fmt(checks[locale].refusedSave, { n: problems.length, first: problems[0].message }), {
      fieldErrors: problemsToFieldErrors(problems, model, locale),
      details: { problems },
    });
  }
  const draft = { content: JSON.stringify(content), baseVersion: doc.currentVersion, updatedAt: new Date(), updatedBy: actor.id, updatedByName: actor.name };
  const saved = await withTemplateRevision(templateKey, input.revision, () =>
    TemplateModel.updateOne({ _id: templateKey, revision: input.revision }, { $set: { draft }, $inc: { revision: 1 } }),
  );
  if (saved.matchedCount !== 1) throw templateConflict(await loadTemplateDoc(templateKey), input.revision);
  await writeAuditEvent({
    id: `template:${templateKey}:r${input.revision + 1}`,
    actor,
    action: "template.draft.save",
    entity: "template",
    entityId: templateKey,
    templateKey,
    revision: input.revision + 1,
    meta: { baseVersion: doc.currentVersion, via: input.model ? "model" : "content" },
  });
  return getTemplateForEdit({ actor, templateKey });
}
