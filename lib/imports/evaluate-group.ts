import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg, translate } from "../i18n/messages";
import { diffStored } from "../records/diff";
import { pathLabel, pointerSegments } from "../schema/messages";
import { respell } from "../schema/normalize";
import { prepareData, validateData } from "../schema/validate";
import type { JsonSchema } from "../schema/types";
import type { FieldChange } from "../shared/field-change";
import type { Cell } from "./cells";
import { getIn, setIn, type ConvertedRow } from "./convert-cells";
import { choiceCells, differingCells, givesKey, keyText, leaves, placeRows, rowKeysOf, sameKey, type Placement } from "./row-key";
import { ROW_SPAN, rowPhrase, sentence } from "./sheet-joins";
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
  /** Something to know about a row taken as it is (listed under 请注意): a second table row of one key, a key a deleted record held. */
  notice?: string;
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
  /** An update this import already wrote before it stopped (a restart): counted, not written again. */
  written?: boolean;
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
  /** A row in words, in `locale` (a joined table sheet's row: "「缴费记录」表第 12 行", see rowPhrase); "第 12 行" when absent. */
  rowName?: (row: number) => string;
  /** The table sheets joined to the records' sheet, in order (see sheet-joins.ts): their rows are numbered past ROW_SPAN. */
  sheets?: readonly string[];
}

const json = (v: unknown) => JSON.stringify(v);

/**
 * A stored table's rows as this release spells them (see respell): a file row is matched — by its
 * key or whole — against what the form would store for them, not against CR LF or a 0086 mobile
 * an older release stored (the row was added a second time).
 */
function storedRows(schema: JsonSchema, data: unknown, table: string[]): unknown[] {
  const held = getIn(data, table);
  return Array.isArray(held) ? (respell(schema, table, held) as unknown[]) : [];
}
/** A row in words, as the messages quote it: "第 3 行", "「缴费记录」表第 3 行". */
const nameOf = (ctx: EvaluateContext, row: number) => (ctx.rowName ? ctx.rowName(row) : translate(ctx.locale, "imports.rowRef", { row }));

const shown = (v: unknown) => (Array.isArray(v) ? v.join("、") : typeof v === "boolean" ? (v ? "是" : "否") : String(v));

/**
 * The file's part of a record: record fields from the first row that gives each one, table rows
 * from every row (a row repeated word for word counts once). A row whose record field disagrees
 * with an earlier row of the same record is a conflict; a row that adds nothing is a duplicate.
 * In a table with a row key, rows with the same key are one table row: their cells join, and a
 * cell that disagrees is a conflict too.
 */
