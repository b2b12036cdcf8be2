import type Ajv from "ajv";
import { createAjv } from "../schema/ajv";
import { checkTemplate } from "../schema/check-template";
import { listFields } from "../schema/fields";
import { checkReminders } from "../schema/reminder-rules";
import { checks, type CheckWords } from "../i18n/dictionaries/checks";
import { designer } from "../i18n/dictionaries/designer";
import { fmt } from "../i18n/dictionaries";
import { localizeErrors, type Locale } from "../schema/messages";
import type { JsonSchema } from "../schema/types";
import { isHidden } from "./dependents";
import { ownSchema } from "./field-schema";
import { regexError } from "./regex-message";
import { CHOICE_KINDS, isContainer, KEY_PATTERN, rangeKeywords, WIDGETS, type DesignerField, type DesignerModel, type FieldPath } from "./model";
import { allFields, visibleWhenTarget, type FieldPlace } from "./model-paths";
import { toContent } from "./to-content";

/** A problem in a designer model: `path` is the field's dot path ("" for the template itself). */
export interface DesignerProblem {
  path: FieldPath;
  /** The field property at fault ("key", "options", "pattern", "list.columns"…), when known. */
  property?: string;
  message: string;
  /** Only publishing is held up (a draft with it still saves), e.g. a template with no fields yet. */
  publishOnly?: true;
}

let ajv: Ajv | undefined;

/** The messages of one check run, in one language. */
interface Voice {
  w: CheckWords;
  locale: Locale;
  kinds: Record<string, string>;
}

function defaultProblem(field: DesignerField, v: Voice): string | null {
  if (field.default === undefined || isContainer(field.kind)) return null;
  const schema = { ...ownSchema(field), title: field.label || field.key } as JsonSchema;
  try {
    const validate = (ajv ??= createAjv(false)).compile(schema);
    if (validate(field.default)) return null;
    const first = localizeErrors(schema, validate.errors, v.locale)[0];
    return first?.message ?? v.w.defaultWrongType;
  } catch {
    return null; // an uncompilable field schema is reported by the checks below
  }
}

