import { rowLabel, type SheetJoin } from "./sheet-joins";

/**
 * Rows as ranges (from, to: objects, not pairs — FerretDB refuses nested arrays), a count of them
 * all, and whether more ranges were left out.
 */
export interface RowRangesJSON {
  count: number;
  ranges: { from: number; to: number }[];
  more?: true;
}

/** How many ranges a list of rows keeps (the job document must stay small for any file: MongoDB's 16 MB cap). */
export const MAX_ROW_RANGES = 50;

/**
 * Rows collected as ranges of consecutive rows, at most `limit` of them (the first ones): a sheet
 * of 100,000 hidden rows is one range, never 100,000 entries. Every row is counted. Rows mostly
 * come in file order; one out of order (a joined sheet's) is joined to its range wherever it is.
 */
export class RowRanges {
  private readonly ranges: [number, number][] = [];
  private count = 0;
  private more = false;

  constructor(private readonly limit = MAX_ROW_RANGES) {}

  add(row: number): void {
    const list = this.ranges;
    // The last range starting at or before the row (most rows: the last one).
    let i = list.length - 1;
    while (i >= 0 && list[i][0] > row) i--;
    if (i >= 0 && row <= list[i][1]) return;
    this.count++;
    if (i >= 0 && list[i][1] === row - 1) list[i][1] = row;
    else if (i + 1 < list.length && list[i + 1][0] === row + 1) list[i + 1][0] = row;
    else list.splice(i + 1, 0, [row, row]);
    // Joined with the next one.
    const at = i >= 0 && list[i][1] === row ? i : i + 1;
    if (at + 1 < list.length && list[at][1] + 1 === list[at + 1][0]) {
      list[at][1] = list[at + 1][1];
      list.splice(at + 1, 1);
    }
    if (list.length > this.limit) {
      list.length = this.limit;
      this.more = true;
    }
  }

  get size(): number {
    return this.count;
  }

  toJSON(): RowRangesJSON {
    return { count: this.count, ranges: this.ranges.map(([from, to]) => ({ from, to })), ...(this.more ? { more: true as const } : {}) };
  }
}

/** How a list of ranges is joined and ended in the reader's language (the imports dictionary's rangeSeparator, rangesMore). */
export interface RangeWords {
  separator: string;
  more: string;
}

/** Ranges of rows as people read them: "9、12–40" (zh), "9, 12–40" (en); a joined sheet's rows named by their sheet. */
export function rangesText(rows: RowRangesJSON, words: RangeWords, joins: readonly Pick<SheetJoin, "sheet">[]): string {
  const label = (row: number) => rowLabel(row, joins);
  const parts = rows.ranges.map(({ from: a, to: b }) => (a === b ? label(a) : `${label(a)}–${label(b).replace(/^.*!/, "")}`));
  return parts.join(words.separator) + (rows.more ? words.more : "");
}
