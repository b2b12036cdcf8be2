import { designer } from "../i18n/dictionaries/designer";
import { scopeOf } from "../schema/scopes";
import { ROLES } from "../shared/role";
import { diff, type DiffWords } from "../i18n/dictionaries/diff";
import type { Locale } from "../schema/messages";
import type { TemplateContent, VisibleWhen } from "../schema/types";
import { movePath, type Rename } from "./diff-renames";
import { fromContent } from "./from-content";
import { deepEqual } from "./json";
import type { DesignerField, DesignerModel } from "./model";
import { allFields, visibleWhenTarget, type FieldPlace } from "./model-paths";

/** What changed. */
export type DiffType =
  | "added"
  | "deleted"
  | "removed"
  | "restored"
  | "key"
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
  | "list"
  | "verification"
  | "selfFill";

/** One readable change between two versions; `path` is the field's dot path in the newer side ("" for list settings). */
export interface DiffEntry {
  type: DiffType;
  path: string;
  label: string;
  message: string;
  before?: unknown;
  after?: unknown;
}

type Entry = { field: DesignerField; place: FieldPlace };
type Words = DiffWords & { kinds: Record<string, string>; pii: Record<string, string> };

const RULES = ["min", "max", "minLength", "maxLength", "pattern", "patternMessage"] as const;
const FLAGS = ["unique", "filterable", "pii"] as const;
const TEXTS = ["help", "placeholder", "description", "default", "widget", "importAliases"] as const;

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? `{${k}}`);

/** Writes the sentences of one diff in one language. */
class Writer {
  constructor(
    readonly w: Words,
    private readonly labelOf: (path: string) => string,
  ) {}
  quote = (label: string) => fill(this.w.quote, { label });
  name = (f: DesignerField) => this.quote(f.label || f.key);
  show = (v: unknown): string =>
    v === undefined ? this.w.none : typeof v === "string" ? v : typeof v === "boolean" ? (v ? this.w.yes : this.w.no) : Array.isArray(v) ? v.map(this.show).join(this.w.listJoin) : JSON.stringify(v);
  /** "当“是否出租”等于 是时显示": the target by its label, values as the reader knows them. */
  rule = (rule: VisibleWhen | undefined, holderPath: string): string => {
    if (!rule) return this.w.always;
    const parts: string[] = [];
    if ("equals" in rule) parts.push(fill(this.w.ops.equals, { value: this.show(rule.equals) }));
    if ("notEquals" in rule) parts.push(fill(this.w.ops.notEquals, { value: this.show(rule.notEquals) }));
    if (rule.in) parts.push(fill(this.w.ops.in, { value: this.show(rule.in) }));
    if (rule.notIn) parts.push(fill(this.w.ops.notIn, { value: this.show(rule.notIn) }));
    return fill(this.w.when, { target: this.quote(this.labelOf(visibleWhenTarget(holderPath, rule))), parts: parts.join(this.w.whenJoin) });
  };
}

function diffField(a: DesignerField, b: DesignerField, at: { path: string; holderBefore: string; holderAfter: string }, x: Writer, out: DiffEntry[]) {
  const { w } = x;
  const name = x.name(b);
  const push = (type: DiffType, message: string, before?: unknown, after?: unknown) => out.push({ type, path: at.path, label: b.label || b.key, message, before, after });
  if (!a.removed && b.removed) push("removed", fill(w.removed, { name }));
  if (a.removed && !b.removed) push("restored", fill(w.restored, { name }));
  if (a.key !== b.key) push("key", fill(w.key, { name, before: a.key, after: b.key }), a.key, b.key);
  if (a.label !== b.label) push("label", fill(w.label, { before: a.label, after: b.label }), a.label, b.label);
  if (a.kind !== b.kind) push("kind", fill(w.kind, { name, before: w.kinds[a.kind] ?? a.kind, after: w.kinds[b.kind] ?? b.kind }), a.kind, b.kind);
  if (a.required !== b.required) push("required", fill(!b.required ? w.optional : b.visibleWhen ? w.requiredWhenShown : w.required, { name }), a.required, b.required);
  if (!deepEqual(a.options, b.options)) {
    const was = a.options ?? [];
    const now = b.options ?? [];
    const added = now.filter((o) => !was.includes(o));
    const dropped = was.filter((o) => !now.includes(o));
    const parts = [added.length ? fill(w.optionsAdded, { list: added.join(w.listJoin) }) : "", dropped.length ? fill(w.optionsDropped, { list: dropped.join(w.listJoin) }) : ""].filter(Boolean);
    push("options", fill(w.options, { name, changes: parts.length ? parts.join(w.optionsSep) : w.optionsReordered }), was, now);
  }
  if (!deepEqual(a.visibleWhen, b.visibleWhen))
    push("visibility", fill(w.visibility, { name, before: x.rule(a.visibleWhen, at.holderBefore), after: x.rule(b.visibleWhen, at.holderAfter) }), a.visibleWhen, b.visibleWhen);
  for (const k of RULES) if (!deepEqual(a[k], b[k])) push("rules", fill(w.property, { name, property: w.properties[k], before: x.show(a[k]), after: x.show(b[k]) }), a[k], b[k]);
  for (const k of FLAGS) {
    if (deepEqual(a[k], b[k])) continue;
    const message = k === "pii" && b.pii ? fill(w.flagPii, { name, pii: w.pii[b.pii] ?? b.pii }) : fill(b[k] ? w.flagOn : w.flagOff, { name, flag: w.flags[k] });
    push("flags", message, a[k], b[k]);
  }
  if (!deepEqual(a.rowKey, b.rowKey)) {
    // A table's row key by its columns' labels (缴费日期), as the designer shows them.
    const columns = (f: DesignerField) => (f.rowKey ? f.rowKey.map((k) => f.children?.find((c) => c.key === k)?.label || k) : undefined);
    push("rules", fill(w.property, { name, property: w.properties.rowKey, before: x.show(columns(a)), after: x.show(columns(b)) }), a.rowKey, b.rowKey);
  }
  for (const k of TEXTS) if (!deepEqual(a[k], b[k])) push("text", fill(w.property, { name, property: w.properties[k], before: x.show(a[k]), after: x.show(b[k]) }), a[k], b[k]);
  if (!deepEqual(a.extras, b.extras) || !deepEqual(a.rowExtras, b.rowExtras)) push("rules", fill(w.extras, { name }), a.extras, b.extras);
}

