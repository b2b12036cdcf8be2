import type { Locale } from "../i18n/locale";
import { translate } from "../i18n/messages";
import { diffData } from "../records/diff";
import { pointerSegments } from "../schema/messages";
import { prepareData, validateData } from "../schema/validate";
import type { JsonSchema } from "../schema/types";
import type { FieldChange } from "../shared/field-change";
import { cellText, type Cell } from "./cells";
import { setIn, type ConvertedRow } from "./convert-cells";
import type { ImportTarget } from "./targets";

/** What an import does with a file row. */
export type Verdict = "create" | "update" | "unchanged" | "duplicate" | "reject";

/** How existing records are treated: only add new ones, add and update, or only update. */
export type ImportMode = "create" | "upsert" | "update";

/** One file row's verdict and, for anything but a plain create, why. */
export interface RowVerdict {
  row: number;
  verdict: Verdict;
  reason?: string;
  /** The column the reason concerns (index in the file), when there is one. */
  column?: number;
}

/** The file rows that make one record: rows sharing the record key, or one row and its continuation rows. */
export interface Group {
  /** The record key's value (text), or null for a file without a key column. */
  key: string | null;
  rows: ConvertedRow[];
  cells: Map<number, Cell[]>;
}

/** A group's outcome: per-row verdicts, and for a create or update the data to write. */
export interface GroupOutcome {
  verdict: Verdict;
  rows: RowVerdict[];
  /** What to store: the whole record for a create; for an update, what `mergeInto` adds to the stored data. */
  data?: Record<string, unknown>;
  changes?: FieldChange[];
}

/** The parts of an import's settings that decide verdicts. */
export interface EvaluateContext {
  schema: JsonSchema;
  targets: ImportTarget[];
  /** Per column, the title in the file (for messages). */
  titles: string[];
  keyTarget: ImportTarget | null;
  mode: ImportMode;
  locale: Locale;
  /** Fields filled with a fixed value (no column fills them): they fill a stored record's field only where it is empty. */
  constants?: ReadonlySet<string>;
}

const json = (v: unknown) => JSON.stringify(v);

/** A table row's values as [path within the row, value] pairs (nested objects walked; arrays are values). */
function leaves(value: Record<string, unknown>, prefix: string[] = []): [string[], unknown][] {
  return Object.entries(value).flatMap(([k, v]): [string[], unknown][] =>
    v && typeof v === "object" && !Array.isArray(v) ? leaves(v as Record<string, unknown>, [...prefix, k]) : [[[...prefix, k], v]],
  );
}
const shown = (v: unknown) => (Array.isArray(v) ? v.join("、") : typeof v === "boolean" ? (v ? "是" : "否") : String(v));

/**
 * The file's part of a record: record fields from the first row that gives each one, table rows
 * from every row (a row repeated word for word counts once). A row whose record field disagrees
 * with an earlier row of the same record is a conflict; a row that adds nothing is a duplicate.
 */
function mergeRows(group: Group, ctx: EvaluateContext) {
  const fields = new Map<string, { value: unknown; row: ConvertedRow }>();
  const tables = new Map<string, { value: Record<string, unknown>; row: ConvertedRow }[]>();
  const conflicts: RowVerdict[] = [];
  const duplicates: RowVerdict[] = [];
  for (const row of group.rows) {
    let adds = false;
    for (const [path, value] of row.fields) {
      const had = fields.get(path);
      if (!had) {
        fields.set(path, { value, row });
        adds = true;
      } else if (json(had.value) !== json(value)) {
        const target = ctx.targets.find((t) => t.path === path)!;
        conflicts.push({
          row: row.row,
          verdict: "reject",
          column: row.columnOf.get(path),
          reason: translate(ctx.locale, "imports.conflictInFile", { other: had.row.row, field: target.title, a: shown(had.value), b: shown(value) }),
        });
      }
    }
    for (const [table, value] of row.tables) {
      const list = tables.get(table) ?? [];
      if (!list.some((r) => json(r.value) === json(value))) {
        list.push({ value, row });
        adds = true;
      }
      tables.set(table, list);
    }
    if (!adds && row !== group.rows[0]) duplicates.push({ row: row.row, verdict: "duplicate", reason: translate(ctx.locale, "imports.duplicateInFile", { other: group.rows[0].row }) });
  }
  return { fields, tables, conflicts, duplicates };
}

/** The value at a dot path of nested data. */
function getIn(data: unknown, segments: string[]): unknown {
  let node = data;
  for (const s of segments) node = node && typeof node === "object" ? (node as Record<string, unknown>)[s] : undefined;
  return node;
}

