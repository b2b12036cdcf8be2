import { localName, TAG } from "./ooxml-text";

/**
 * What a sheet hides, read from its XML on the way to exceljs's reader (which keeps none of it):
 * rows hidden in Excel (`<row hidden="1">`: hidden by hand, collapsed in an outline, or filtered
 * out by a filter left on), hidden columns (`<col min max hidden="1">`) and whether the sheet has a
 * filter (`<autoFilter>`, after its rows: known once they are read). A hidden row is kept only
 * until the reader reaches it (`takeHidden`): the XML is read at most a chunk ahead of the rows.
 */
export class SheetVisibility {
  private readonly hiddenRows = new Set<number>();
  private readonly hiddenColumnRanges: [number, number][] = [];
  /** Whether the sheet has a filter (an autofilter). */
  filtered = false;

  /** Whether the sheet hides row `row` (1-based); forgotten once asked. */
  takeHidden(row: number): boolean {
    return this.hiddenRows.delete(row);
  }

  /** Whether the sheet hides column `column` (1-based). */
  columnHidden(column: number): boolean {
    return this.hiddenColumnRanges.some(([a, b]) => column >= a && column <= b);
  }

  /** A sheet part's text (cut between tags, see completeTags), passed on unchanged, read for what it hides. */
  async *observe(chunks: AsyncIterable<string>): AsyncGenerator<string> {
    for await (const text of chunks) {
      // Most pieces hide nothing (a quick look first: the sheet of a big file is hundreds of MB).
      if (text.includes("hidden") || text.includes("autoFilter")) this.read(text);
      yield text;
    }
  }

  private read(text: string): void {
    for (const m of text.matchAll(TAG)) {
      const [, slash, name, attributes] = m;
      if (slash) continue;
      const local = localName(name);
      if (local === "autoFilter") this.filtered = true;
      else if ((local === "row" || local === "col") && /\shidden\s*=\s*["'](?:1|true)["']/.test(attributes)) {
        if (local === "row") {
          const r = /\sr\s*=\s*["'](\d+)["']/.exec(attributes)?.[1];
          if (r) this.hiddenRows.add(Number(r));
        } else {
          const min = Number(/\smin\s*=\s*["'](\d+)["']/.exec(attributes)?.[1]);
          const max = Number(/\smax\s*=\s*["'](\d+)["']/.exec(attributes)?.[1] ?? min);
          if (Number.isFinite(min) && min > 0) this.hiddenColumnRanges.push([min, Number.isFinite(max) && max >= min ? max : min]);
        }
      }
    }
  }
}
