import "server-only";
import type { Actor } from "../auth/roles";
import type { TemplateContent } from "../schema/types";
import type { TemplateAdminSummary } from "./edit-types";
import { loadReadableTemplate } from "./load-content-ref";
import { loadVersionContent, toAdminSummary } from "./template-doc";

/** A template's summary and its current published content (null before the first publish). */
export async function getTemplate(params: { actor: Actor | null; templateKey: string }): Promise<{ template: TemplateAdminSummary; content: TemplateContent | null }> {
  const doc = await loadReadableTemplate(params.actor, params.templateKey);
  const content = doc.currentVersion > 0 ? await loadVersionContent(doc._id, doc.currentVersion) : null;
  return { template: toAdminSummary(doc), content };
}
