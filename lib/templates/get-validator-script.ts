import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { loadVersion } from "./get-published-template";
import { loadReadableTemplate } from "./load-content-ref";
import { cachedValidatorScript, validatorScriptFor } from "./validator-scripts";

/**
 * The precompiled validator script the browser's record form runs (a published version, for
 * anyone who may read the template) or the designer's preview of unsaved content (by the hash
 * checkDesign returned, administrators only). `immutable`: the script never changes at its URL.
 */
export async function getValidatorScript(params: { actor: Actor | null; templateKey: string; version?: number; hash?: string }): Promise<{ code: string; immutable: boolean }> {
  const { actor, templateKey, version, hash } = params;
  if (version !== undefined) {
    const doc = await loadReadableTemplate(actor, templateKey);
    if (!Number.isInteger(version) || version < 1 || version > doc.currentVersion) throw new DomainError("NOT_FOUND", msg("templates.versionNotFound", { template: doc.name, version: String(version) }));
    const published = await loadVersion(doc._id, version);
    return { code: validatorScriptFor(published.content.schema).code, immutable: true };
  }
  assertCan(actor, "template.manage");
  const code = hash && /^[0-9a-f]{32}$/.test(hash) ? cachedValidatorScript(hash) : undefined;
  if (code === undefined) throw new DomainError("NOT_FOUND", msg("templates.validatorGone"));
  return { code, immutable: false };
}
