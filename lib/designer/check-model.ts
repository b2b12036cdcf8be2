import type Ajv from "ajv";
import { createAjv } from "../schema/ajv";
import { checkTemplate } from "../schema/check-template";
import { localizeErrors } from "../schema/messages";
import type { JsonSchema } from "../schema/types";
import { ownSchema } from "./field-schema";
import { regexError } from "./regex-message";
import { CHOICE_KINDS, isContainer, KEY_PATTERN, KIND_LABELS, rangeKeywords, WIDGETS, type DesignerField, type DesignerModel, type FieldPath } from "./model";
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

function defaultProblem(field: DesignerField): string | null {
  if (field.default === undefined || isContainer(field.kind)) return null;
  const schema = { ...ownSchema(field), title: field.label || field.key } as JsonSchema;
  try {
    const validate = (ajv ??= createAjv(false)).compile(schema);
    if (validate(field.default)) return null;
    const first = localizeErrors(schema, validate.errors, "zh")[0];
    return `默认值不符合要求：${first?.message ?? "类型不对"}`;
  } catch {
    return null; // an uncompilable field schema is reported by the checks below
  }
}

function checkField(field: DesignerField, place: FieldPlace, byPath: Map<string, { field: DesignerField; place: FieldPlace }>, out: DesignerProblem[]) {
  const add = (property: string | undefined, message: string) => out.push({ path: place.path, property, message });
  const name = `“${field.label || field.key}”`;
  if (!KEY_PATTERN.test(field.key)) add("key", `${name}的键“${field.key}”只能包含字母、数字和下划线，且不能以数字开头`);
  if (!field.label.trim()) add("label", `字段“${field.key}”缺少名称`);
  const widgets = WIDGETS[field.kind];
  if (field.widget && !widgets?.includes(field.widget)) add("widget", `${name}（${KIND_LABELS[field.kind]}）不能使用控件“${field.widget}”`);
  const regexIssue = field.pattern === undefined ? null : regexError(field.pattern);
  if (regexIssue) add("pattern", `${name}的格式（正则表达式）无效：${regexIssue}`);
  if (CHOICE_KINDS.includes(field.kind) && !("enum" in field.extras.schema) && !("items" in field.extras.schema)) {
    const options = field.options ?? [];
    if (options.length === 0) add("options", `${name}至少需要一个选项`);
    if (options.some((o) => !o.trim())) add("options", `${name}有空白的选项`);
    const dup = options.find((o, i) => options.indexOf(o) !== i);
    if (dup !== undefined) add("options", `${name}的选项“${dup}”重复`);
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) add("min", `${name}的最小值（${field.min}）大于最大值（${field.max}）`);
  if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength)
    add("minLength", `${name}的最少字数（${field.minLength}）大于最多字数（${field.maxLength}）`);
  for (const p of ["minLength", "maxLength"] as const) {
    const v = field[p];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) add(p, `${name}的字数限制必须是非负整数`);
  }
  const range = rangeKeywords(field.kind);
  if (range?.[0] === "minItems") for (const p of ["min", "max"] as const) if (field[p] !== undefined && (!Number.isInteger(field[p]) || field[p]! < 0)) add(p, `${name}的行数或选择数限制必须是非负整数`);
  const defaultIssue = defaultProblem(field);
  if (defaultIssue) add("default", `${name}的${defaultIssue}`);
  if (field.kind === "table" && (field.children ?? []).length === 0) add("children", `子表格${name}至少需要一列`);
  if (field.showInList && place.inTable) add("showInList", `${name}位于子表格中，不能显示为列表列`);
  if (field.showInList && isContainer(field.kind)) add("showInList", `${name}是${KIND_LABELS[field.kind]}，不能显示为列表列`);
  if (field.filterable && isContainer(field.kind)) add("filterable", `${name}是${KIND_LABELS[field.kind]}，不能用于筛选`);
  if (field.unique && (isContainer(field.kind) || place.inTable)) add("unique", `${name}${place.inTable ? "位于子表格中" : "不是填写值的字段"}，不能设为唯一`);
  if (field.pii && isContainer(field.kind)) add("pii", `${name}是${KIND_LABELS[field.kind]}，不能标记为个人信息`);
  if (field.removed && field.required) add("required", `${name}已移除，不能再设为必填`);
  if (field.removed && field.showInList) add("showInList", `${name}已移除，不能再显示为列表列`);
  const rule = field.visibleWhen;
  if (!rule) return;
  const ops = (["equals", "notEquals", "in", "notIn"] as const).filter((op) => op in rule);
  if (ops.length === 0) add("visibleWhen", `${name}的显示条件缺少取值`);
  const targetPath = visibleWhenTarget(place.holderPath, rule);
  const target = byPath.get(targetPath);
  if (!target) return add("visibleWhen", `${name}的显示条件引用的字段“${rule.field}”不存在`);
  const tname = `“${target.field.label || target.field.key}”`;
  if (target.field === field) return add("visibleWhen", `${name}的显示条件不能引用它自己`);
  if (isContainer(target.field.kind)) return add("visibleWhen", `${name}的显示条件只能引用填写值的字段，${tname}是${KIND_LABELS[target.field.kind]}`);
  const table = target.place.inTable ? tableOf(targetPath, byPath) : undefined;
  if (table && !(place.path.startsWith(`${table}.`) && place.holderPath === target.place.holderPath))
    return add("visibleWhen", `${name}的显示条件不能引用子表格中的字段${tname}`);
  if (target.field.removed) add("visibleWhen", `${name}的显示条件引用的字段${tname}已被移除`);
  const values = ops.flatMap((op) => (op === "in" || op === "notIn" ? (Array.isArray(rule[op]) ? (rule[op] as unknown[]) : []) : [rule[op]]));
  // Stored values are never "" (blank input is dropped), so such a rule would hide the field for good.
  if (ops.length > 0 && (values.length === 0 || values.some((v) => v === "" || v === undefined || v === null))) return add("visibleWhen", `${name}的显示条件缺少取值`);
  if (target.field.kind === "boolean") {
    const bad = values.find((v) => typeof v !== "boolean");
    if (bad !== undefined) add("visibleWhen", `${name}的显示条件取值“${String(bad)}”不是${tname}的取值（是/否）`);
  } else if (CHOICE_KINDS.includes(target.field.kind) && target.field.options) {
    const bad = values.find((v) => !target.field.options!.includes(v as string));
    if (bad !== undefined) add("visibleWhen", `${name}的显示条件取值“${String(bad)}”不是${tname}的选项`);
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
 * Everything wrong with a model, each problem with the field it concerns and a Chinese message:
 * designer rules first, then checkTemplate on the compiled content (meta-schema, strict ajv,
 * list settings). `publishing` adds the checks that only matter for a version (no fields).
 */
export function checkModel(model: DesignerModel, options: { publishing?: boolean } = {}): DesignerProblem[] {
  const problems: DesignerProblem[] = [];
  const entries = allFields(model);
  const byPath = new Map(entries.map((e) => [e.place.path, e]));
  const seen = new Set<string>();
  for (const { field, place } of entries) {
    const id = `${place.holderPath}|${field.key}`;
    if (seen.has(id)) problems.push({ path: place.path, property: "key", message: `键“${field.key}”在同一分组中重复` });
    seen.add(id);
    checkField(field, place, byPath, problems);
  }
  if (options.publishing && !entries.some((e) => !e.field.removed && !isContainer(e.field.kind)))
    problems.push({ path: "", message: "模板还没有任何字段，请先添加字段再发布", publishOnly: true });
  if (problems.some((p) => p.property === "key")) return problems; // compiling would only repeat them
  // A field with a designer problem gets no second, more technical message about the same thing.
  const flagged = new Set(problems.map((p) => p.path));
  const hasFieldProblem = problems.length > 0;
  for (const p of checkTemplate(toContent(model))) {
    const at = pointerToFieldPath(p.path);
    if (flagged.has(at.path) || (hasFieldProblem && p.message.startsWith("无法编译"))) continue;
    problems.push({ ...at, message: p.message });
  }
  return problems;
}
