import type { TemplateContent, VisibleWhen } from "../schema/types";
import { fromContent } from "./from-content";
import { deepEqual } from "./json";
import { KIND_LABELS, type DesignerField, type DesignerModel } from "./model";
import { allFields, type FieldPlace } from "./model-paths";

/** What changed. */
export type DiffType =
  | "added"
  | "deleted"
  | "removed"
  | "restored"
  | "label"
  | "kind"
  | "required"
  | "options"
  | "visibility"
  | "rules"
  | "flags"
  | "text"
  | "order"
  | "columns"
  | "list";

/** One readable change between two versions; `path` is the field's dot path ("" for list settings). */
export interface DiffEntry {
  type: DiffType;
  path: string;
  label: string;
  message: string;
  before?: unknown;
  after?: unknown;
}

type Entry = { field: DesignerField; place: FieldPlace };

const RULES: [keyof DesignerField, string][] = [
  ["min", "最小值"],
  ["max", "最大值"],
  ["minLength", "最少字数"],
  ["maxLength", "最多字数"],
  ["pattern", "格式（正则）"],
  ["patternMessage", "格式提示"],
];
const FLAGS: [keyof DesignerField, string][] = [
  ["unique", "唯一"],
  ["filterable", "可筛选"],
  ["pii", "个人信息遮蔽"],
];
const TEXTS: [keyof DesignerField, string][] = [
  ["help", "帮助文字"],
  ["placeholder", "占位提示"],
  ["description", "说明"],
  ["default", "默认值"],
  ["widget", "控件"],
];

const show = (v: unknown) => (v === undefined ? "（无）" : typeof v === "string" ? v : JSON.stringify(v));

function describeRule(rule: VisibleWhen | undefined): string {
  if (!rule) return "始终显示";
  const parts: string[] = [];
  if ("equals" in rule) parts.push(`等于 ${show(rule.equals)}`);
  if ("notEquals" in rule) parts.push(`不等于 ${show(rule.notEquals)}`);
  if (rule.in) parts.push(`为 ${rule.in.map(show).join("、")} 之一`);
  if (rule.notIn) parts.push(`不为 ${rule.notIn.map(show).join("、")}`);
  return `当“${rule.field}”${parts.join("且")}时显示`;
}

function diffField(a: DesignerField, b: DesignerField, path: string, out: DiffEntry[]) {
  const name = `“${b.label || b.key}”`;
  const push = (type: DiffType, message: string, before?: unknown, after?: unknown) => out.push({ type, path, label: b.label || b.key, message, before, after });
  if (!a.removed && b.removed) push("removed", `移除（隐藏）了${name}，已有数据保留`);
  if (a.removed && !b.removed) push("restored", `恢复显示${name}`);
  if (a.label !== b.label) push("label", `“${a.label}”改名为“${b.label}”`, a.label, b.label);
  if (a.kind !== b.kind) push("kind", `${name}的类型从“${KIND_LABELS[a.kind]}”改为“${KIND_LABELS[b.kind]}”`, a.kind, b.kind);
  if (a.required !== b.required) push("required", `${name}改为${b.required ? "必填" : "选填"}${b.required && b.visibleWhen ? "（显示时）" : ""}`, a.required, b.required);
  if (!deepEqual(a.options, b.options)) {
    const was = a.options ?? [];
    const now = b.options ?? [];
    const added = now.filter((o) => !was.includes(o));
    const dropped = was.filter((o) => !now.includes(o));
    const parts = [added.length ? `新增 ${added.join("、")}` : "", dropped.length ? `删除 ${dropped.join("、")}` : ""].filter(Boolean);
    push("options", `${name}的选项：${parts.length ? parts.join("；") : "调整了顺序"}`, was, now);
  }
  if (!deepEqual(a.visibleWhen, b.visibleWhen)) push("visibility", `${name}的显示条件：${describeRule(a.visibleWhen)} → ${describeRule(b.visibleWhen)}`, a.visibleWhen, b.visibleWhen);
  for (const [k, title] of RULES) if (!deepEqual(a[k], b[k])) push("rules", `${name}的${title}：${show(a[k])} → ${show(b[k])}`, a[k], b[k]);
  for (const [k, title] of FLAGS) if (!deepEqual(a[k], b[k])) push("flags", `${name}${b[k] ? "设为" : "取消"}${title}${k === "pii" && b.pii ? `（${b.pii}）` : ""}`, a[k], b[k]);
  for (const [k, title] of TEXTS) if (!deepEqual(a[k], b[k])) push("text", `${name}的${title}：${show(a[k])} → ${show(b[k])}`, a[k], b[k]);
  if (!deepEqual(a.extras, b.extras) || !deepEqual(a.rowExtras, b.rowExtras)) push("rules", `${name}的其他 JSON Schema 设置有变化`, a.extras, b.extras);
}

