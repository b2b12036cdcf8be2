import type { Locale } from "../i18n/locale";
import { resolveText, translate } from "../i18n/messages";
import { ambiguousNumber, normalizeValue, toHalfWidth, ZERO_WIDTH, type NumberMarks } from "../schema/normalize";
import { cellText, DAYS_1904, isBlank, typedNumber, unescapeFormula, type Cell, type TableRow } from "./cells";
import type { ImportTarget } from "./targets";

/** A cell that could not be read: its column, and why, in the reader's language. */
export interface CellProblem {
  /** -1: the row as a whole. */
  column: number;
  message: string;
}

/** One file row read into the record's shape: the record fields it gives and one row per table it touches. */
export interface ConvertedRow {
  row: number;
  /** Record fields by dot path (outside tables), cleaned like the form cleans them. */
  fields: Map<string, unknown>;
  /** Per table (by its dot path), the table row this file row gives. */
  tables: Map<string, Record<string, unknown>>;
  /** Which column gave each record field and table column (by target path), to name it in problems. */
  columnOf: Map<string, number>;
  /**
   * Record fields the row holds only because a value of it implies them (法定受益人 = 否 for a
   * beneficiary's cells in a sheet without that column): not cells of the row, so they do not
   * make a row of table cells alone a record row (see refuseOrphan).
   */
  implied: Set<string>;
  problems: CellProblem[];
}

/**
 * How Excel shows a number too wide for its cell, and writes it so into a CSV: "1.23457E+17" (six
 * significant digits, E+ and two or three digits). Only a CSV's text is taken as such: a text cell of
 * an .xlsx holds what was typed, and "1e5" in a 车牌 or a product name is text anywhere (it was
 * refused as damage, even from the product's own .xlsx export).
 */
const SCIENTIFIC = /^\s*-?\d(?:\.\d+)?E\+\d{2,3}\s*$/;
const LOSSY_KINDS = new Set(["idNumber", "mobile", "phone", "text", "textarea"]);
/** Kinds whose text has a fixed shape (an ID, a phone number, or a pattern such as a 保单号's). */
const SHAPED_KINDS = new Set(["idNumber", "mobile", "phone", "email"]);
const FREE_TEXT_KINDS = new Set(["text", "textarea", "address"]);
const NUMBER_KINDS = new Set(["number", "money", "percent", "integer"]);
const isShaped = (target: ImportTarget) => SHAPED_KINDS.has(target.field.kind) || (FREE_TEXT_KINDS.has(target.field.kind) && !!(target.field.schema.pattern || target.field.schema.format));
/** What offices write for "none" where a number or a date goes: dashes, a slash, 无, 暂无, 空. */
const PLACEHOLDER = /^(?:[-‐‑‒–—―−~～_]+|\/+|\\|无|暂无|没有|空|n\/?a|none|nil|null)$/i;
/** Excel's day numbers of 1910-01-01 and 2200-01-01. */
const DAY_1910 = 3654;
const DAY_2200 = 109575;

const split = (s: string) =>
  toHalfWidth(s)
    .split(/[,，、;；|/]/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * One cell to a field's value: formulas already count by their result, error values and digits
 * that Excel has rounded away are refused (never guessed), options match regardless of width and
 * case, and then the form's own normalizers run (全角 digits, 2023/1/1, 2023年1月1日, Excel date
 * serials, 1,000,000, 100万, lower-case x). `marks`: how the file writes numbers (see NumberMarks:
 * in a semicolon- or tab-separated file 1,5 is 1.5, and 1,500 — 1.5 or 1500 — is refused, never
 * guessed). `csv`: the cell is a CSV's text (see SCIENTIFIC). Returns undefined for a blank cell; what is still wrong after that is left for the
 * template's validation to name.
 */
