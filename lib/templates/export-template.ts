import "server-only";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import type { TemplateExport } from "./edit-types";
import { loadContentRef, loadReadableTemplate } from "./load-content-ref";
import type { VersionRef } from "./template-input";

/** A template version (the current one by default, or the draft) as a portable JSON document. */
export async function exportTemplate(params: { actor: Actor | null; templateKey: string; version?: VersionRef }): Promise<TemplateExport> {
  const { actor, templateKey } = params;
  const doc = await loadReadableTemplate(actor, templateKey);
  const version = params.version ?? doc.currentVersion;
  if (version === 0) throw new DomainError("BAD_REQUEST", msg("templates.exportUnpublished"));
  const content = await loadContentRef(actor, doc, version);
  return {
    format: "dossier-template",
    formatVersion: 1,
    key: doc._id,
    name: doc.name,
    productLine: doc.productLine ?? "",
    description: doc.description ?? "",
    version,
    exportedAt: new Date().toISOString(),
    content,
  };
}