function checkField(field: DesignerField, place: FieldPlace, byPath: Map<string, { field: DesignerField; place: FieldPlace }>, out: DesignerProblem[], v: Voice) {
  const { w } = v;
  const add = (property: string | undefined, message: string) => out.push({ path: place.path, property, message });
  const name = fmt(w.quote, { label: field.label || field.key });
  const say = (template: string, values: Record<string, string | number> = {}) => fmt(template, { name, ...values });
  const kind = v.kinds[field.kind] ?? field.kind;
  if (!KEY_PATTERN.test(field.key)) add("key", say(w.keyInvalid, { key: field.key }));
  if (!field.label.trim()) add("label", say(w.labelMissing, { key: field.key }));
  const widgets = WIDGETS[field.kind];
  if (field.widget && !widgets?.includes(field.widget)) add("widget", say(w.widget, { kind, widget: field.widget }));
  const regexIssue = field.pattern === undefined ? null : regexError(field.pattern, v.locale);
  if (regexIssue) add("pattern", say(w.pattern, { reason: regexIssue }));
  if (CHOICE_KINDS.includes(field.kind) && !("enum" in field.extras.schema) && !("items" in field.extras.schema)) {
    const options = field.options ?? [];
    if (options.length === 0) add("options", say(w.optionsNone));
    if (options.some((o) => !o.trim())) add("options", say(w.optionsBlank));
    const dup = options.find((o, i) => options.indexOf(o) !== i);
    if (dup !== undefined) add("options", say(w.optionsDuplicate, { option: dup }));
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) add("min", say(w.minMax, { min: field.min, max: field.max }));
  if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength)
    add("minLength", say(w.lengthOrder, { min: field.minLength, max: field.maxLength }));
  for (const p of ["minLength", "maxLength"] as const) {
    const v = field[p];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) add(p, say(w.lengthInteger));
  }
  const range = rangeKeywords(field.kind);
  if (range?.[0] === "minItems") for (const p of ["min", "max"] as const) if (field[p] !== undefined && (!Number.isInteger(field[p]) || field[p]! < 0)) add(p, say(w.itemsInteger));
  const defaultIssue = defaultProblem(field, v);
  if (defaultIssue) add("default", say(w.defaultBad, { reason: defaultIssue }));
  if (field.kind === "table" && (field.children ?? []).length === 0) add("children", say(w.tableEmpty));
  if (field.showInList && place.inTable) add("showInList", say(w.listInTable));
  if (field.showInList && isContainer(field.kind)) add("showInList", say(w.listContainer, { kind }));
  if (field.filterable && isContainer(field.kind)) add("filterable", say(w.filterContainer, { kind }));
  if (field.unique && (isContainer(field.kind) || place.inTable)) add("unique", say(place.inTable ? w.uniqueInTable : w.uniqueContainer));
  if (field.pii && isContainer(field.kind)) add("pii", say(w.piiContainer, { kind }));
  if (field.rowKey && field.kind !== "table") add("rowKey", say(w.rowKeyNotTable));
  else if (field.rowKey) {
    // A key column that is gone (deleted, renamed by hand in JSON) or holds no value of its own.
    const columns = new Set((field.children ?? []).filter((c) => !isContainer(c.kind)).map((c) => c.key));
    for (const key of field.rowKey) if (!columns.has(key)) add("rowKey", say(w.rowKeyMissing, { key }));
    if (field.rowKey.length === 0 || new Set(field.rowKey).size !== field.rowKey.length) add("rowKey", say(w.rowKeyMissing, { key: field.rowKey.join("、") }));
  }
  if (field.removed && field.required) add("required", say(w.removedRequired));
  if (field.removed && field.showInList) add("showInList", say(w.removedList));
  const rule = field.visibleWhen;
  if (!rule) return;
  const ops = (["equals", "notEquals", "in", "notIn"] as const).filter((op) => op in rule);
  if (ops.length === 0) add("visibleWhen", say(w.conditionNoValue));
  const targetPath = visibleWhenTarget(place.holderPath, rule);
  const target = byPath.get(targetPath);
  if (!target) return add("visibleWhen", say(w.conditionMissing, { field: rule.field }));
  const tname = fmt(w.quote, { label: target.field.label || target.field.key });
  if (target.field === field) return add("visibleWhen", say(w.conditionSelf));
  if (isContainer(target.field.kind)) return add("visibleWhen", say(w.conditionContainer, { target: tname, kind: v.kinds[target.field.kind] ?? target.field.kind }));
  const table = target.place.inTable ? tableOf(targetPath, byPath) : undefined;
  if (table && !(place.path.startsWith(`${table}.`) && place.holderPath === target.place.holderPath))
    return add("visibleWhen", say(w.conditionInTable, { target: tname }));
  if (target.field.removed) add("visibleWhen", say(w.conditionRemoved, { target: tname }));
  const values = ops.flatMap((op) => (op === "in" || op === "notIn" ? (Array.isArray(rule[op]) ? (rule[op] as unknown[]) : []) : [rule[op]]));
  // Stored values are never "" (blank input is dropped), so such a rule would hide the field for good.
  if (ops.length > 0 && (values.length === 0 || values.some((x) => x === "" || x === undefined || x === null))) return add("visibleWhen", say(w.conditionNoValue));
  if (target.field.kind === "boolean") {
    const bad = values.find((x) => typeof x !== "boolean");
    if (bad !== undefined) add("visibleWhen", say(w.conditionBoolean, { value: String(bad), target: tname }));
  } else if (CHOICE_KINDS.includes(target.field.kind) && target.field.options) {
    const bad = values.find((x) => !target.field.options!.includes(x as string));
    if (bad !== undefined) add("visibleWhen", say(w.conditionChoice, { value: String(bad), target: tname }));
  }
}