export function convertCell(cell: Cell, target: ImportTarget, locale: Locale, marks: NumberMarks = "grouping", date1904 = false, csv = false): { value?: unknown; problem?: string } {
  if (isBlank(cell)) return {};
  if (typeof cell === "string") cell = unescapeFormula(cell);
  if (cell !== null && typeof cell === "object" && !(cell instanceof Date)) return { problem: cell.reason ? resolveText(locale, cell.reason) : translate(locale, "imports.errorCell", { value: cell.error }) };
  // Digits typed into a cell formatted as a date (20230105, shown as ########): the number typed,
  // read as any number is below (a yyyymmdd date in a date column) — it was the year 57288.
  if (cell instanceof Date && typedNumber(cell, date1904) !== null) cell = typedNumber(cell, date1904);
  const kind = target.field.kind;
  // Personal data an export masked (1101**********002X, 张*, 138****8000) is not the value: refused,
  // saying so, rather than with the field's own pattern message or stored as stars.
  if (target.field.pii && typeof cell === "string" && cell.includes("*")) return { problem: translate(locale, "imports.maskedValue", { value: cell.trim() }) };
  // Excel's mark for "keep as text" typed into a CSV by people used to it ('0012, '110105…): not
  // part of an ID, a phone or a policy number, whose shape it would break.
  if (typeof cell === "string" && isShaped(target)) {
    const shown = cell.replace(ZERO_WIDTH, "").trimStart();
    if (/^['‘’]\d/.test(shown)) cell = shown.slice(1);
  }
  // A date cell in a text column: Excel made a date of what was typed (地址 "3-5" became 2024-03-05).
  // Free text takes the date as the sheet shows it; a fixed shape cannot be a date, and says so.
  if (cell instanceof Date && (isShaped(target) || FREE_TEXT_KINDS.has(kind))) {
    const midnight = cell.getUTCHours() === 0 && cell.getUTCMinutes() === 0 && cell.getUTCSeconds() === 0;
    if (isShaped(target) || !midnight) return { problem: translate(locale, "imports.dateInText", { value: cellText(cell) }) };
    return { value: normalizeValue(target.field.schema, cellText(cell)) };
  }
  // A plain number under a title naming its unit (保险金额（万元）: 50) is that many of the unit; a
  // cell that says its own unit (50万, 500000元) says what it means.
  if (target.unit && (typeof cell === "number" || (typeof cell === "string" && /^[-+]?[\d,.]+$/.test(toHalfWidth(cell).trim()))))
    cell = `${typeof cell === "number" ? cell : toHalfWidth(cell).trim()}${target.unit.text}`;
  if (LOSSY_KINDS.has(kind) && target.field.schema.type === "string") {
    // Excel keeps 15 significant digits: a number of 16 digits or more had its last ones replaced
    // by zeros (1234567890123456 shows as 1234567890123450), whatever it looks like now.
    const lossy = typeof cell === "number" ? Math.abs(cell) >= 1e15 : csv && typeof cell === "string" && SCIENTIFIC.test(cell);
    if (lossy) return { problem: translate(locale, "imports.digitsLost", { value: typeof cell === "number" ? cell.toPrecision(6).toUpperCase() : cellText(cell).trim() }) };
    if (typeof cell === "number") return { value: normalizeValue(target.field.schema, String(cell)) };
  }
  // A dash, a slash or 无 for "none" in a number or a date column (理赔金额 "—" of a customer with
  // no claim) is refused naming that column: read as blank, its row's other empty cells were named
  // instead (请填写理赔申请日期), and "-" is also how Excel's accounting format shows 0.
  if ((NUMBER_KINDS.has(kind) || kind === "date" || kind === "datetime") && typeof cell === "string" && PLACEHOLDER.test(toHalfWidth(cell).trim()))
    return { problem: translate(locale, NUMBER_KINDS.has(kind) ? "imports.placeholderNumber" : "imports.placeholderDate", { value: cell.trim() }) };
  // A day number written as text (a CSV of a date cell that lost its format: "44931") is read as
  // the number cell of an .xlsx is, below; eight digits stay text (20230105, read as yyyymmdd).
  if ((kind === "date" || kind === "datetime") && typeof cell === "string") {
    const text = toHalfWidth(cell).trim();
    if (/^\d+(?:\.\d+)?$/.test(text) && !/^\d{8}$/.test(text)) cell = Number(text);
  }
  // A day number of a workbook that counts days from 1904 (see isDate1904), in the 1900 count the
  // rest reads: its date cells came as dates, but one that lost its format is a plain number.
  if (date1904 && (kind === "date" || kind === "datetime") && typeof cell === "number" && !(Number.isInteger(cell) && cell >= 19000101 && cell <= 21991231)) cell += DAYS_1904;
  // A number in a date column is a date only as yyyymmdd or as an Excel day number from 1910 to
  // 2199 (a date cell that lost its format): the year 2023 typed alone became 1905-07-15.
  if ((kind === "date" || kind === "datetime") && typeof cell === "number") {
    const day = Math.floor(cell);
    const plausible = (Number.isInteger(cell) && cell >= 19000101 && cell <= 21991231) || (day >= DAY_1910 && day < DAY_2200);
    if (!plausible) return { problem: translate(locale, "imports.notADate", { value: String(cell) }) };
  }
  // A date cell before 1910 in a date column: Excel's time-only cell (18:30 typed alone is day 0,
  // 1899-12-30, or 1904-01-01 in a 1904 workbook) — stored, it was 1899-12-30T10:24:17Z, a date
  // nobody wrote (review10b P0). Refused as a day number before 1910 is.
  if ((kind === "date" || kind === "datetime") && cell instanceof Date && cell.getTime() < Date.UTC(1910, 0, 1)) {
    const day = cell.toISOString().slice(0, 10);
    if (day === "1899-12-30" || day === "1899-12-31" || day === "1904-01-01") return { problem: translate(locale, "imports.timeOnly", { value: cell.toISOString().slice(11, 16) }) };
    return { problem: translate(locale, "imports.notADate", { value: day }) };
  }
  // A percentage shown by a number cell's format ("5%", see shownNumber) in a plain number field: the number Excel holds.
  if (kind === "number" && typeof cell === "string" && /^-?\d+(?:\.\d+)?%$/.test(cell.trim()))
    return { value: normalizeValue(target.field.schema, Number((Number(cell.trim().slice(0, -1)) / 100).toPrecision(12))) };
  if (kind === "multiselect") {
    const options = target.field.options ?? [];
    const items = (typeof cell === "string" ? split(cell) : [cellText(cell)]).map((v) => matchOption(v, options));
    return { value: items };
  }
  if (kind === "select" && target.field.options) {
    return { value: normalizeValue(target.field.schema, matchOption(cellText(cell), target.field.options)) };
  }
  if (kind === "boolean" && typeof cell === "boolean") return { value: cell };
  if (marks === "either" && typeof cell === "string" && NUMBER_KINDS.has(kind)) {
    const readings = ambiguousNumber(cell);
    if (readings) return { problem: translate(locale, "imports.ambiguousDecimal", { value: cell.trim(), a: readings[0], b: readings[1] }) };
  }
  return { value: normalizeValue(target.field.schema, cell, marks) };
}

/**
 * The option a cell names, matched without regard to width, case or spaces — and 交 for 缴, which
 * offices write either way (年交 / 年缴, 已交费 / 已缴费).
 */
function matchOption(value: string, options: string[]): string {
  const v = value.replace(ZERO_WIDTH, "").trim();
  if (options.includes(v)) return v;
  const loose = (s: string) => toHalfWidth(s).toLowerCase().replace(/\s/g, "").replace(/缴/g, "交");
  const key = loose(v);
  return options.find((o) => loose(o) === key) ?? v;
}

/** The value at a path of nested objects (undefined where the path ends early). */
export function getIn(data: unknown, segments: string[]): unknown {
  let node = data;
  for (const s of segments) node = node && typeof node === "object" ? (node as Record<string, unknown>)[s] : undefined;
  return node;
}

/** Sets a value at a path of nested objects, creating them on the way. */
export function setIn(target: Record<string, unknown>, segments: string[], value: unknown): void {
  let node = target;
  for (const seg of segments.slice(0, -1)) {
    const next = node[seg];
    if (!next || typeof next !== "object" || Array.isArray(next)) node[seg] = {};
    node = node[seg] as Record<string, unknown>;
  }
  node[segments[segments.length - 1]] = value;
}

/** Reads one file row into the record's shape through the column mapping (null: column ignored), its numbers by the file's `marks`, its day numbers by its count of days (`date1904`); `csv`: a CSV's row. */
export function convertRow(row: TableRow, columns: (ImportTarget | null)[], locale: Locale, constants?: Map<string, unknown>, marks: NumberMarks = "grouping", date1904 = false, csv = false): ConvertedRow {
  const out: ConvertedRow = { row: row.row, fields: new Map(), tables: new Map(), columnOf: new Map(), implied: new Set(), problems: [] };
  // A row the reader could not match to the columns (under another sheet's header) is refused for that alone.
  if (row.refusal) out.problems.push({ column: -1, message: resolveText(locale, row.refusal) });
  columns.forEach((target, column) => {
    if (!target) return;
    const { value, problem } = convertCell(row.cells[column] ?? null, target, locale, marks, date1904, csv);
    if (problem) out.problems.push({ column, message: problem });
    // Blank cells too: a required value missing from a table row is named by its column.
    out.columnOf.set(target.path, column);
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
    if (!target.table) out.fields.set(target.path, value);
    else {
      const tableRow = out.tables.get(target.table) ?? {};
      setIn(tableRow, target.segments, value);
      out.tables.set(target.table, tableRow);
    }
  });
  // Fixed values go with rows that start a record (continuation rows add table rows only).
  if (constants && out.fields.size > 0) for (const [path, value] of constants) if (!out.fields.has(path)) out.fields.set(path, value);
  // A value the form shows only behind a switch (跟进事项 behind 是否需要跟进 = 是) in a sheet with no
  // column for the switch: the switch is on. A sheet that has the column says itself (and a value
  // it hides is refused, see evaluateGroup), as does a fixed value.
  const mapped = new Set(columns.flatMap((t) => (t ? [t.path] : [])));
  columns.forEach((target, column) => {
    if (!target?.implies.length || isBlank(row.cells[column] ?? null)) return;
    for (const on of target.implies) {
      if (mapped.has(on.path) || constants?.has(on.path)) continue;
      if (!on.table) {
        if (!out.fields.has(on.path)) {
          out.fields.set(on.path, on.value);
          out.implied.add(on.path);
        }
        continue;
      }
      const tableRow = out.tables.get(on.table);
      if (tableRow && getIn(tableRow, on.segments) === undefined) setIn(tableRow, on.segments, on.value);
    }
  });
  return out;
}
