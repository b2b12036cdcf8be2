import type { ListDict } from "@/lib/i18n/dictionaries/list";
import { fmt } from "@/lib/i18n/dictionaries";
import { translate } from "@/lib/i18n/messages";
import type { FieldFilter, FilterOp } from "@/lib/records/list-query";
import { formatValue } from "@/lib/schema/format-value";
import type { Locale } from "@/lib/schema/messages";
import { normalizeDate, normalizeNumber } from "@/lib/schema/normalize";
import { isNumericKind, type ListField } from "@/lib/records/list-view-model";

/** How a field's filter editor looks: which input it shows for "by value". */
export type EditorKind = "text" | "options" | "range" | "dateRange" | "boolean" | "month";

/** What the filter popover is editing, as the form holds it (strings, as typed). */
export interface FilterDraft {
  mode: "value" | "empty" | "notEmpty";
  textOp: "contains" | "eq";
  text: string;
  picked: string[];
  min: string;
  max: string;
  /** Yes/no fields: 是, 否, or 未填写 (never answered), all three offered as one choice. */
  bool: "" | "true" | "false" | "empty";
}

/** The editor a field gets, from the operators it offers. */
export function editorKind(field: ListField): EditorKind {
  if (field.ops.includes("month")) return "month";
  if (field.ops.includes("is")) return "boolean";
  if (field.ops.includes("in")) return "options";
  if (field.ops.includes("gte") || field.ops.includes("lte")) return field.kind === "date" || field.kind === "datetime" ? "dateRange" : "range";
  return "text";
}

/** True when the editor offers "为空 / 不为空" besides a value. */
export const offersEmpty = (field: ListField) => field.ops.includes("empty") && field.ops.includes("notEmpty");

const blankDraft: FilterDraft = { mode: "value", textOp: "contains", text: "", picked: [], min: "", max: "", bool: "" };

/** The draft for a field's current filters (an empty draft when there are none). */
export function draftFrom(field: ListField, filters: FieldFilter[]): FilterDraft {
  const mine = filters.filter((f) => f.path === field.path);
  const get = (op: FilterOp) => mine.find((f) => f.op === op)?.value;
  const text = get("contains") ?? get("eq") ?? get("month");
  const is = get("is");
  const empty = mine.some((f) => f.op === "empty");
  if (editorKind(field) === "boolean") return { ...blankDraft, bool: empty ? "empty" : is === true ? "true" : is === false ? "false" : "" };
  return {
    mode: empty ? "empty" : mine.some((f) => f.op === "notEmpty") ? "notEmpty" : "value",
    textOp: get("eq") !== undefined || !field.ops.includes("contains") ? "eq" : "contains",
    text: text === undefined ? "" : String(text),
    picked: Array.isArray(get("in")) ? (get("in") as string[]) : [],
    min: get("gte") === undefined ? "" : String(get("gte")),
    max: get("lte") === undefined ? "" : String(get("lte")),
    bool: is === true ? "true" : is === false ? "false" : "",
  };
}

type ErrorKey = keyof ListDict["filters"]["errors"];

/** Why a draft cannot be applied: a message key and, for numbers, the offending text. */
export interface DraftError {
  key: ErrorKey;
  value?: string;
}

function readNumber(field: ListField, text: string): number | DraftError | undefined {
  if (!text.trim()) return undefined;
  const n = normalizeNumber(text, field.kind);
  return typeof n === "number" && Number.isFinite(n) ? n : { key: "notNumber", value: text.trim() };
}

