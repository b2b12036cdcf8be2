import { completeTags } from "./ooxml-text";

/**
 * exceljs 4.4's streaming worksheet reader has no branch for a date cell stored as ISO 8601 text
 * (`<c t="d"><v>2023-01-05T00:00:00.000</v></c>`, as SheetJS and openpyxl write dates): it reads
 * the text with parseFloat, so the date came as the number 2023 and was refused as "2023 不是日期".
 * Such cells are rewritten on their way in into shared-string cells (`t="s"`) whose number the
 * reader looks up in this table (`DateCells.lookup`, beside CellStrings'), which gives the date
 * itself — a `Date` at the written wall-clock time in UTC, as exceljs gives date cells — or, for
 * text that is no date, that text (the import then names it). A formula in such a cell is dropped:
 * the import reads a formula by its cached result. A cell with no value passes unchanged.
 */

/** The numbers the table's cells get: past any shared-strings table and CellStrings' own. */
const FIRST = 2 ** 40;
const DATE_TYPE = /\st\s*=\s*["']d["']/;
const TYPE = /\st\s*=\s*["'][^"']*["']/;
/** A whole date cell: its start tag's attributes and what it holds. */
const DATE_CELL = /<c(\s[^>]*?\st\s*=\s*["']d["'][^>]*?)(?<!\/)>([\s\S]*?)<\/c>/g;
/** A date cell's start tag with no end tag after it. */
const UNFINISHED = /<c\s[^>]*?\st\s*=\s*["']d["'][^>]*?(?<!\/)>(?![\s\S]*<\/c>)/;
/** The ISO 8601 forms a t="d" cell holds (the zone, if any, is not applied: Excel keeps the wall-clock time). */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** The date an ISO 8601 text names (a real calendar day and time), or null. */
export function isoDateValue(text: string): Date | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((p) => Number(p ?? 0));
  const ms = Math.round(Number(`0.${m[7] ?? 0}`) * 1000);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  return date;
}

/** The values of rewritten date cells, each taken once by the reader when it reaches its cell. */
export class DateCells {
  private readonly waiting = new Map<number, Date | string>();
  private next = FIRST;

  /** The value of a number `rewrite` gave (then forgotten), else undefined. */
  lookup(index: number): Date | string | undefined {
    if (index < FIRST) return undefined;
    const value = this.waiting.get(index);
    this.waiting.delete(index);
    return value;
  }

  /** A sheet part's chunks as UTF-8 text in which every `t="d"` cell with a value refers to this table. */
  async *rewrite(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
    const cell = (whole: string, start: string, inside: string) => {
      const value = /<v(?:\s[^>]*)?>([^<]*)<\/v>/.exec(inside)?.[1];
      if (value === undefined) return whole;
      const n = this.next++;
      this.waiting.set(n, isoDateValue(value) ?? value.trim());
      return `<c${start.replace(TYPE, ' t="s"')}><v>${n}</v></c>`;
    };
    // A date cell whose end is not in the text yet waits for the next chunk.
    let carry = "";
    for await (const text of completeTags(chunks)) {
      if (!carry && !DATE_TYPE.test(text)) {
        yield text;
        continue;
      }
      const out = (carry + text).replace(DATE_CELL, cell);
      const open = UNFINISHED.exec(out)?.index ?? out.length;
      carry = out.slice(open);
      if (open > 0) yield out.slice(0, open);
    }
    // A sheet cut off inside a cell: what was read of it, for the reader to refuse.
    if (carry) yield carry;
  }
}