function mergeRows(group: Group, ctx: EvaluateContext) {
  const rowKeys = rowKeysOf(ctx.schema);
  const fields = new Map<string, { value: unknown; row: ConvertedRow }>();
  const tables = new Map<string, { value: Record<string, unknown>; row: ConvertedRow }[]>();
  const conflicts: RowVerdict[] = [];
  const duplicates: RowVerdict[] = [];
  const notices = new Map<number, string>();
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
          reason: translate(ctx.locale, "imports.conflictInFile", { other: nameOf(ctx, had.row.row), field: target.title, a: shown(had.value), b: shown(value) }),
        });
      }
    }
    for (const [table, value] of row.tables) {
      const list = tables.get(table) ?? [];
      tables.set(table, list);
      const rowKey = rowKeys.get(table);
      const choice = choiceCells(ctx.schema, table);
      // An earlier row with the same key is this row when they agree wherever both give a cell
      // (their cells join), and disagrees with it when they differ in choices only (a 状态); rows
      // that differ in an amount, a date or a text are two rows of one key (two payments of a day).
      const keyed = givesKey(value, rowKey) ? list.filter((r) => sameKey(r.value, value, rowKey)) : [];
      const agreeing = keyed.filter((r) => differingCells(r.value, value).length === 0);
      // A row giving only some cells that several rows of its key agree with (a 缴费方式 alone under
      // two payments of a day) belongs to one of them, which is not guessed — unless it adds nothing.
      const addsTo = (r: { value: Record<string, unknown> }) => leaves(value).some(([segments]) => getIn(r.value, segments) === undefined);
      const twin = agreeing.length > 1 ? agreeing.find((r) => !addsTo(r)) : agreeing[0];
      if (agreeing.length > 1 && !twin) {
        conflicts.push({
          row: row.row,
          verdict: "reject",
          column: row.columnOf.get(`${table}.${rowKey![0]}`),
          reason: sentence(translate(ctx.locale, "imports.rowKeyPartialInFile", {
            rows: agreeing.map((r) => nameOf(ctx, r.row.row)).join(translate(ctx.locale, "format.listSeparator")),
            table: pathLabel(ctx.schema, table.split("."), ctx.locale),
            key: keyText(ctx.schema, table, rowKey!, value),
          })),
        });
        continue;
      }
      const clashing = twin ? undefined : keyed.find((r) => differingCells(r.value, value, choice).every((d) => d.choice));
      if (clashing) {
        const [{ segments }] = differingCells(clashing.value, value);
        const v = getIn(value, segments);
        const path = `${table}.${segments.join(".")}`;
        conflicts.push({
          row: row.row,
          verdict: "reject",
          column: row.columnOf.get(path),
          reason: translate(ctx.locale, "imports.rowKeyConflictInFile", {
            other: nameOf(ctx, clashing.row.row),
            table: pathLabel(ctx.schema, table.split("."), ctx.locale),
            key: keyText(ctx.schema, table, rowKey!, value),
            field: ctx.targets.find((t) => t.path === path)?.title ?? path,
            a: shown(getIn(clashing.value, segments)),
            b: shown(v),
          }),
        });
        continue;
      }
      if (twin) {
        for (const [segments, v] of leaves(value))
          if (getIn(twin.value, segments) === undefined) {
            setIn(twin.value, segments, v);
            adds = true;
          }
      } else if (!list.some((r) => json(r.value) === json(value))) {
        // A copy: a keyed row may take cells from later rows, which must not change this row's own.
        list.push({ value: structuredClone(value), row });
        adds = true;
        // Another row of a key an earlier row has: taken, and said (a typo in a filled-down amount would make a second payment).
        const other = keyed[0];
        if (other) {
          const [first] = differingCells(other.value, value);
          const said = notices.get(row.row);
          const note = translate(ctx.locale, "imports.sameKeyTwoRows", {
              other: nameOf(ctx, other.row.row),
              table: pathLabel(ctx.schema, table.split("."), ctx.locale),
              key: keyText(ctx.schema, table, rowKey!, value),
              field: ctx.targets.find((t) => t.path === `${table}.${first.segments.join(".")}`)?.title ?? first.segments.join("."),
          });
          notices.set(row.row, said ? `${said}${translate(ctx.locale, "format.clauseSeparator")}${note}` : note);
        }
      }
    }
    if (!adds && row !== group.rows[0]) duplicates.push({ row: row.row, verdict: "duplicate", reason: translate(ctx.locale, "imports.duplicateInFile", { other: nameOf(ctx, group.rows[0].row) }) });
  }
  return { fields, tables, conflicts, duplicates, notices };
}

/** The file's part of a record as data: its fields and its table rows at their paths. */
function partOf(merged: ReturnType<typeof mergeRows>): Record<string, unknown> {
  const part: Record<string, unknown> = {};
  for (const [path, { value }] of merged.fields) setIn(part, path.split("."), value);
  for (const [table, rows] of merged.tables) setIn(part, table.split("."), rows.map((r) => r.value));
  return part;
}

/**
 * The file's part of a record laid over stored data: every field the file gives replaces the
 * stored value (a blank cell leaves it alone). A table row the file gives updates the stored row
 * with its row key (only the cells it gives) or, without one, is added unless the table already
 * has a row with the same values in those columns (see placeRows). Nothing stored is removed, so
 * importing the same file again changes nothing. Several stored rows with one row's key are
 * refused (a CONFLICT): evaluateGroup says so first, this catches a record edited since.
 */