/** A month as typed: 2024-02, 2024/2, 2024.2 or 2024年2月 → "2024-02". */
export function readMonth(text: string): string | DraftError {
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/.exec(text.trim());
  const month = m ? Number(m[2]) : 0;
  return m && month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, "0")}` : { key: "notMonth", value: text.trim() };
}

function readDate(text: string): string | DraftError | undefined {
  if (!text.trim()) return undefined;
  const d = normalizeDate(text);
  return typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : { key: "notDate", value: text.trim() };
}

/**
 * The filters a draft stands for, or what is wrong with it. Values are cleaned the same way the
 * server parses them ("100万" → 1000000, "2023/1/1" → 2023-01-01) so the chip shows what is applied.
 */
export function filtersFrom(field: ListField, draft: FilterDraft): { filters: FieldFilter[] } | { error: DraftError } {
  const path = field.path;
  if (draft.mode !== "value") return { filters: [{ path, op: draft.mode }] };
  switch (editorKind(field)) {
    case "boolean":
      if (!draft.bool) return { error: { key: "pickBoolean" } };
      if (draft.bool === "empty") return { filters: [{ path, op: "empty" }] };
      return { filters: [{ path, op: "is", value: draft.bool === "true" }] };
    case "options":
      if (draft.picked.length === 0) return { error: { key: "pickOne" } };
      // Keep the template's option order, whatever order they were ticked in.
      return { filters: [{ path, op: "in", value: (field.options ?? []).filter((o) => draft.picked.includes(o)) }] };
    case "range": {
      const min = readNumber(field, draft.min);
      const max = readNumber(field, draft.max);
      if (typeof min === "object") return { error: min };
      if (typeof max === "object") return { error: max };
      if (min === undefined && max === undefined) return { error: { key: "rangeEmpty" } };
      if (min !== undefined && max !== undefined && min > max) return { error: { key: "range" } };
      return { filters: rangeFilters(path, min, max) };
    }
    case "month": {
      if (!draft.text.trim()) return { error: { key: "required" } };
      const month = readMonth(draft.text);
      return typeof month === "object" ? { error: month } : { filters: [{ path, op: "month", value: month }] };
    }
    case "dateRange": {
      const min = readDate(draft.min);
      const max = readDate(draft.max);
      if (typeof min === "object") return { error: min };
      if (typeof max === "object") return { error: max };
      if (min === undefined && max === undefined) return { error: { key: "rangeEmpty" } };
      if (min !== undefined && max !== undefined && min > max) return { error: { key: "dateRange" } };
      return { filters: rangeFilters(path, min, max) };
    }
    default: {
      const text = draft.text.trim();
      if (!text) return { error: { key: "required" } };
      const op = field.ops.includes(draft.textOp) ? draft.textOp : field.ops.includes("contains") ? "contains" : "eq";
      return { filters: [{ path, op, value: text }] };
    }
  }
}

function rangeFilters<T extends string | number>(path: string, min: T | undefined, max: T | undefined): FieldFilter[] {
  const out: FieldFilter[] = [];
  if (min !== undefined) out.push({ path, op: "gte", value: min });
  if (max !== undefined) out.push({ path, op: "lte", value: max });
  return out;
}

/** One filter value as shown in a chip: money as ¥1,000.00, yes/no in words. */
function shown(field: ListField, value: FieldFilter["value"], locale: Locale): string {
  if (Array.isArray(value)) return value.join(translate(locale, "format.listSeparator"));
  if (isNumericKind(field.kind)) return formatValue(field.kind, value, locale);
  return String(value);
}

/**
 * The text of an active chip without the field name: "车险、健康险", "2023-01-01 ~ 2023-12-31",
 * "≥ ¥100,000.00", "为空". Empty when the field has no filters.
 */
export function filterSummary(field: ListField, filters: FieldFilter[], t: ListDict["filters"], locale: Locale): string {
  const mine = filters.filter((f) => f.path === field.path);
  if (mine.length === 0) return "";
  const by = (op: FilterOp) => mine.find((f) => f.op === op);
  if (by("empty")) return editorKind(field) === "boolean" ? t.unanswered : t.summaryEmpty;
  if (by("notEmpty")) return t.summaryNotEmpty;
  const is = by("is");
  if (is) return is.value === true ? t.yes : t.no;
  const inF = by("in");
  if (inF) return shown(field, inF.value, locale);
  const month = by("month");
  if (month) return fmt(t.summaryMonth, { v: String(month.value) });
  const gte = by("gte");
  const lte = by("lte");
  if (gte && lte) return `${shown(field, gte.value, locale)} ~ ${shown(field, lte.value, locale)}`;
  if (gte) return fmt(t.summaryGte, { v: shown(field, gte.value, locale) });
  if (lte) return fmt(t.summaryLte, { v: shown(field, lte.value, locale) });
  const contains = by("contains");
  if (contains) return fmt(t.summaryContains, { v: String(contains.value) });
  const eq = by("eq");
  if (eq) return fmt(t.summaryEq, { v: String(eq.value) });
  return "";
}
