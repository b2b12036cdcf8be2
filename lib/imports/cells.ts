import { msg, type LocalText } from "../i18n/messages";

/**
 * One cell as a spreadsheet holds it: text, a number, a date (a date-formatted cell of an .xlsx),
 * a truth value, an error value (#N/A, #DIV/0!) or nothing. CSV cells are text or error values.
 */
export type Cell = string | number | boolean | Date | CellError | null;

/**
 * An error value (#N/A, #DIV/0!), or a cell whose value cannot be taken as the sheet shows it: then
 * `error` is the cell as written back to the error sheet and `reason` says why it is refused.
 */
export interface CellError {
  error: string;
  reason?: LocalText;
}

/** One data row of a sheet: its 1-based row number in the file and its cells by column. */
export interface TableRow {
  row: number;
  cells: Cell[];
  /** Why the reader could not tell which field each cell is (a row under another sheet's header): the row is refused with it. */
  refusal?: LocalText;
  /**
   * The columns whose 0 is a formula's saved result (.xlsx), not typed: on a row that otherwise
   * continues the record above, such a 0 in a record column is read as blank (see scan-groups.ts).
   */
  formulaZeros?: number[];
  /** A header repeated below the header (a sheet pasted from several exports): no data, skipped and said so. */
  header?: true;
  /** Hidden in Excel (by hand, in a collapsed outline, or filtered out): read as any other row, and said. */
  hidden?: true;
  /**
   * The file columns (0-based, as in its own sheet) right of the header's last title that hold
   * something in this row: cells under no title, which no field can take — not imported, and said.
   */
  untitled?: number[];
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Excel's error values, which it writes into a CSV as this text for a cell whose formula failed. */
const ERROR_VALUES = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"]);

/**
 * A whole cell written as the formula ="…" (with "" for a quote inside): how core systems keep an
 * ID's or a policy number's digits as text in a CSV. Excel shows only the text inside.
 */
const TEXT_FORMULA = /^\s*="((?:[^"]|"")*)"\s*$/;

/**
 * A CSV cell: empty is nothing, an error value written as text (#N/A, #REF!) is that error (as an
 * .xlsx's is), ="…" the text inside it (as Excel shows it: ="11010519491231002X" was refused as an
 * ID of 21 characters, ="张三" stored with its wrapper), the rest text — any other formula too, as
 * typed (nothing is ever run).
 */
export function fromCsvText(text: string): Cell {
  if (text === "") return null;
  const wrapped = text.trimStart().startsWith("=") ? TEXT_FORMULA.exec(text) : null;
  if (wrapped) return wrapped[1] === "" ? null : wrapped[1].replace(/""/g, '"');
  const trimmed = text.trim();
  return ERROR_VALUES.has(trimmed.toUpperCase()) ? { error: trimmed } : text;
}

/**
 * Reads an exceljs cell value: a formula counts by its cached result, rich text and hyperlinks by
 * their text, so what the user saw in Excel is what is imported.
 */
export function fromExcelValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if ("formula" in v || "sharedFormula" in v) {
      // No saved result (a file a program wrote and Excel never recalculated): nothing to take as
      // what the user saw, and blank would be wrong (the row was refused as missing its 保单号).
      if (v.result === undefined || (typeof v.result === "number" && Number.isNaN(v.result))) {
        const text = String(v.formula ?? v.sharedFormula ?? "");
        const formula = text.length > 60 ? `${text.slice(0, 60)}…` : text;
        return { error: `=${text}`, reason: msg("imports.formulaNoResult", { formula }) };
      }
      return fromExcelValue(v.result);
    }
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
    if (typeof v.text === "string") return v.text;
    if (typeof v.error === "string") return { error: v.error };
  }
  return String(value);
}

/**
 * A number cell as the sheet shows it where that differs from the number itself: a percentage
 * (Excel keeps 100% as 1: "100%", which a percent field reads as 100) and a number padded with
 * zeros by its format (0000000 shows 12345 as "0012345": a 保单号 keeps its leading zeros).
 * Other numbers stay numbers.
 */
export function shownNumber(value: number, numFmt: string | undefined): Cell {
  if (!numFmt || !Number.isFinite(value)) return value;
  // The format's own characters: quoted text and escaped characters are shown as they are.
  const format = numFmt.replace(/"[^"]*"/g, "").replace(/\\./g, "").split(";")[0];
  if (format.includes("%")) return `${plainDecimal(Number((value * 100).toPrecision(12)))}%`;
  const unit = formatUnit(numFmt);
  if (unit) {
    // 0"万元" shows 50 as 50万元: the amount is 500,000, read from the text shown.
    if (unit.factor && unit.shownScale === 1) return `${plainDecimal(value)}${unit.text}`;
    // 0!.0000"万" or 0.0,"万" shows 123,456 as 12.3456万 / 12.3万: the number is the amount itself.
    if (unit.factor && unit.shownScale === unit.factor) return value;
    // Anything else (0,"万": 50,000 shown as 50万; "万元整") shows an amount the number is not.
    return { error: plainDecimal(value), reason: msg("imports.unitFormat", { value: plainDecimal(value), format: numFmt }) };
  }
  // Padded only while Excel holds every digit (15): a longer number stays a number, which the import
  // refuses as lost digits rather than storing made-up zeros as text.
  if (/^0{2,}$/.test(format) && Number.isInteger(value) && value >= 0 && value < 1e15 && String(value).length < format.length) return String(value).padStart(format.length, "0");
  return value;
}

