/**
 * A sheet's data rows written as exceljs's streaming writer writes them, without its per-cell
 * objects. exceljs builds a Row, a Cell per column (each with its own style copy and address), a
 * row model and an XML stream per row; that was most of the Node side of an export (a profile of
 * 20,000 records flattened: ~3.5 s of exceljs and much of the 2.2 s of garbage collection). The
 * export's cells are only text, numbers, dates and blanks, each column with one style, so the row
 * XML is written here directly into the sheet's part: the same bytes exceljs writes for them
 * (xlsx-rows.test.ts compares the whole file both ways).
 */
import type ExcelJS from "exceljs";
import type { OutCell } from "./export-cell";

/** exceljs's internals used here: the sheet's part and the workbook's style table. */
type SheetInternals = { stream: { write(text: string): unknown } };
type WorkbookInternals = { styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType?: number): number } };

/** Characters exceljs escapes (or drops: control characters XML cannot hold) in text. */
const XML_SPECIAL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
const XML_SPECIAL_ALL = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/g;
const ENTITIES: Record<string, string> = { '"': "&quot;", "&": "&amp;", "'": "&apos;", "<": "&lt;", ">": "&gt;" };

/** exceljs's xmlEncode. */
export function xmlText(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIAL_ALL, (c) => ENTITIES[c] ?? "") : text;
}

/** "A", "B" … "Z", "AA" …: a column's letters from its 1-based number. */
export function columnLetters(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * How long a string of rows may grow before it is written (characters). A text of 65,536 or more
 * two-byte characters (any Chinese) is over 128 KB: V8 makes it in its large-object space when the
 * concatenated rows are flattened for encoding, and Buffer.from of such strings ran 3–4× slower per
 * character (a flattened export of 20,000 records: ~5 s of ~8 s of Node CPU in exceljs's
 * Buffer.from of the 64 KB strings this wrote before; 164 MB of row XML: 7.8 s at 65,536, 2.1–2.5 s
 * at 4,096–60,000). Used by the CSV lines and the spooled table sheets too.
 */
export const WRITE_CHUNK = 16_384;

const MS_PER_DAY = 86_400_000;
/** exceljs's ValueType numbers for the style table (the type matters only for a style without a number format). */
const NUMBER_TYPE = 2;
const DATE_TYPE = 4;

/**
 * Writes data rows after the rows exceljs has committed (`nextRow` is the first one's number; the
 * header row, committed through exceljs, opened the sheet's data). Each column's cells carry that
 * column's style (`styles[i]`, the same objects exceljs numbers by identity); a row without any
 * value is left out as exceljs leaves it out (its number is still used). `flush()` before the
 * sheet's commit, and nothing else through exceljs after these rows.
 */
export function sheetRows(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: ExcelJS.Worksheet, styles: Partial<ExcelJS.Style>[], nextRow: number): { add(cells: OutCell[]): void; flush(): void } {
  const table = (workbook as unknown as WorkbookInternals).styles;
  const part = (sheet as unknown as SheetInternals).stream;
  const ids = styles.map((s) => table.addStyleModel(s, s.numFmt ? DATE_TYPE : NUMBER_TYPE));
  const letters = styles.map((_, i) => columnLetters(i + 1));
  const spans = `${1}:${styles.length}`;
  let row = nextRow;
  // Rows go to the part ~16,000 characters at a time: exceljs's part turns each write into a
  // buffer, a promise and a write into the zip's deflate stream (WRITE_CHUNK: why not more).
  let pending = "";
  const flush = () => {
    if (pending) part.write(pending);
    pending = "";
  };
  const add = (cells: OutCell[]) => {
    const r = row++;
    let xml = "";
    let values = false;
    for (let i = 0; i < letters.length; i++) {
      const v = cells[i] ?? null;
      const s = ids[i] ? ` s="${ids[i]}"` : "";
      if (v === null) {
        if (s) xml += `<c r="${letters[i]}${r}"${s}/>`;
        continue;
      }
      values = true;
      if (typeof v === "string") xml += `<c r="${letters[i]}${r}"${s} t="str"><v>${xmlText(v)}</v></c>`;
      else if (typeof v === "number") xml += `<c r="${letters[i]}${r}"${s}><v>${xmlText(String(v))}</v></c>`;
      else xml += `<c r="${letters[i]}${r}"${s}><v>${xmlText(String(25569 + v.getTime() / MS_PER_DAY))}</v></c>`;
    }
    if (values) pending += `<row r="${r}" spans="${spans}" x14ac:dyDescent="0.25">${xml}</row>`;
    if (pending.length >= WRITE_CHUNK) flush();
  };
  return { add, flush };
}
