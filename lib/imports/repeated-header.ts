import { cellText, type TableRow } from "./cells";

/**
 * Tells whether a row below the header is a header itself — two sheets pasted one under the
 * other, each with its titles: more than half of the header's titles (two at least) stand in its
 * cells. Then per column of the header, the column of this row with the same title (-1: none),
 * which reads the rows under it by their own header; or, when some of its titles are not the
 * header's (or stand there more often), those titles: its rows cannot be told apart field by field.
 */
export function headerRepeats(titles: string[]): (row: TableRow) => { columns: number[] } | { unknown: string[] } | null {
  const known = new Set(titles.filter(Boolean));
  return (row) => {
    // Counted first without copying the row: this runs on every row of the file.
    let hits = 0;
    for (const c of row.cells) if (typeof c === "string" && known.has(c.trim())) hits++;
    if (hits < 2 || hits * 2 <= known.size) return null;
    return matchTitles(row, titles);
  };
}

/** Per column of the header, the column of the row with its title — or the row's titles the header lacks. */
function matchTitles(row: TableRow, titles: string[]): { columns: number[] } | { unknown: string[] } {
  const texts = row.cells.map((c) => cellText(c).trim());
  const columns = titles.map(() => -1);
  const unknown: string[] = [];
  texts.forEach((text, c) => {
    if (!text) return;
    // A title the header has twice fills its columns in order.
    const at = titles.findIndex((t, i) => t === text && columns[i] < 0);
    if (at < 0) unknown.push(text);
    else columns[at] = c;
  });
  return unknown.length ? { unknown } : { columns };
}
