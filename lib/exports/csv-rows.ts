/**
 * The CSV export's lines as csv-stringify writes them with the export's settings (BOM, "\r\n"
 * after every record, its defaults otherwise), without its stream: csv-stringify casts and checks
 * each field through options objects and pushes each record through a Transform stream — ~1.5 s of
 * the ~4 s of Node CPU of a CSV export of 20,000 records (benchmarks/README.md, export-speed-2).
 * The export's cells are only text, numbers and blanks; csv-rows.test.ts compares this with
 * csv-stringify byte for byte.
 */
import type { OutCell } from "./export-cell";

/** The UTF-8 byte order mark csv-stringify writes before the first record (`bom: true`). */
export const CSV_BOM = "\uFEFF";

/**
 * A field is quoted when it holds the delimiter, the quote or the record delimiter "\r\n" —
 * csv-stringify's rule with a record delimiter set (its quote_record_delimiter is then off, so a
 * lone "\n" or "\r" is written unquoted; kept as it was, byte for byte).
 */
const NEEDS_QUOTES = /[,"]|\r\n/;

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
