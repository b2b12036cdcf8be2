import { completeTags, TAG } from "./ooxml-text";

/**
 * Some libraries and tools write a sheet's rows and cells without their references — `<row>` and
 * `<c><v>…</v></c>`, no `r="3"` / `r="B3"` — which ECMA-376 allows (Part 1, §18.3.1.73 and
 * §18.3.1.4: each then follows the one before it) and Excel opens, numbering them by position.
 * exceljs 4.4's streaming worksheet reader needs the reference (it decodes `c.ref` for the column
 * and reads `row.r` as the number), so such a workbook was refused as damaged. Here the sheet's
 * XML gets them on its way in: a row without `r` is the row after the one before it (the first
 * is 1), a cell without `r` the column after the cell before it in its row (the first is A).
 * Sheets that carry their references (Excel, WPS, exceljs) pass unchanged.
 */

/** A row or cell start tag without an `r` attribute. */
const MISSING = /<(?:row|c)(?=[\s>/])(?![^>]*\sr\s*=)/;
const R = /\sr\s*=\s*["']([^"']*)["']/;

/** The column letters of a 1-based column number (1 → A, 28 → AB). */
export function columnLetters(n: number): string {
  let out = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** The 1-based column of a cell reference ("AB12" → 28), NaN if it is none. */
function columnOf(ref: string): number {
  const letters = /^\$?([A-Za-z]{1,3})\$?\d+$/.exec(ref.trim())?.[1];
  if (!letters) return Number.NaN;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** Where the last start tag `<name …>` of a text begins, at or after `from` (-1: none). */
function lastStart(text: string, name: string, from: number): number {
  for (let at = text.lastIndexOf(`<${name}`); at >= from; at = at === 0 ? -1 : text.lastIndexOf(`<${name}`, at - 1)) {
    if (/[\s>/]/.test(text[at + name.length + 1] ?? "")) return at;
  }
  return -1;
}

/** A sheet part's chunks (bytes or text) as UTF-8 text in which every row and cell has its reference. */
export async function* withCellReferences(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  let row = 0;
  let column = 0;

  const start = (attributes: string, slash: string, name: string): string | null => {
    if (slash) return null;
    const ref = R.exec(attributes)?.[1];
    if (name === "row") {
      const n = ref === undefined ? Number.NaN : parseInt(ref, 10);
      row = Number.isFinite(n) ? n : row + 1;
      column = 0;
      return ref === undefined ? `<row r="${row}"${attributes}>` : null;
    }
    const n = ref === undefined ? Number.NaN : columnOf(ref);
    column = Number.isFinite(n) ? n : column + 1;
    return ref === undefined ? `<c r="${columnLetters(column)}${row}"${attributes}>` : null;
  };

  for await (const text of completeTags(chunks)) {
    if (!MISSING.test(text)) {
      // References all there (most sheets): only where its last row and cell stand is kept, for a
      // later tag without one.
      const lastRow = lastStart(text, "row", 0);
      if (lastRow >= 0) start(text.slice(lastRow, text.indexOf(">", lastRow)), "", "row");
      const lastCell = lastStart(text, "c", Math.max(lastRow, 0));
      if (lastCell >= 0) start(text.slice(lastCell, text.indexOf(">", lastCell)), "", "c");
      yield text;
      continue;
    }
    let out = "";
    let from = 0;
    for (const m of text.matchAll(TAG)) {
      const [tag, slash, name, attributes] = m;
      out += text.slice(from, m.index);
      from = m.index + tag.length;
      out += name === "row" || name === "c" ? (start(attributes, slash, name) ?? tag) : tag;
    }
    yield out + text.slice(from);
  }
}