/** The path of the innermost table holding a field. */
function tableOf(path: string, byPath: Map<string, { field: DesignerField }>): string | undefined {
  const segs = path.split(".");
  for (let i = segs.length - 1; i > 0; i--) {
    const p = segs.slice(0, i).join(".");
    if (byPath.get(p)?.field.kind === "table") return p;
  }
  return undefined;
}

/** Maps a JSON pointer into template content ("/schema/properties/basic/properties/name/pattern") to a field path. */
export function pointerToFieldPath(pointer: string): { path: FieldPath; property?: string } {
  const segs = pointer.split("/").slice(1);
  if (segs[0] !== "schema") return { path: "", property: segs.slice(0, 2).join(".") || undefined };
  const keys: string[] = [];
  let i = 1;
  while (i < segs.length) {
    if (segs[i] === "properties" && i + 1 < segs.length) {
      keys.push(segs[i + 1]);
      i += 2;
    } else if (segs[i] === "items") i += 1;
    else break;
  }
  return { path: keys.join("."), property: segs[i] };
}

/**
 * Everything wrong with a model, each problem with the field it concerns and a message in
 * `locale`: designer rules first, then checkTemplate on the compiled content (meta-schema, strict
 * ajv, list settings). `publishing` adds the checks that only matter for a version (no fields).
 */
export function checkModel(model: DesignerModel, options: { publishing?: boolean; locale?: Locale } = {}): DesignerProblem[] {
  const locale = options.locale ?? "zh";
  const v: Voice = { w: checks[locale], locale, kinds: designer[locale].kinds };
  const problems: DesignerProblem[] = [];
  const entries = allFields(model);
  const byPath = new Map(entries.map((e) => [e.place.path, e]));
  const seen = new Set<string>();
  for (const { field, place } of entries) {
    const id = `${place.holderPath}|${field.key}`;
    if (seen.has(id)) problems.push({ path: place.path, property: "key", message: fmt(v.w.keyDuplicate, { key: field.key }) });
    seen.add(id);
    checkField(field, place, byPath, problems, v);
  }
  const hasFields = entries.some((e) => !e.field.removed && !isContainer(e.field.kind));
  if (options.publishing && !hasFields) problems.push({ path: "", message: v.w.noFields, publishOnly: true });
  // Every record is named by its title field (links, history, the detail page): a template
  // without one, or whose title is hidden, publishes records named only by their id.
  const title = model.list.titleField;
  if (options.publishing && hasFields && !title) problems.push({ path: "", property: "list.titleField", message: v.w.noTitle, publishOnly: true });
  if (options.publishing && title && byPath.has(title) && isHidden(model, title))
    problems.push({ path: "", property: "list.titleField", message: fmt(v.w.titleHidden, { name: fmt(v.w.quote, { label: byPath.get(title)!.field.label || title }) }), publishOnly: true });
  if (problems.some((p) => p.property === "key")) return problems; // compiling would only repeat them
  // A field with a designer problem gets no second, more technical message about the same thing.
  const flagged = new Set(problems.map((p) => p.path));
  const hasFieldProblem = problems.length > 0;
  const content = toContent(model);
  for (const p of checkTemplate(content, locale)) {
    const at = pointerToFieldPath(p.path);
    if (flagged.has(at.path) || (hasFieldProblem && p.code === "compile")) continue;
    problems.push({ ...at, message: p.message });
  }
  // A rule left on a field the draft removes or retypes holds up publishing, not the draft's
  // autosave: the administrator fixes the rule after the field change, in either order.
  if (options.publishing)
    for (const p of checkReminders(content, listFields(content.schema, content.uiSchema), locale))
      problems.push({ path: "", property: p.path.slice(1).split("/").slice(0, 2).join("."), message: p.message, publishOnly: true });
  return problems;
}