export function mergeInto(stored: Record<string, unknown>, part: Record<string, unknown>, targets: ImportTarget[], schema: JsonSchema): Record<string, unknown> {
  const out = structuredClone(stored);
  const tablePaths = new Set(targets.filter((t) => t.table).map((t) => t.table!));
  const rowKeys = rowKeysOf(schema);
  const visit = (node: Record<string, unknown>, from: Record<string, unknown>, prefix: string[]) => {
    for (const [key, value] of Object.entries(from)) {
      const path = [...prefix, key];
      if (tablePaths.has(path.join(".")) && Array.isArray(value)) {
        const table = path.join(".");
        const existing = storedRows(schema, out, path);
        const placed = placeRows(existing, value as Record<string, unknown>[], rowKeys.get(table), choiceCells(schema, table));
        const stuck = placed.placements.findIndex((p) => p.kind === "ambiguous");
        if (stuck >= 0) {
          const p = placed.placements[stuck] as Extract<Placement, { kind: "ambiguous" }>;
          const key = keyText(schema, table, rowKeys.get(table)!, (value as Record<string, unknown>[])[stuck]);
          throw new DomainError("CONFLICT", msg(ambiguity(p), { table: pathLabel(schema, path, "zh"), count: p.count, rows: p.rows, key }));
        }
        node[key] = placed.rows;
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
    // Every fault of a row at once, in column order (fixing one to be refused for the next is
    // the round trip a person notices); the row's column is its first fault's.
    const byRow = new Map<number, RowVerdict>();
    const byColumn = (a: RowVerdict, b: RowVerdict) => (a.column ?? Infinity) - (b.column ?? Infinity);
    // "；" in Chinese, "; " in English (a full-width one was put between English reasons).
    const clause = translate(locale, "format.clauseSeparator");
    for (const v of [...own].sort(byColumn)) {
      const had = byRow.get(v.row);
      if (!had) byRow.set(v.row, v);
      else if (v.reason && !had.reason?.split(clause).includes(v.reason)) byRow.set(v.row, { ...had, reason: had.reason ? `${had.reason}${clause}${v.reason}` : v.reason });
    }
    const culprit = own[0].row;
    return {
      verdict: "reject",
      rows: group.rows.map((r) => byRow.get(r.row) ?? { row: r.row, verdict: "reject", reason: translate(locale, "imports.rejectedWithRow", { other: nameOf(ctx, culprit) }) }),
    };
  };
  // Rows of table sheets only, with a key the records' sheet lacks and no stored record to join
  // (沟通记录 row of NOPE-999): say so, rather than the record's required fields being missing.
  if (!stored && ctx.sheets?.length && group.key && group.rows.every((r) => r.row >= ROW_SPAN)) {
    const reason = sentence(translate(locale, "imports.keyNotOnMainSheet", { row: rowPhrase(locale, first.row, ctx.sheets.map((sheet) => ({ sheet }))), field: ctx.keyTarget?.title ?? "", value: group.key }));
    return rejectAll([{ row: first.row, verdict: "reject", column: ctx.keyTarget ? first.columnOf.get(ctx.keyTarget.path) : undefined, reason }]);
  }
  const cellProblems = group.rows.flatMap((r) =>
    r.problems.map((p) => ({ row: r.row, verdict: "reject" as const, column: p.column, reason: columnReason(locale, ctx.titles[p.column] ?? "", p.message) })),
  );
  if (cellProblems.length) return rejectAll([...cellProblems, ...otherFaults(group, stored, ctx, cellProblems)]);
  const merged = mergeRows(group, ctx);
  if (merged.conflicts.length) return rejectAll(merged.conflicts);

  // A fixed value stands in for a column the sheet lacks (保险类型 for new records): an update
  // keeps what the stored record already holds there (an existing 健康险 was turned into 人寿险).
  if (stored && ctx.constants)
    for (const path of ctx.constants) {
      const held = getIn(stored.data, path.split("."));
      if (held !== undefined && held !== null && held !== "" && !(Array.isArray(held) && held.length === 0)) merged.fields.delete(path);
    }
  const part = partOf(merged);

  const keyShown = group.key ?? "";
  const keyTitle = ctx.keyTarget?.title ?? "";
  if (stored && ctx.mode === "create")
    return { verdict: "duplicate", rows: group.rows.map((r) => ({ row: r.row, verdict: "duplicate", reason: translate(locale, "imports.existsCreateOnly", { field: keyTitle, value: keyShown }) })) };
  if (!stored && ctx.mode === "update")
    return rejectAll([{ row: first.row, verdict: "reject", column: ctx.keyTarget ? first.columnOf.get(ctx.keyTarget.path) : undefined, reason: translate(locale, "imports.missingForUpdate", { field: keyTitle, value: keyShown }) }]);

  if (stored) {
    const ambiguous = ambiguousRows(stored.data, merged, ctx);
    if (ambiguous.length) return rejectAll(ambiguous);
  }
  const candidate = stored ? mergeInto(stored.data, part, ctx.targets, ctx.schema) : part;
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
        const target = ctx.targets.find((t) => t.path === path);
        const label = column !== undefined ? ctx.titles[column] : (target?.label ?? path);
        // Behind a switch no value turns on (notIn) that the sheet does not give: say which column to add.
        const missing = target?.switchedBy.find((s) => !row.columnOf.has(s.path) && !ctx.constants?.has(s.path));
        const reason = missing
          ? translate(locale, "imports.hiddenNeedsSwitch", { column: label, field: missing.title, condition: switchCondition(locale, missing.rule) })
          : translate(locale, "imports.hiddenValue", { column: label });
        return { row: row.row, verdict: "reject" as const, column, reason };
      }),
    );

  const rowsOut = (verdict: Verdict, reason?: string): RowVerdict[] => [
    ...group.rows
      .filter((r) => !merged.duplicates.some((d) => d.row === r.row))
      .map((r) => ({ row: r.row, verdict, ...(reason && r === first ? { reason } : {}), ...(verdict !== "unchanged" && merged.notices.has(r.row) ? { notice: merged.notices.get(r.row) } : {}) })),
    ...merged.duplicates,
  ].sort((a, b) => a.row - b.row);
  if (!stored) return { verdict: "create", rows: rowsOut("create"), data: part };
  const changes = diffStored(ctx.schema, stored.data, data, locale);
  if (changes.length === 0) return { verdict: "unchanged", rows: rowsOut("unchanged") };
  const summary = changes
    .slice(0, 3)
    .map((c) => `${c.label}${translate(locale, "format.colon")}${c.before === undefined ? "—" : shown(c.before)} → ${c.after === undefined ? "—" : shown(c.after)}`)
    .join(translate(locale, "format.clauseSeparator"));
  const reason = changes.length > 3 ? translate(locale, "imports.moreChanges", { list: summary, more: changes.length - 3 }) : summary;
  // Row by row: a file row whose every value the stored record already holds changes nothing (未变);
  // the record's summary of changes goes with the first row that does change something.
  const rows = rowsOut("update").map((v) => (v.verdict === "update" && holdsRow(stored.data, group.rows.find((r) => r.row === v.row)!, ctx) ? { ...v, verdict: "unchanged" as const } : v));
  const changing = rows.find((v) => v.verdict === "update") ?? rows.find((v) => v.verdict === "unchanged");
  if (changing) Object.assign(changing, { verdict: "update", reason });
  return { verdict: "update", rows, data: part, changes };
}

