import { checks } from "../i18n/dictionaries/checks";
import type { FieldError, Locale } from "../schema/messages";
import type { TemplateContent } from "../schema/types";
import { checkCompat } from "./check-compat";
import { checkModel, type DesignerProblem } from "./check-model";
import { fromContent } from "./from-content";
import type { DesignerModel } from "./model";
import { fieldLabelPath } from "./field-label-path";

/**
 * Everything that keeps content from being saved as a draft (or, with `publishing`, published):
 * designer rules, checkTemplate, and compatibility with the published version.
 */
export function checkDraft(content: TemplateContent, published: TemplateContent | null, options: { publishing?: boolean; locale?: Locale } = {}): { model: DesignerModel; problems: DesignerProblem[] } {
  const model = fromContent(content);
  const problems = checkModel(model, options);
  if (published) {
    const seen = new Set(problems.map((p) => `${p.path}|${p.property}`));
    for (const p of checkCompat(published, content, options.locale)) if (!seen.has(`${p.path}|${p.property}`)) problems.push(p);
  }
  return { model, problems };
}

/**
 * What the designer shows while editing: `all` is exactly what publishing would refuse (the
 * checks publishDraft runs), `blocking` the part that also keeps the draft from being saved.
 * Showing only the latter made a blank template read "没有问题" while 发布 refused it.
 */
export function designerChecks(content: TemplateContent, published: TemplateContent | null, locale: Locale = "zh"): { all: DesignerProblem[]; blocking: DesignerProblem[] } {
  const all = checkDraft(content, published, { publishing: true, locale }).problems;
  return { all, blocking: all.filter((p) => !p.publishOnly) };
}

/** Designer problems as the API's field errors: `path` a JSON pointer of keys, `keyword` the property at fault. */
export function problemsToFieldErrors(problems: DesignerProblem[], model: DesignerModel, locale: Locale = "zh"): FieldError[] {
  return problems.map((p) => ({
    path: p.path ? `/${p.path.split(".").join("/")}` : "",
    label: fieldLabelPath(model, p.path, checks[locale].template),
    message: p.message,
    keyword: p.property ?? "template",
  }));
}