function diffList(a: DesignerModel, b: DesignerModel, moved: (path: string) => string, x: Writer, labels: { before: (p: string) => string; after: (p: string) => string }, out: DiffEntry[]) {
  const { w } = x;
  const list = w.list;
  // Columns and settings of the older side, under the paths they have in the newer one.
  const ca = a.list.columns.map(moved);
  const cb = b.list.columns;
  for (const c of cb.filter((c) => !ca.includes(c))) out.push({ type: "columns", path: c, label: labels.after(c), message: fill(w.columnAdded, { name: x.quote(labels.after(c)) }) });
  for (const c of ca.filter((c) => !cb.includes(c))) out.push({ type: "columns", path: c, label: labels.after(c), message: fill(w.columnDropped, { name: x.quote(labels.after(c)) }) });
  const kept = cb.filter((c) => ca.includes(c));
  if (!deepEqual(kept, ca.filter((c) => cb.includes(c)))) out.push({ type: "columns", path: "", label: list, message: w.columnOrder, before: a.list.columns, after: cb });
  const ta = a.list.titleField && moved(a.list.titleField);
  if (ta !== b.list.titleField)
    out.push({ type: "list", path: "", label: list, message: fill(w.titleField, { before: ta ? labels.after(ta) : w.none, after: b.list.titleField ? labels.after(b.list.titleField) : w.none }), before: a.list.titleField, after: b.list.titleField });
  const sa = a.list.defaultSort && { ...a.list.defaultSort, field: moved(a.list.defaultSort.field) };
  const sort = (s: { field: string; dir: "asc" | "desc" } | undefined) => (s ? fill(w.sort, { field: labels.after(s.field), dir: w.dirs[s.dir] }) : w.none);
  if (!deepEqual(sa, b.list.defaultSort))
    out.push({ type: "list", path: "", label: list, message: fill(w.defaultSort, { before: sort(sa), after: sort(b.list.defaultSort) }), before: a.list.defaultSort, after: b.list.defaultSort });
  // Reminder rules, matched by id (a rename of their fields alone is not a change of the rule).
  const ra = new Map((a.reminders ?? []).map((r) => [r.id, r]));
  const rb = new Map((b.reminders ?? []).map((r) => [r.id, r]));
  for (const [id, r] of rb) {
    const before = ra.get(id);
    if (!before) out.push({ type: "list", path: "", label: w.reminders, message: fill(w.reminderAdded, { name: x.quote(r.title) }), after: r });
    else if (!deepEqual({ ...before, date: moved(before.date) }, r)) out.push({ type: "list", path: "", label: w.reminders, message: fill(w.reminderChanged, { name: x.quote(r.title) }), before, after: r });
  }
  for (const [id, r] of ra) if (!rb.has(id)) out.push({ type: "list", path: "", label: w.reminders, message: fill(w.reminderRemoved, { name: x.quote(r.title) }), before: r });
  diffVerification(a, b, moved, x, labels, out);
  // Self-fill settings change as a whole (default sections, consent, notice): one line says so.
  if (!deepEqual(a.selfFill ?? null, b.selfFill ?? null))
    out.push({ type: "selfFill", path: "", label: x.w.selfFill, message: x.w.selfFillChanged, before: a.selfFill, after: b.selfFill });
  diffScopes(a, b, x, out);
}