/**
 * The faults a refused record's rows have besides the cells that cannot be read: conflicts between
 * its rows and the template's validation of what can be read, leaving out anything about a column
 * whose cell could not be read (its value is missing, not wrong). Named in the first check with
 * the rest — only the unreadable cells were, and a fixed file was refused again for the next fault.
 */
function otherFaults(group: Group, stored: { data: Record<string, unknown> } | null, ctx: EvaluateContext, problems: RowVerdict[]): RowVerdict[] {
  const unreadable = new Set(problems.map((p) => p.column));
  // A row read under another sheet's header: its cells are not where its columns say.
  if (unreadable.has(-1)) return [];
  try {
    const merged = mergeRows(group, ctx);
    const faults = [...merged.conflicts];
    const part = partOf(merged);
    const candidate = stored ? mergeInto(stored.data, part, ctx.targets, ctx.schema) : part;
    for (const e of validateData(ctx.schema, prepareData(ctx.schema, candidate), ctx.locale)) faults.push(locate(e, group, merged, stored, ctx));
    return faults.filter((f) => f.column === undefined || !unreadable.has(f.column));
  } catch {
    // Rows that cannot even be laid over the stored record (several stored rows of one key): their unreadable cells say enough.
    return [];
  }
}

/** A switch's condition in words: 不为「本人」, 为「乙」、「丙」之一. */
function switchCondition(locale: Locale, rule: ImportTarget["switchedBy"][number]["rule"]): string {
  const values = (list: unknown[]) => list.map((v) => `「${shown(v)}」`).join(translate(locale, "format.listSeparator"));
  if (rule.in) return translate(locale, "imports.switchOneOf", { values: values(rule.in) });
  return translate(locale, "imports.switchIsNot", { values: values(rule.notIn ?? [rule.notEquals]) });
}

