import { checks, type CheckWords } from "../i18n/dictionaries/checks";
import { fmt } from "../i18n/dictionaries";
import { createAjv, isDraft2020 } from "./ajv";
import { listFields, valueFieldMap } from "./fields";
import { catastrophicPart } from "./regex-safety";
import { META_COLUMNS } from "./meta-columns";
import { isScopeSettings } from "./scopes";
import { LOCALES, type Locale } from "../i18n/locale";
import type { Translated } from "../i18n/messages";
import type { JsonSchema, TemplateContent } from "./types";

/** The first of a template's problems (there is one) in every language, for an error that quotes it. */
export function firstProblem(content: TemplateContent): Translated {
  return Object.fromEntries(LOCALES.map((locale) => [locale, checkTemplate(content, locale)[0]?.message ?? ""])) as Translated;
}

/** A problem with a template definition; `path` points into the schema, uiSchema or list settings. */
export interface TemplateProblem {
  path: string;
  message: string;
  /** "compile": ajv could not compile the schema (often a consequence of another problem). */
  code?: "compile";
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkKeys(schema: JsonSchema, pointer: string, problems: TemplateProblem[], w: CheckWords) {
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const p = `${pointer}/properties/${key}`;
    if (!KEY.test(key)) problems.push({ path: p, message: fmt(w.schemaKeyInvalid, { key }) });
    if (!child.title) problems.push({ path: p, message: fmt(w.titleMissing, { key }) });
    checkKeys(child, p, problems, w);
    if (child.items) checkKeys(child.items, `${p}/items`, problems, w);
  }
}

/** Patterns whose matching time can explode (see catastrophicPart), wherever they are in the schema. */
function checkPatterns(node: unknown, pointer: string, problems: TemplateProblem[], w: CheckWords) {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) return node.forEach((child, i) => checkPatterns(child, `${pointer}/${i}`, problems, w));
  for (const [key, value] of Object.entries(node)) {
    const at = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    const part = key === "pattern" && typeof value === "string" ? catastrophicPart(value) : null;
    if (part)
      problems.push({
        path: at,
        message: fmt(w.patternSlow, { part }),
      });
    if (key === "patternProperties" && value && typeof value === "object")
      for (const p of Object.keys(value)) if (catastrophicPart(p)) problems.push({ path: at, message: fmt(w.patternPropertiesSlow, { part: p }) });
    checkPatterns(value, at, problems, w);
  }
}

/** Verification settings, when there are any: their shape, and critical paths that name fields, sections or tables. */
function checkVerification(content: TemplateContent, paths: Set<string>, problems: TemplateProblem[], w: CheckWords) {
  const v = content.verification as unknown;
  if (v === undefined) return;
  const ok = !!v && typeof v === "object" && typeof (v as { enabled?: unknown }).enabled === "boolean" && Array.isArray((v as { critical?: unknown }).critical);
  if (!ok) return void problems.push({ path: "/verification", message: w.verificationShape });
  (v as { critical: unknown[] }).critical.forEach((c, i) => {
    if (typeof c !== "string") problems.push({ path: `/verification/critical/${i}`, message: w.verificationShape });
    else if (!paths.has(c)) problems.push({ path: `/verification/critical/${i}`, message: fmt(w.criticalUnknown, { field: c }) });
  });
}

/** Data scopes, when there are any: known roles, each own, team or all. */
function checkScopes(content: TemplateContent, problems: TemplateProblem[], w: CheckWords) {
  const s = content.scopes as unknown;
  if (s === undefined) return;
  if (!isScopeSettings(s)) problems.push({ path: "/scopes", message: w.scopesShape });
}

/**
 * Checks a template version's content: the schema against its JSON Schema meta-schema, our
 * `x-…` keywords, ajv strict mode, field keys, patterns that could stall validation, and list
 * and verification settings that refer to existing fields.
 */
export function checkTemplate(content: TemplateContent, locale: Locale = "zh"): TemplateProblem[] {
  const w = checks[locale];
  const problems: TemplateProblem[] = [];
  const schema = content.schema;
  if (!schema || typeof schema !== "object" || schema.type !== "object" || !schema.properties) {
    return [{ path: "/schema", message: w.rootObject }];
  }
  const ajv = createAjv(isDraft2020(schema));
  if (!ajv.validateSchema(schema)) {
    for (const e of ajv.errors ?? []) problems.push({ path: `/schema${e.instancePath}`, message: fmt(w.metaSchema, { message: e.message ?? "" }) });
    return problems;
  }
  try {
    const { $id: _ignored, ...rest } = schema;
    ajv.compile(rest);
  } catch (err) {
    problems.push({ path: "/schema", message: fmt(w.compile, { message: (err as Error).message }), code: "compile" });
    return problems;
  }
  checkKeys(schema, "/schema", problems, w);
  checkPatterns(schema, "/schema", problems, w);
  const fields = valueFieldMap(listFields(schema, content.uiSchema));
  const list = content.list;
  if (!list || !Array.isArray(list.columns)) problems.push({ path: "/list/columns", message: w.columnsMissing });
  else
    list.columns.forEach((c, i) => {
      if (!META_COLUMNS.includes(c) && !fields.has(c)) problems.push({ path: `/list/columns/${i}`, message: fmt(w.columnUnknown, { column: c }) });
      else if (fields.get(c)?.inArray) problems.push({ path: `/list/columns/${i}`, message: fmt(w.columnInTable, { column: c }) });
    });
  const sortField = list?.defaultSort?.field;
  if (sortField && !META_COLUMNS.includes(sortField) && !fields.has(sortField))
    problems.push({ path: "/list/defaultSort/field", message: fmt(w.sortUnknown, { field: sortField }) });
  if (list?.titleField && !fields.has(list.titleField))
    problems.push({ path: "/list/titleField", message: fmt(w.titleUnknown, { field: list.titleField }) });
  checkVerification(content, new Set(listFields(schema, content.uiSchema).map((f) => f.path)), problems, w);
  checkScopes(content, problems, w);
  return problems;
}


