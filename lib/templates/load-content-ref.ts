import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import type { TemplateContent } from "../schema/types";
import { loadTemplateDoc, loadVersionContent, parseContent, type StoredTemplate } from "./template-doc";
import type { VersionRef } from "./template-input";

/**
 * The content of a version or of the draft. Published versions are for anyone who may read the
 * template; the draft only for administrators.
 */
export async function loadContentRef(actor: Actor | null, doc: StoredTemplate, ref: VersionRef): Promise<TemplateContent> {
  if (ref === "draft") {
    assertCan(actor, "template.manage");
    if (!doc.draft) throw new DomainError("NOT_FOUND", msg("templates.noDraft", { template: doc.name }));
    return parseContent(doc.draft.content);
  }
  if (ref > doc.currentVersion) throw new DomainError("NOT_FOUND", msg("templates.versionNotFound", { template: doc.name, version: ref }));
  return loadVersionContent(doc._id, ref);
}

/** Loads the template and checks read access. */
export async function loadReadableTemplate(actor: Actor | null, templateKey: string): Promise<StoredTemplate> {
  assertCan(actor, "template.read");
  return loadTemplateDoc(templateKey);
}
