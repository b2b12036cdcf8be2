import type { DesignerProblem } from "@/lib/template-model/check-model";
import { isPlainObject } from "@/lib/template-model/json";
import type { JsonSchema, TemplateContent } from "@/lib/schema/types";
import { designer } from "@/lib/i18n/dictionaries/designer";
import { fmt } from "@/lib/i18n/dictionaries";
import { lineColumn, offsetOfPointer, parseJsonLocated, type JsonSyntaxWords } from "./json-locate";

/** The shape checks' messages in one language. */
export type JsonShapeWords = typeof designer.zh.json.shape;

/** A problem in the JSON view: where it is (JSON pointer, line) and what is wrong. */
export interface JsonProblem {
  pointer: string;
  line: number;
  offset: number;
  message: string;
}

// Designer properties and the keywords that hold them, tried in order (uiSchema ones are not
// located: the schema node is close enough to find them).
const PROPERTY_KEYWORDS: Record<string, string[]> = {
  label: ["title"],
  options: ["enum", "items/enum", "items"],
  patternMessage: ["x-messages"],
  min: ["minimum", "minItems"],
  max: ["maximum", "maxItems"],
  visibleWhen: ["x-visibleWhen"],
  filterable: ["x-filterable"],
  unique: ["x-unique"],
  pii: ["x-pii"],
  children: ["items/properties", "properties"],
};

/**
 * The JSON pointer into template content for a designer problem: the field's schema node
 * (through `properties` and a table's `items`), then the keyword at fault when it is there.
 */
export function problemPointer(content: unknown, problem: { path: string; property?: string }): string {
  const root = isPlainObject(content) ? content : {};
  if (!problem.path) {
    const prop = problem.property ?? "";
    return prop ? `/${prop.split(".").join("/")}` : "";
  }
  let node = (isPlainObject(root.schema) ? root.schema : {}) as JsonSchema;
  let pointer = "/schema";
  const segs = problem.path.split(".");
  segs.forEach((seg, n) => {
    node = (node.properties?.[seg] ?? {}) as JsonSchema;
    pointer += `/properties/${seg}`;
    if (n < segs.length - 1 && node.type === "array" && isPlainObject(node.items)) {
      node = node.items;
      pointer += "/items";
    }
  });
  const prop = problem.property;
  if (!prop) return pointer;
  for (const kw of PROPERTY_KEYWORDS[prop] ?? [prop]) {
    const parts = kw.split("/");
    let at: unknown = node;
    for (const p of parts) at = isPlainObject(at) ? at[p] : undefined;
    if (at !== undefined) return `${pointer}/${kw}`;
  }
  return pointer;
}

/** Locates designer problems (from the checks or a 422) in the JSON text. */
export function locateProblems(text: string, content: unknown, problems: DesignerProblem[], words?: JsonSyntaxWords): JsonProblem[] {
  const parsed = parseJsonLocated(text, words);
  const offsets = parsed.ok ? parsed.offsets : new Map<string, number>();
  return problems.map((p) => {
    const pointer = problemPointer(content, p);
    const offset = offsetOfPointer(offsets, pointer);
    return { pointer, offset, line: lineColumn(text, offset).line, message: p.message };
  });
}

/** What a template's content may hold at its top; a key added to TemplateContent must be added here (a type error otherwise). */
const TOP_LEVEL_KEYS: Record<keyof TemplateContent, true> = { schema: true, uiSchema: true, list: true, demo: true, verification: true, selfFill: true, scopes: true, reminders: true };
const TOP_LEVEL: string[] = Object.keys(TOP_LEVEL_KEYS);

/** The shape checks the designer needs before it can read content at all. */
function shapeProblems(value: unknown, w: JsonShapeWords): DesignerProblem[] {
  if (!isPlainObject(value)) return [{ path: "", message: w.notObject }];
  const out: DesignerProblem[] = [];
  for (const key of ["schema", "uiSchema", "list"]) if (!isPlainObject(value[key])) out.push({ path: "", property: key, message: fmt(w.missingPart, { key }) });
  if (isPlainObject(value.list) && !Array.isArray(value.list.columns)) out.push({ path: "", property: "list.columns", message: w.columns });
  const extra = Object.keys(value).filter((k) => !TOP_LEVEL.includes(k));
  if (extra.length) out.push({ path: "", property: extra[0], message: fmt(w.extraTop, { keys: extra.join("”、“") }) });
  return out;
}

/**
 * What can be told about the JSON view's text without compiling anything: a syntax error at its
 * place, or the shape problems, each with its line. `content` is set when the text is a template's
 * content in shape, ready for the designer, template and compatibility checks (checkDraft).
 */
export function readJsonText(text: string, words: { syntaxErrors: JsonSyntaxWords; shape: JsonShapeWords } = designer.zh.json): { content: TemplateContent | null; problems: JsonProblem[] } {
  const parsed = parseJsonLocated(text, words.syntaxErrors);
  if (!parsed.ok) {
    return { content: null, problems: [{ pointer: "", offset: parsed.offset, line: lineColumn(text, parsed.offset).line, message: parsed.message }] };
  }
  const shape = shapeProblems(parsed.value, words.shape);
  if (shape.length) return { content: null, problems: locateProblems(text, parsed.value, shape, words.syntaxErrors) };
  return { content: parsed.value as TemplateContent, problems: [] };
}