/**
 * True when the stored record already holds every value a file row gives (fixed values it holds
 * otherwise count as held), as this release spells them (see respell).
 */
function holdsRow(stored: Record<string, unknown>, row: ConvertedRow, ctx: EvaluateContext): boolean {
  for (const [path, value] of row.fields) {
    const segments = path.split(".");
    const held = getIn(stored, segments);
    if (json(held) === json(value) || json(respell(ctx.schema, segments, held)) === json(value)) continue;
    if (ctx.constants?.has(path) && held !== undefined && held !== null && held !== "") continue;
    return false;
  }
  for (const [table, value] of row.tables) {
    const saved = storedRows(ctx.schema, stored, table.split("."));
    const cells = leaves(value);
    if (!saved.some((d) => cells.every(([segments, v]) => json(getIn(d, segments)) === json(v)))) return false;
  }
  return true;
}

/** Why a file row's place among a table's stored rows is unclear: several stored rows of its key, or more file rows of it than stored ones and none the same. */
const ambiguity = (p: Extract<Placement, { kind: "ambiguous" }>) => (p.count > 1 ? "imports.rowKeyAmbiguous" : "imports.rowKeyAmbiguousFile");

/** File rows whose row key several rows of the stored table share: which one to update is not guessed. */
function ambiguousRows(data: Record<string, unknown>, merged: ReturnType<typeof mergeRows>, ctx: EvaluateContext): RowVerdict[] {
  const out: RowVerdict[] = [];
  for (const [table, rows] of merged.tables) {
    const rowKey = rowKeysOf(ctx.schema).get(table);
    if (!rowKey) continue;
    const { placements } = placeRows(storedRows(ctx.schema, data, table.split(".")), rows.map((r) => r.value), rowKey, choiceCells(ctx.schema, table));
    placements.forEach((p, i) => {
      if (p.kind !== "ambiguous") return;
      const { value, row } = rows[i];
      out.push({
        row: row.row,
        verdict: "reject",
        column: row.columnOf.get(`${table}.${rowKey[0]}`),
        reason: translate(ctx.locale, ambiguity(p), { table: pathLabel(ctx.schema, table.split("."), ctx.locale), count: p.count, rows: p.rows, key: keyText(ctx.schema, table, rowKey, value) }),
      });
    });
  }
  return out;
}

/** Ties a validation error of the record to the file row and column it came from. */
function locate(error: { path: string; label: string; message: string }, group: Group, merged: ReturnType<typeof mergeRows>, stored: { data: Record<string, unknown> } | null, ctx: EvaluateContext): RowVerdict {
  const segments = pointerSegments(error.path).map(String);
  const index = segments.findIndex((s) => /^\d+$/.test(s));
  let row = group.rows[0];
  let path = segments.filter((s) => !/^\d+$/.test(s)).join(".");
  if (index > 0) {
    const table = segments.slice(0, index).join(".");
    // The file row that went to this table row: added at the end, or laid over a stored row by its key.
    const fromFile = merged.tables.get(table) ?? [];
    const { placements } = placeRows(storedRows(ctx.schema, stored?.data, table.split(".")), fromFile.map((r) => r.value), rowKeysOf(ctx.schema).get(table), choiceCells(ctx.schema, table));
    const at = placements.findIndex((p) => p.kind !== "ambiguous" && p.kind !== "same" && p.at === Number(segments[index]));
    if (at >= 0) row = fromFile[at].row;
    path = [table, ...segments.slice(index + 1)].join(".");
  } else {
    const provider = merged.fields.get(path);
    if (provider) row = provider.row;
  }
  const column = row.columnOf.get(path);
  const where = column !== undefined ? ctx.titles[column] : error.label;
  return { row: row.row, verdict: "reject", column, reason: columnReason(ctx.locale, where, error.message) };
}

/**
 * A problem with the column it concerns: 「证件号」身份证号码不正确…; just the message when it
 * already starts with the column's title (身份证号码不正确…, not 「身份证号码」身份证号码不正确…).
 */
export function columnReason(locale: Locale, column: string, message: string): string {
  if (!column) return message;
  const title = column.split(" › ").pop() ?? column;
  return title && message.startsWith(title) ? message : translate(locale, "imports.inColumn", { column, message });
}