/** A table row as far as the file's row speaks of it (only the columns the file gives). */
function project(stored: unknown, like: Record<string, unknown>): unknown {
  if (!stored || typeof stored !== "object") return stored;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(like)) {
    const a = (stored as Record<string, unknown>)[key];
    const b = like[key];
    out[key] = b && typeof b === "object" && !Array.isArray(b) ? project(a, b as Record<string, unknown>) : a;
  }
  return out;
}

/**
 * The file's part of a record laid over stored data: every field the file gives replaces the
 * stored value (a blank cell leaves it alone), and table rows the file gives are added unless the
 * table already has a row with the same values in those columns. Nothing stored is removed, so
 * importing the same file again changes nothing.
 */
export function mergeInto(stored: Record<string, unknown>, part: Record<string, unknown>, targets: ImportTarget[]): Record<string, unknown> {
  const out = structuredClone(stored);
  const tablePaths = new Set(targets.filter((t) => t.table).map((t) => t.table!));
  const visit = (node: Record<string, unknown>, from: Record<string, unknown>, prefix: string[]) => {
    for (const [key, value] of Object.entries(from)) {
      const path = [...prefix, key];
      if (tablePaths.has(path.join(".")) && Array.isArray(value)) {
        const existing = Array.isArray(node[key]) ? (node[key] as unknown[]) : [];
        const added = (value as Record<string, unknown>[]).filter((row) => !existing.some((s) => json(project(s, row)) === json(row)));
        node[key] = [...existing, ...added];
      } else if (value && typeof value === "object" && !Array.isArray(value)) {
        const child = node[key] && typeof node[key] === "object" && !Array.isArray(node[key]) ? (node[key] as Record<string, unknown>) : {};
        node[key] = child;
        visit(child, value as Record<string, unknown>, path);
      } else node[key] = value;
    }
  };
  visit(out, part, []);
  return out;
}

/**
 * Decides what happens to one record's rows: rejected (a cell that cannot be read, a conflict
 * between its rows, the template's validation), a duplicate (of a stored record when only adding,
 * or of an earlier row), unchanged, an update of the stored record, or a new record. Reasons name
 * the row, the column and the field's own message. Pure: the caller looks up the stored record.
 */
