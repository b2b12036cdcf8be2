/**
 * The CSV export's lines as csv-stringify writes them with the export's settings (BOM, "\r\n"
 * after every record, its defaults otherwise), without its stream: csv-stringify casts and checks
 * each field through options objects and pushes each record through a Transform stream — ~1.5 s of
 * the ~4 s of Node CPU of a CSV export of 20,000 records (benchmarks/README.md, export-speed-2).
 * The export's cells are only text, numbers and blanks; csv-rows.test.ts compares this with
 * csv-stringify byte for byte (told to quote every line break, see NEEDS_QUOTES).
 */
import type { OutCell } from "./export-cell";

/** The UTF-8 byte order mark csv-stringify writes before the first record (`bom: true`). */
export const CSV_BOM = "\uFEFF";

/**
 * A field is quoted when it holds the delimiter, the quote or any line break (RFC 4180). csv-stringify
 * with a record delimiter set quoted only "\r\n": a text with a lone "\n" — how free text with a
 * line break is stored — went out unquoted, and Excel split the record at it.
 */
const NEEDS_QUOTES = /[,"\r\n]/;

/** One record's line, "\r\n" included; null is an empty field, a date its milliseconds (csv-stringify's casts). */
export function csvLine(cells: readonly OutCell[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ",";
    const v = cells[i];
    if (v === null) continue;
    const s = typeof v === "string" ? v : v instanceof Date ? `${v.getTime()}` : `${v}`;
    line += NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  }
  return `${line}\r\n`;
}
