import type { LocalText } from "../i18n/messages";

/**
 * One cell as a spreadsheet holds it: text, a number, a date (a date-formatted cell of an .xlsx),
 * a truth value, an error value (#N/A, #DIV/0!) or nothing. CSV cells are always text.
 */
export type Cell = string | number | boolean | Date | { error: string } | null;

/** One data row of a sheet: its 1-based row number in the file and its cells by column. */
export interface TableRow {
  row: number;
  cells: Cell[];
  /** Why the reader could not tell which field each cell is (a row under another sheet's header): the row is refused with it. */
  refusal?: LocalText;
}

const pad = (n: number) => String(n).padStart(2, "0");

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
    if ("formula" in v || "sharedFormula" in v) return fromExcelValue(v.result);
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
  // Padded only while Excel holds every digit (15): a longer number stays a number, which the import
  // refuses as lost digits rather than storing made-up zeros as text.
  if (/^0{2,}$/.test(format) && Number.isInteger(value) && value >= 0 && value < 1e15 && String(value).length < format.length) return String(value).padStart(format.length, "0");
  return value;
}

/** A number in positional notation (0.0000001, not 1e-7), as a spreadsheet shows it. */
function plainDecimal(n: number): string {
  const text = String(n);
  if (!/e/i.test(text)) return text;
  return Math.abs(n) < 1 ? n.toFixed(20).replace(/\.?0+$/, "") : BigInt(Math.round(n)).toString();
}

/** The cell as text, the way the error sheet writes it back and problems quote it. */
export function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  if (typeof cell === "object") return cell.error;
  return String(cell);
}

/** True for a cell that holds nothing (blank or only spaces). */
export function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

const FORMULA_START = /^[=+\-@\t\r]/;

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
