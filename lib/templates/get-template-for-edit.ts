import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { checkDraft } from "../template-model/check-draft";
import { blankModel } from "../template-model/new-field";
import { toContent } from "../template-model/to-content";
import type { TemplateForEdit } from "./edit-types";
import { templateReminders } from "./template-reminders";
import { draftInfo, loadTemplateDoc, loadVersionContent, parseContent, toAdminSummary } from "./template-doc";

/**
 * What the designer opens (administrators): the draft if one is saved, else the current version,
 * as content and as a designer model, with the revision to save against and the problems that
 * would keep it from being published.
 */
export async function getTemplateForEdit(params: { actor: Actor | null; templateKey: string }): Promise<TemplateForEdit> {
  const { actor, templateKey } = params;
  assertCan(actor, "template.manage");
  const doc = await loadTemplateDoc(templateKey);
  const published = doc.currentVersion > 0 ? await loadVersionContent(templateKey, doc.currentVersion) : null;
  const stored = doc.draft ? parseContent(doc.draft.content) : (published ?? toContent(blankModel(doc.name)));
  // A version from before reminder rules reminds with its shipped template's rules; the designer
  // shows them as the template's own, so that editing one keeps the others.
  const rules = stored.reminders === undefined ? templateReminders(templateKey, stored) : [];
  const content = rules.length ? { ...stored, reminders: rules } : stored;
  const { model, problems } = checkDraft(content, published, { publishing: true });
  return { template: toAdminSummary(doc), source: doc.draft ? "draft" : "version", content, model, problems, draft: draftInfo(doc) };
}
