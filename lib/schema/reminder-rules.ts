import { checks } from "../i18n/dictionaries/checks";
import { fmt } from "../i18n/dictionaries";
import type { Locale } from "../i18n/locale";
import type { TemplateProblem } from "./check-template";
import type { FieldInfo, ReminderRule, TemplateContent, VisibleWhen } from "./types";

/** Ids of reminder rules: part of every reminder's key, so kept short and plain. */
export const REMINDER_ID = /^[A-Za-z0-9_-]{1,40}$/;

/** A rule's fields as the current schema has them: the date field, its table (if any) and the conditions' fields. */
export interface ResolvedRule {
  rule: ReminderRule;
  date: FieldInfo;
  /** The table whose rows the date is a column of ("payments"), or undefined for a top-level date. */
  table?: string;
  /** Each condition with the data path of its field from the record root (table columns without index). */
  when: { cond: VisibleWhen; field: FieldInfo; rowRelative: boolean }[];
}

/** Why a rule cannot run on a schema: a checks message key and its parameters. */
export type RuleProblem = { key: RuleProblemKey; params: Record<string, string> };
type RuleProblemKey = "reminderDateMissing" | "reminderDateRemoved" | "reminderDateKind" | "reminderDateNested" | "reminderWhenMissing" | "reminderWhenRemoved" | "reminderWhenKind" | "reminderWhenValue";

/** The table path a field sits in, when it is a column of exactly one table level. */
function tableOf(field: FieldInfo, byPath: Map<string, FieldInfo>): { table?: string; nested: boolean } {
  const tables: string[] = [];
  for (let i = 1; i < field.segments.length; i++) {
    const p = field.segments.slice(0, i).join(".");
    if (byPath.get(p)?.kind === "table") tables.push(p);
  }
  return { table: tables[tables.length - 1], nested: tables.length > 1 };
}

/** The condition's field path from the root: relative paths read from the row (table rules) or the root. */
function conditionFieldPath(cond: VisibleWhen, table: string | undefined): { path: string; rowRelative: boolean } {
  if (cond.field.startsWith("/")) return { path: cond.field.slice(1).split("/").join("."), rowRelative: false };
  return table ? { path: `${table}.${cond.field}`, rowRelative: true } : { path: cond.field, rowRelative: false };
}

/**
 * Resolves a rule against a schema's fields, or says why it cannot run there: its date field was
 * removed, changed kind, or a condition's field is gone. The 工作台 skips such rules; publishing
 * reports them (checkReminders).
 */
export function resolveReminderRule(rule: ReminderRule, fields: FieldInfo[]): ResolvedRule | RuleProblem {
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const name = rule.title || rule.id;
  const date = byPath.get(rule.date);
  if (!date) return { key: "reminderDateMissing", params: { rule: name, field: rule.date } };
  if (date.removed) return { key: "reminderDateRemoved", params: { rule: name, field: date.title } };
  if (date.kind !== "date") return { key: "reminderDateKind", params: { rule: name, field: date.title } };
  const { table, nested } = tableOf(date, byPath);
  if (nested) return { key: "reminderDateNested", params: { rule: name, field: date.title } };
  const when: ResolvedRule["when"] = [];
  for (const cond of rule.when ?? []) {
    const { path, rowRelative } = conditionFieldPath(cond, table);
    const field = byPath.get(path);
    if (!field) return { key: "reminderWhenMissing", params: { rule: name, field: cond.field } };
    if (field.removed) return { key: "reminderWhenRemoved", params: { rule: name, field: field.title } };
    const inOtherTable = field.inArray && !(rowRelative && tableOf(field, byPath).table === table);
    if (field.kind === "section" || field.kind === "table" || field.kind === "multiselect" || inOtherTable)
      return { key: "reminderWhenKind", params: { rule: name, field: field.title } };
    const values = [cond.equals, cond.notEquals, ...(cond.in ?? []), ...(cond.notIn ?? [])].filter((v) => v !== undefined);
    const allowed: unknown[] | undefined = field.kind === "boolean" ? [true, false] : field.options;
    const bad = allowed ? values.find((v) => !allowed.includes(v)) : undefined;
    if (bad !== undefined) return { key: "reminderWhenValue", params: { rule: name, field: field.title, value: String(bad) } };
    when.push({ cond, field, rowRelative });
  }
  return { rule, date, table, when };
}

/** True for a resolved rule (as opposed to the reason it cannot run). */
export function isResolved(r: ResolvedRule | RuleProblem): r is ResolvedRule {
  return "date" in r;
}

/**
 * Checks a version's reminder rules: their own shape (ids, names, offsets, outcomes) and that
 * every field they name exists in the schema, is not removed and still has a fitting kind.
 */
export function checkReminders(content: TemplateContent, fields: FieldInfo[], locale: Locale = "zh"): TemplateProblem[] {
  const w = checks[locale];
  const rules = content.reminders;
  if (rules === undefined) return [];
  if (!Array.isArray(rules)) return [{ path: "/reminders", message: fmt(w.reminderShape, { n: "", problem: "[]" }) }];
  const problems: TemplateProblem[] = [];
  const ids = new Set<string>();
  rules.forEach((rule, i) => {
    const at = `/reminders/${i}`;
    const n = String(i + 1);
    if (typeof rule?.id !== "string" || !REMINDER_ID.test(rule.id) || ids.has(rule.id)) problems.push({ path: `${at}/id`, message: fmt(w.reminderId, { n, id: String(rule?.id ?? "") }) });
    else ids.add(rule.id);
    if (typeof rule?.title !== "string" || !rule.title.trim()) problems.push({ path: `${at}/title`, message: fmt(w.reminderTitle, { n }) });
    const name = rule?.title || rule?.id || n;
    const offsets = rule?.offsets;
    if (!Array.isArray(offsets) || offsets.length === 0 || offsets.some((d) => !Number.isInteger(d) || Math.abs(d) > 3660) || (rule.until !== undefined && !Number.isInteger(rule.until)))
      problems.push({ path: `${at}/offsets`, message: fmt(w.reminderOffsets, { rule: name }) });
    const outcomes = rule?.outcomes;
    if (!Array.isArray(outcomes) || outcomes.length === 0 || outcomes.some((o) => typeof o !== "string" || !o.trim()) || new Set(outcomes).size !== outcomes.length)
      problems.push({ path: `${at}/outcomes`, message: fmt(w.reminderOutcomes, { rule: name }) });
    if (typeof rule?.date !== "string" || (rule.when !== undefined && !Array.isArray(rule.when))) return;
    const resolved = resolveReminderRule(rule, fields);
    if (!isResolved(resolved)) problems.push({ path: `${at}/date`, message: fmt(w[resolved.key], resolved.params) });
  });
  return problems;
}
