import { getByPath } from "../schema/fields";
import type { ResolvedRule } from "../schema/reminder-rules";
import { isVisible } from "../schema/visibility";
import { addDays, isIsoDay } from "./office-date";

/** How far the 工作台 looks: due dates from `lookbackDays` ago (overdue) to `horizonDays` ahead. */
export interface ReminderWindow {
  today: string;
  horizonDays: number;
  lookbackDays: number;
}

/** One reminder a rule raises for one record (and one table row). */
export interface Occurrence {
  ruleId: string;
  /** The table row, or null for a top-level date. */
  row: number | null;
  /** The record's date the reminder is about (保险到期日期, 缴费日期…). */
  date: string;
  /** When action is due: the date itself, or later for rules raised after it (理赔 15 days on). */
  dueDate: string;
  /** The offset reached today (-30: "30 days before"), the latest of the rule's offsets not after today. */
  stage: number;
  /** Days from today to the due date (negative: overdue). */
  dueIn: number;
}

/** The earliest offset raises the reminder; a positive one also makes it due that much later. */
function firstOffset(rule: ResolvedRule["rule"]): number {
  return Math.min(...rule.offsets);
}

/**
 * The range of the rule's date field that can raise a reminder open today with a due date in the
 * window: what the database query narrows candidates to (`data.<date>` between the two).
 */
export function dateRange(resolved: ResolvedRule, w: ReminderWindow): { gte: string; lte: string } {
  const first = firstOffset(resolved.rule);
  const lag = Math.max(0, first);
  // Raised by today: date + first <= today. Due within the horizon: date + lag <= today + horizon.
  const lte = addDays(w.today, Math.min(-first, w.horizonDays - lag));
  // Due no longer ago than the lookback, and not past the rule's last open day.
  let gte = addDays(w.today, -w.lookbackDays - lag);
  const until = resolved.rule.until;
  if (until !== undefined) {
    const last = addDays(w.today, -until);
    if (last > gte) gte = last;
  }
  return { gte, lte };
}

/** True when every condition of the rule holds for this row (or record). */
function conditionsHold(resolved: ResolvedRule, row: unknown, root: unknown): boolean {
  return resolved.when.every(({ cond, rowRelative }) => isVisible(cond, rowRelative ? row : root, root));
}

/** A day as a whole number (days since 1970-01-01): what occurrences count with. */
export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
}

// Due days repeat across thousands of reminders: their ISO text is made once.
const isoOfDay = new Map<number, string>();
function dayIso(day: number): string {
  let iso = isoOfDay.get(day);
  if (iso === undefined) {
    iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (isoOfDay.size > 100_000) isoOfDay.clear();
    isoOfDay.set(day, iso);
  }
  return iso;
}

/** A window's today as a day number, computed once per window. */
const todayOf = new WeakMap<ReminderWindow, number>();
function todayNumber(w: ReminderWindow): number {
  let n = todayOf.get(w);
  if (n === undefined) todayOf.set(w, (n = dayNumber(w.today)));
  return n;
}

/**
 * The occurrence for one valid date (and its day number), or null when it is not open today or
 * not due in the window. The one place that decides: the records' own evaluation (evaluateRule)
 * and the reminder index (reminder-index.ts) both ask it.
 */
function occurrenceOnDay(resolved: ResolvedRule, date: string, day: number, row: number | null, w: ReminderWindow): Occurrence | null {
  const { rule } = resolved;
  const since = todayNumber(w) - day; // days from the date to today
  const first = firstOffset(rule);
  if (since < first) return null;
  if (rule.until !== undefined && since > rule.until) return null;
  const due = day + Math.max(0, first);
  const dueIn = due - todayNumber(w);
  if (dueIn > w.horizonDays || dueIn < -w.lookbackDays) return null;
  let stage = -Infinity;
  for (const o of rule.offsets) if (o <= since && o > stage) stage = o;
  return { ruleId: rule.id, row, date, dueDate: dayIso(due), stage, dueIn };
}

/** One date a rule may remind of: its table row (null: a top-level date), the day and its number. */
export interface RuleDate {
  row: number | null;
  date: string;
  day: number;
}

/**
 * The dates a rule may remind of in one record's data, whatever the day: the top-level date, or
 * each table row's, where the rule's conditions hold and the date is a valid day. Never throws on
 * odd data (a table that is not a list, rows that are not objects).
 */
export function ruleDates(resolved: ResolvedRule, data: unknown): RuleDate[] {
  if (!resolved.table) {
    if (!conditionsHold(resolved, data, data)) return [];
    const value = getByPath(data, resolved.date.segments);
    return isIsoDay(value) ? [{ row: null, date: value, day: dayNumber(value) }] : [];
  }
  const rows = getByPath(data, resolved.table.split("."));
  if (!Array.isArray(rows)) return [];
  const column = resolved.date.segments.slice(resolved.table.split(".").length);
  const out: RuleDate[] = [];
  rows.forEach((row, i) => {
    if (!row || typeof row !== "object" || !conditionsHold(resolved, row, data)) return;
    const value = getByPath(row, column);
    if (isIsoDay(value)) out.push({ row: i, date: value, day: dayNumber(value) });
  });
  return out;
}

/** The reminder one of ruleDates' dates raises today, or null when it is not open today or not due in the window. */
export function occurrenceOf(resolved: ResolvedRule, at: RuleDate, w: ReminderWindow): Occurrence | null {
  return occurrenceOnDay(resolved, at.date, at.day, at.row, w);
}

/**
 * The reminders a rule raises today for one record's data: one for a top-level date, one per
 * table row otherwise. Rows or records whose conditions fail, and dates that are empty or
 * invalid, raise nothing.
 */
export function evaluateRule(resolved: ResolvedRule, data: unknown, w: ReminderWindow): Occurrence[] {
  const out: Occurrence[] = [];
  for (const at of ruleDates(resolved, data)) {
    const o = occurrenceOf(resolved, at, w);
    if (o) out.push(o);
  }
  return out;
}

/**
 * Conditions that can narrow the database query (equality and membership; on a table column they
 * match records with any such row, a superset the rows' own evaluation then narrows).
 */
export function pushableConditions(resolved: ResolvedRule): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { cond, field } of resolved.when) {
    const key = `data.${field.path}`;
    if (key in out) continue;
    if ("equals" in cond && (typeof cond.equals === "string" || typeof cond.equals === "number" || typeof cond.equals === "boolean")) out[key] = cond.equals;
    else if (cond.in && cond.in.length > 0 && cond.in.every((v) => typeof v === "string" || typeof v === "number")) out[key] = { $in: cond.in };
  }
  return out;
}