function label(entries: Map<string, Entry>, path: string): string {
  if (path.startsWith("@")) return path;
  const e = entries.get(path);
  return e ? e.field.label || e.field.key : path;
}

function diffList(a: DesignerModel, b: DesignerModel, ea: Map<string, Entry>, eb: Map<string, Entry>, out: DiffEntry[]) {
  const ca = a.list.columns;
  const cb = b.list.columns;
  for (const c of cb.filter((c) => !ca.includes(c))) out.push({ type: "columns", path: c, label: label(eb, c), message: `列表新增列“${label(eb, c)}”` });
  for (const c of ca.filter((c) => !cb.includes(c))) out.push({ type: "columns", path: c, label: label(ea, c), message: `列表去掉列“${label(ea, c)}”` });
  const kept = cb.filter((c) => ca.includes(c));
  if (!deepEqual(kept, ca.filter((c) => cb.includes(c)))) out.push({ type: "columns", path: "", label: "列表", message: "调整了列表列的顺序", before: ca, after: cb });
  if (a.list.titleField !== b.list.titleField)
    out.push({ type: "list", path: "", label: "列表", message: `记录标题字段：${label(ea, a.list.titleField ?? "")  || "（无）"} → ${label(eb, b.list.titleField ?? "") || "（无）"}` });
  if (!deepEqual(a.list.defaultSort, b.list.defaultSort)) out.push({ type: "list", path: "", label: "列表", message: "修改了默认排序", before: a.list.defaultSort, after: b.list.defaultSort });
}

function diffOrder(a: DesignerField[], b: DesignerField[], path: string, name: string, out: DiffEntry[]) {
  const before = a.map((f) => f.key).filter((k) => b.some((f) => f.key === k));
  const after = b.map((f) => f.key).filter((k) => a.some((f) => f.key === k));
  if (!deepEqual(before, after)) out.push({ type: "order", path, label: name, message: `调整了“${name}”中字段的顺序`, before, after });
}

/**
 * A readable, field-level diff between two versions of a template: fields added, deleted,
 * removed (hidden) and restored, renamed labels, kind, required, choices, visibility, rules and
 * flags, and list column changes. Fields are matched by their data path (keys never change
 * without a migration).
 */
export function diffContents(before: TemplateContent, after: TemplateContent): DiffEntry[] {
  const a = fromContent(before);
  const b = fromContent(after);
  const ea = new Map(allFields(a).map((e) => [e.place.path, e]));
  const eb = new Map(allFields(b).map((e) => [e.place.path, e]));
  const out: DiffEntry[] = [];
  for (const [path, { field, place }] of eb) {
    const old = ea.get(path);
    if (old) diffField(old.field, field, path, out);
    else if (!place.holderPath || ea.has(place.holderPath))
      out.push({ type: "added", path, label: field.label || field.key, message: `新增${KIND_LABELS[field.kind]}“${field.label || field.key}”${place.parent ? `（在“${place.parent.label}”中）` : ""}` });
  }
  for (const [path, { field, place }] of ea)
    if (!eb.has(path) && (!place.holderPath || eb.has(place.holderPath)))
      out.push({ type: "deleted", path, label: field.label || field.key, message: `删除了${KIND_LABELS[field.kind]}“${field.label || field.key}”` });
  diffOrder(a.sections, b.sections, "", "模板", out);
  for (const [path, { field }] of eb) {
    const old = ea.get(path)?.field;
    if (old?.children && field.children) diffOrder(old.children, field.children, path, field.label || field.key, out);
  }
  diffList(a, b, ea, eb, out);
  return out;
}
