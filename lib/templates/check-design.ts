import "server-only";
import { z } from "zod";
import { assertCan } from "../auth/permissions";
import { fmt } from "../i18n/dictionaries";
import { designer } from "../i18n/dictionaries/designer";
import type { Actor } from "../auth/roles";
import type { Locale } from "../schema/messages";
import type { ValidatorRef } from "../schema/standalone-runtime";
import type { TemplateContent } from "../schema/types";
import { checkDraft } from "../template-model/check-draft";
import type { DesignerProblem } from "../template-model/check-model";
import { parseInput } from "../validation/parse-input";
import { loadTemplateDoc, loadVersionContent } from "./template-doc";
import { templateContentInput } from "./template-input";
import { validatorScriptFor } from "./validator-scripts";

/** What the designer shows for content it has not saved yet. */
export interface DesignCheck {
  /** Everything publishing would refuse; those without `publishOnly` keep the draft from saving too. */
  problems: DesignerProblem[];
  /** The preview's precompiled validators, or why the schema cannot be compiled. */
  preview: { validator: ValidatorRef } | { error: string };
}

const checkDesignInput = z.object({ content: templateContentInput }).strict();

/**
 * The designer's checks of unsaved content, run here because they compile the schema with ajv,
 * which the page may not do under its Content-Security-Policy: the same checks publishDraft runs
 * (checkDraft with `publishing`), and the precompiled validators for the live preview, served by
 * GET validator.js?h=… from this process's cache.
 */
export async function checkDesign(params: { actor: Actor | null; templateKey: string; input: unknown; locale?: Locale }): Promise<DesignCheck> {
  const { actor, templateKey, locale = "zh" } = params;
  assertCan(actor, "template.manage");
  const { content } = parseInput(checkDesignInput, params.input) as { content: TemplateContent };
  const doc = await loadTemplateDoc(templateKey);
  const published = doc.currentVersion > 0 ? await loadVersionContent(templateKey, doc.currentVersion) : null;
  let problems: DesignerProblem[];
  try {
    problems = checkDraft(content, published, { publishing: true, locale }).problems;
  } catch (err) {
    // Content of the right shape that the checks still cannot read (the JSON view's odd cases).
    problems = [{ path: "", message: fmt(designer[locale].json.shape.unreadable, { message: (err as Error).message }) }];
  }
  let preview: DesignCheck["preview"];
  try {
    const { hash } = validatorScriptFor(content.schema);
    preview = { validator: { src: `/api/templates/${encodeURIComponent(templateKey)}/validator.js?h=${hash}`, hash } };
  } catch (err) {
    preview = { error: (err as Error).message };
  }
  return { problems, preview };
}