/** A role's data scope changed (a role left out reads as all). */
function diffScopes(a: DesignerModel, b: DesignerModel, x: Writer, out: DiffEntry[]) {
  const { w } = x;
  for (const role of ROLES) {
    const before = scopeOf(a, role);
    const after = scopeOf(b, role);
    if (before !== after)
      out.push({ type: "list", path: "", label: w.scopes, message: fill(w.scopeChanged, { role: w.roleNames[role], before: w.scopeNames[before], after: w.scopeNames[after] }), before, after });
  }
}

/** Verification turned on or off, and fields made critical or no longer critical. */
function diffVerification(a: DesignerModel, b: DesignerModel, moved: (path: string) => string, x: Writer, labels: { after: (p: string) => string }, out: DiffEntry[]) {
  const { w } = x;
  const va = { enabled: a.verification?.enabled === true, critical: (a.verification?.critical ?? []).map(moved) };
  const vb = { enabled: b.verification?.enabled === true, critical: b.verification?.critical ?? [] };
  if (va.enabled !== vb.enabled) out.push({ type: "verification", path: "", label: w.verification, message: vb.enabled ? w.verificationOn : w.verificationOff, before: va.enabled, after: vb.enabled });
  for (const c of vb.critical.filter((c) => !va.critical.includes(c)))
    out.push({ type: "verification", path: c, label: labels.after(c), message: fill(w.criticalAdded, { name: x.quote(labels.after(c)) }) });
  for (const c of va.critical.filter((c) => !vb.critical.includes(c)))
    out.push({ type: "verification", path: c, label: labels.after(c), message: fill(w.criticalDropped, { name: x.quote(labels.after(c)) }) });
}

/**
 * A readable, field-level diff between two versions of a template, written in `locale`: fields
 * added, deleted, removed (hidden) and restored, keys moved by migrations, labels, kind,
 * required, choices, visibility, rules, flags, order and list settings. Fields are matched by
 * their data path after `renames` (the key migrations between the two versions, see
 * renamesBetween), so a renamed field reads as a key change, not as one field deleted and
 * another added, and its other changes still show.
 */
export function diffContents(before: TemplateContent, after: TemplateContent, options: { renames?: Rename[]; locale?: Locale } = {}): DiffEntry[] {
  const renames = options.renames ?? [];
  const locale = options.locale ?? "zh";
  const a = fromContent(before);
  const b = fromContent(after);
  const moved = (path: string) => (path.startsWith("@") ? path : movePath(path, renames));
  // The older side's fields under the paths they have in the newer version.
  const ea = new Map(allFields(a).map((e) => [moved(e.place.path), e]));
  const eb = new Map(allFields(b).map((e) => [e.place.path, e]));
  const words: Words = { ...diff[locale], kinds: designer[locale].kinds, pii: designer[locale].props.piiKinds };
  const labelIn = (entries: Map<string, Entry>) => (path: string) => (path.startsWith("@") ? (words.meta[path] ?? path) : entries.get(path)?.field.label || entries.get(path)?.field.key || path);
  const afterLabel = (path: string) => (eb.has(path) ? labelIn(eb)(path) : labelIn(ea)(path));
  const x = new Writer(words, afterLabel);
  const out: DiffEntry[] = [];
  for (const [path, { field, place }] of eb) {
    const old = ea.get(path);
    if (old) diffField(old.field, field, { path, holderBefore: old.place.holderPath, holderAfter: place.holderPath }, x, out);
    else if (!place.holderPath || ea.has(place.holderPath)) {
      const values = { kind: words.kinds[field.kind] ?? field.kind, name: x.name(field), parent: place.parent?.label ?? "" };
      out.push({ type: "added", path, label: field.label || field.key, message: fill(place.parent ? words.addedIn : words.added, values) });
    }
  }
  for (const [path, { field, place }] of ea)
    if (!eb.has(path) && (!place.holderPath || eb.has(moved(place.holderPath))))
      out.push({ type: "deleted", path, label: field.label || field.key, message: fill(words.deleted, { kind: words.kinds[field.kind] ?? field.kind, name: x.name(field) }) });
  const order = (fa: DesignerField[], fb: DesignerField[], holderBefore: string, path: string, name: string) => {
    const keysA = fa.map((f) => moved(holderBefore ? `${holderBefore}.${f.key}` : f.key).split(".").pop()!);
    const keysB = fb.map((f) => f.key);
    const was = keysA.filter((k) => keysB.includes(k));
    const now = keysB.filter((k) => keysA.includes(k));
    if (!deepEqual(was, now)) out.push({ type: "order", path, label: name, message: fill(words.order, { name: path ? x.quote(name) : words.templateRef }), before: was, after: now });
  };
  order(a.sections, b.sections, "", "", words.template);
  for (const [path, { field }] of eb) {
    const old = ea.get(path);
    if (old?.field.children && field.children) order(old.field.children, field.children, old.place.path, path, field.label || field.key);
  }
  diffList(a, b, moved, x, { before: labelIn(ea), after: afterLabel }, out);
  return out;
}