/** Amounts a number format's text can name after the number (万元, 亿…), as multiples of one. */
const FORMAT_UNITS: Record<string, number> = { 千: 1e3, 万: 1e4, 十万: 1e5, 百万: 1e6, 千万: 1e7, 亿: 1e8 };

/** The first section of a number format (the one for positive numbers): up to a ";" outside quotes. */
function firstSection(numFmt: string): string {
  let quoted = false;
  for (let i = 0; i < numFmt.length; i++) {
    const c = numFmt[i];
    if (c === '"') quoted = !quoted;
    else if (c === "\\" && !quoted) i++;
    else if (c === ";" && !quoted) return numFmt.slice(0, i);
  }
  return numFmt;
}

/**
 * The unit of amount a number format shows after the number (0"万元", #,##0.00"亿", 0\万), with
 * how much smaller than the number the digits shown are (`shownScale`: 1000 per comma after the
 * last digit, 10 per digit after a literal point as in 0!.0000"万"). Null when the format names no
 * amount; refused (a unit nobody can scale by, such as "万元整") as a unit of 0.
 */
export function formatUnit(numFmt: string): { text: string; factor: number; shownScale: number } | null {
  const section = firstSection(numFmt).replace(/\[[^\]]*\]/g, "");
  let text = "";
  let commas = 0;
  let literalPoint = false;
  let afterPoint = 0;
  for (let i = 0; i < section.length; i++) {
    const c = section[i];
    if (c === '"') {
      const end = section.indexOf('"', i + 1);
      text += section.slice(i + 1, end === -1 ? undefined : end);
      i = end === -1 ? section.length : end;
    } else if (c === "\\" || c === "!") {
      const next = section[++i] ?? "";
      if (next === ".") literalPoint = true;
      else text += next;
    } else if (c === "_" || c === "*") i++;
    else if (c === "0" || c === "#" || c === "?") {
      commas = 0;
      if (literalPoint) afterPoint++;
    } else if (c === ",") commas++;
    else if (/[\u4e00-\u9fff]/.test(c)) text += c;
  }
  if (!/[万亿]|千元/.test(text) && text.trim() !== "千") return null;
  const unit = text.trim().replace(/\s/g, "").replace(/(?:元|人民币)$/, "");
  return { text: text.trim(), factor: FORMAT_UNITS[unit] ?? 0, shownScale: 1000 ** commas * 10 ** afterPoint };
}

/** A number in positional notation (0.0000001, not 1e-7), as a spreadsheet shows it. */
function plainDecimal(n: number): string {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  return Math.abs(n) < 1 ? n.toFixed(20).replace(/\.?0+$/, "") : BigInt(Math.round(n)).toString();
}

/**
 * The cell as text, the way the error sheet writes it back and problems quote it. `date1904`: the
 * workbook counts days from 1904 (see `typedNumber`) — digits typed into a date cell of such a
 * workbook were written back 1,462 too high.
 */
export function cellText(cell: Cell, date1904 = false): string {
  if (cell === null) return "";
  if (cell instanceof Date) {
    const typed = typedNumber(cell, date1904);
    return typed !== null ? String(typed) : `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  }
  if (typeof cell === "object") return cell.error;
  return String(cell);
}

/**
 * The number typed into a cell formatted as a date whose day number is past the year 9999 (20230105
 * typed as yyyymmdd: Excel shows ########, the reader a date in the year 57288), else null: that is
 * what the cell holds — written back so in the error sheet, read as the number in a date column.
 * `date1904`: the workbook counts days from 1904 (see `isDate1904`), as the reader did.
 */
export function typedNumber(cell: Date, date1904 = false): number | null {
  if (cell.getUTCFullYear() <= 9999) return null;
  return Math.round(((cell.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 - (date1904 ? DAYS_1904 : 0)) * 1e6) / 1e6;
}

/**
 * Days between Excel's two counts of days: a workbook saved with the 1904 date system (old Mac
 * Excel; 文件 › 选项 › 使用 1904 日期系统) has its day 0 on 1904-01-01, which the 1900 count calls day 1462.
 */
export const DAYS_1904 = 1462;

/**
 * Whether a workbook's part xl/workbook.xml says it counts days from 1904: `<workbookPr
 * date1904="1"/>` or "true" (both are the file format's true; exceljs read only "1", and a
 * workbook saying "true" had every date 4 years and a day early).
 */
export function isDate1904(workbookXml: string): boolean {
  const properties = /<(?:[A-Za-z]+:)?workbookPr\b([^>]*)>/.exec(workbookXml);
  const value = properties ? /\bdate1904\s*=\s*["']([^"']*)["']/.exec(properties[1])?.[1] : undefined;
  return value === "1" || value === "true";
}

/** True for a cell that holds nothing (blank or only spaces). */
export function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/**
 * Formula-like text: = + - @ or a tab or carriage return first — after any apostrophes, so that
 * text which itself starts with one ('=1) gets one more and the import's taking one off gives it
 * back ("'=撇号开头" came back as "=撇号开头"; tester round 9 P1-1). An apostrophe before
 * anything else ('0012) is left alone both ways.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Text a spreadsheet shows as typed instead of running it as a formula: a leading apostrophe
 * before = + - @ or a tab or carriage return ('=1+1). The export writes text that way.
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The reverse, for the import: the apostrophe an export put before formula-like text is not part of the value. */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