export function evaluateGroup(group: Group, stored: { data: Record<string, unknown> } | null, ctx: EvaluateContext): GroupOutcome {
  const { locale } = ctx;
  const first = group.rows[0];
  const rejectAll = (own: RowVerdict[]): GroupOutcome => {
    const byRow = new Map<number, RowVerdict>();
    for (const v of own) if (!byRow.has(v.row)) byRow.set(v.row, v);
    const culprit = own[0].row;
    return {
      verdict: "reject",
      rows: group.rows.map((r) => byRow.get(r.row) ?? { row: r.row, verdict: "reject", reason: translate(locale, "imports.rejectedWithRow", { other: culprit }) }),
    };
  };
  const cellProblems = group.rows.flatMap((r) =>
    r.problems.map((p) => ({ row: r.row, verdict: "reject" as const, column: p.column, reason: columnReason(locale, ctx.titles[p.column] ?? "", p.message) })),
  );
  if (cellProblems.length) return rejectAll(cellProblems);
  const merged = mergeRows(group, ctx);
  if (merged.conflicts.length) return rejectAll(merged.conflicts);

  // A fixed value stands in for a column the sheet lacks (保险类型 for new records): an update
  // keeps what the stored record already holds there (an existing 健康险 was turned into 人寿险).
  if (stored && ctx.constants)
    for (const path of ctx.constants) {
      const held = getIn(stored.data, path.split("."));
      if (held !== undefined && held !== null && held !== "" && !(Array.isArray(held) && held.length === 0)) merged.fields.delete(path);
    }
  const part: Record<string, unknown> = {};
  for (const [path, { value }] of merged.fields) setIn(part, path.split("."), value);
  for (const [table, rows] of merged.tables) setIn(part, table.split("."), rows.map((r) => r.value));

  const keyShown = group.key ?? "";
  const keyTitle = ctx.keyTarget?.title ?? "";
  if (stored && ctx.mode === "create")
    return { verdict: "duplicate", rows: group.rows.map((r) => ({ row: r.row, verdict: "duplicate", reason: translate(locale, "imports.existsCreateOnly", { field: keyTitle, value: keyShown }) })) };
  if (!stored && ctx.mode === "update")
    return rejectAll([{ row: first.row, verdict: "reject", column: ctx.keyTarget ? first.columnOf.get(ctx.keyTarget.path) : undefined, reason: translate(locale, "imports.missingForUpdate", { field: keyTitle, value: keyShown }) }]);

  const candidate = stored ? mergeInto(stored.data, part, ctx.targets) : part;
  const data = prepareData(ctx.schema, candidate);
  const errors = validateData(ctx.schema, data, locale);
  if (errors.length) return rejectAll(errors.map((e) => locate(e, group, merged, stored, ctx)));
  // A value the form would not show under the record's other answers (投保人姓名 when the
  // relation is 本人) would be dropped on save: refused, never lost without a word.
  const dropped: [string, ConvertedRow][] = [...merged.fields].filter(([path]) => getIn(data, path.split(".")) === undefined).map(([path, { row }]) => [path, row]);
  // The same for tables (受益人 while 法定受益人 is 是, 跟进事项 while 需要跟进 is 否): each file row
  // must be found whole among the table's rows as saved.
  for (const [table, rows] of merged.tables) {
    const saved = getIn(data, table.split("."));
    const savedRows = Array.isArray(saved) ? (saved as unknown[]) : [];
    for (const { value, row } of rows) {
      const cells = leaves(value);
      const keptBy = (d: unknown) => cells.filter(([segments, v]) => json(getIn(d, segments)) === json(v)).length;
      if (savedRows.some((d) => keptBy(d) === cells.length)) continue;
      const lost = cells.filter(([segments, v]) => !savedRows.some((d) => json(getIn(d, segments)) === json(v)));
      for (const [segments] of lost.length ? lost : cells.slice(0, 1)) dropped.push([`${table}.${segments.join(".")}`, row]);
    }
  }
  if (dropped.length)
    return rejectAll(
      dropped.map(([path, row]) => {
        const column = row.columnOf.get(path);
        const label = column !== undefined ? ctx.titles[column] : (ctx.targets.find((t) => t.path === path)?.label ?? path);
        return { row: row.row, verdict: "reject" as const, column, reason: translate(locale, "imports.hiddenValue", { column: label }) };
      }),
    );

  const rowsOut = (verdict: Verdict, reason?: string): RowVerdict[] => [
    ...group.rows.filter((r) => !merged.duplicates.some((d) => d.row === r.row)).map((r) => ({ row: r.row, verdict, ...(reason && r === first ? { reason } : {}) })),
    ...merged.duplicates,
  ].sort((a, b) => a.row - b.row);
  if (!stored) return { verdict: "create", rows: rowsOut("create"), data: part };
  const changes = diffData(ctx.schema, stored.data, data, locale);
  if (changes.length === 0) return { verdict: "unchanged", rows: rowsOut("unchanged") };
  const summary = changes
    .slice(0, 3)
    .map((c) => `${c.label}：${c.before === undefined ? "—" : shown(c.before)} → ${c.after === undefined ? "—" : shown(c.after)}`)
    .join("；");
  return { verdict: "update", rows: rowsOut("update", changes.length > 3 ? translate(locale, "imports.moreChanges", { list: summary, more: changes.length - 3 }) : summary), data: part, changes };
}

/** Ties a validation error of the record to the file row and column it came from. */
function locate(error: { path: string; label: string; message: string }, group: Group, merged: ReturnType<typeof mergeRows>, stored: { data: Record<string, unknown> } | null, ctx: EvaluateContext): RowVerdict {
  const segments = pointerSegments(error.path).map(String);
  const index = segments.findIndex((s) => /^\d+$/.test(s));
  let row = group.rows[0];
  let path = segments.filter((s) => !/^\d+$/.test(s)).join(".");
  if (index > 0) {
    const table = segments.slice(0, index).join(".");
    const storedCount = Array.isArray(getIn(stored?.data, table.split("."))) ? (getIn(stored?.data, table.split(".")) as unknown[]).length : 0;
    const fromFile = merged.tables.get(table)?.[Number(segments[index]) - storedCount];
    if (fromFile) row = fromFile.row;
    path = [table, ...segments.slice(index + 1)].join(".");
  } else {
    const provider = merged.fields.get(path);
    if (provider) row = provider.row;
  }
  const column = row.columnOf.get(path);
  const where = column !== undefined ? ctx.titles[column] : error.label;
  return { row: row.row, verdict: "reject", column, reason: columnReason(ctx.locale, where, error.message) };
}

/** The cells of a file row as text, for the error sheet. */
export const rowTexts = (cells: Cell[]) => cells.map(cellText);

/**
 * A problem with the column it concerns: 「证件号」身份证号码不正确…; just the message when it
 * already starts with the column's title (身份证号码不正确…, not 「身份证号码」身份证号码不正确…).
 */
export function columnReason(locale: Locale, column: string, message: string): string {
  if (!column) return message;
  const title = column.split(" › ").pop() ?? column;
  return title && message.startsWith(title) ? message : translate(locale, "imports.inColumn", { column, message });
}
