import { cellString, completeTags, localName, StringItem, TAG } from "./ooxml-text";

/**
 * exceljs 4.4's streaming worksheet reader (stream/xlsx/worksheet-reader.js) reads the text a cell
 * holds itself wrongly in three ways:
 * - an inline string (`t="inlineStr"`, as POI, WPS and many exporters write every string) keeps
 *   only its last `<t>`: the rich string `<is><r><t>张</t></r><r><t>三丰</t></r></is>` came back
 *   as "三丰", and a phonetic reading (`<rPh><t>…</t></rPh>`) after the text replaced it;
 * - `_xHHHH_` escapes (see ooxml-text.ts) are never decoded, in inline strings nor in a text
 *   formula's result (`t="str"`);
 * - both are passed through `utils.xmlDecode` after the XML parser has already replaced the
 *   entities, so text that reads "&lt;" (stored `&amp;lt;`) became "<".
 * So such cells are rewritten on their way in: their text is read here (`StringItem`, `cellString`)
 * and put in a side table, and the cell becomes a shared-string cell (`t="s"`) whose number the
 * reader looks up there (`sharedStrings[n]`, see `CellStrings.lookup`). Its formula, if any, is
 * dropped: the import reads a formula by its cached result only. A text formula with no result
 * (`<c t="str"><f>…</f></c>`) and every other cell pass unchanged.
 */

/** The numbers the side table's strings get: past any shared-strings table (at most 2^32 strings fit in SpooledStrings). */
const FIRST = 2 ** 32;
const STRING_TYPE = /\st\s*=\s*["'](?:inlineStr|str)["']/;
const TYPE = /\st\s*=\s*["'][^"']*["']/;
/**
 * What exceljs misreads in a string cell: runs, a phonetic reading, an entity (decoded twice), an
 * escape. A piece of whole cells without any is read right by exceljs itself (most sheets: the
 * rewrite took an inline-string sheet's reading 1.3–1.5× as long).
 */
const MISREAD = /&|<r[\s>]|<rPh|_x[0-9A-Fa-f]{4}_/;

/** The strings of rewritten cells, each taken once by the reader when it reaches its cell. */
export class CellStrings {
  private readonly waiting = new Map<number, string>();
  private next = FIRST;

  /** The number a rewritten cell refers to. */
  put(text: string): number {
    const n = this.next++;
    this.waiting.set(n, text);
    return n;
  }

  /** The string of a number `put` gave (then forgotten: each cell is read once), else undefined. */
  lookup(index: number): string | null | undefined {
    if (index < FIRST) return undefined;
    const text = this.waiting.get(index);
    this.waiting.delete(index);
    return text === "" ? null : text;
  }

  /**
   * A sheet part's chunks as UTF-8 text in which every inline string and every text formula's
   * result is a shared-string cell referring to this table.
   */
  async *rewrite(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
    /** The cell being read: its start tag, its raw XML so far, and what it holds. */
    let cell: { start: string; raw: string; inline: boolean; item: StringItem | null; value: string | null; inValue: boolean } | null = null;

    const finish = (): string => {
      const c = cell!;
      cell = null;
      const text = c.inline ? (c.item?.text() ?? "") : c.value === null ? null : cellString(c.value);
      if (text === null) return c.raw;
      const start = c.start.replace(TYPE, ' t="s"');
      return `${start}<v>${this.put(text)}</v></c>`;
    };

    const rewrite = (text: string): string => {
      if (!cell && !(STRING_TYPE.test(text) && MISREAD.test(text))) return text;
      let out = "";
      let from = 0;
      for (const m of text.matchAll(TAG)) {
        const [tag, slash, name, attributes] = m;
        const between = text.slice(from, m.index);
        from = m.index + tag.length;
        const local = localName(name);
        const selfClosing = attributes.endsWith("/");
        if (!cell) {
          out += between;
          if (local === "c" && !slash && !selfClosing && STRING_TYPE.test(attributes)) {
            cell = { start: tag, raw: tag, inline: /inlineStr/.test(TYPE.exec(attributes)![0]), item: null, value: null, inValue: false };
          } else out += tag;
          continue;
        }
        cell.raw += between + tag;
        if (cell.inline) cell.item?.chars(between);
        else if (cell.inValue) cell.value += between;
        if (local === "c" && slash) out += finish();
        else if (cell.inline) {
          if (local === "is") cell.item = slash || selfClosing ? cell.item : new StringItem();
          else cell.item?.tag(slash, name, selfClosing);
        } else if (local === "v") {
          if (!slash) cell.value = "";
          cell.inValue = !slash && !selfClosing;
        }
      }
      const rest = text.slice(from);
      if (!cell) return out + rest;
      cell.raw += rest;
      if (cell.inline) cell.item?.chars(rest);
      else if (cell.inValue) cell.value += rest;
      return out;
    };

    // Pieces of whole cells (an unfinished one waits for the next chunk): most of them need nothing
    // rewritten and pass as they are.
    let carry = "";
    for await (const text of completeTags(chunks)) {
      const piece = carry + text;
      const cut = unfinishedCell(piece);
      carry = piece.slice(cut);
      const out = rewrite(piece.slice(0, cut));
      if (out) yield out;
    }
    const tail = rewrite(carry);
    if (tail) yield tail;
    // A sheet cut off inside a cell: what was read of it, for the reader to refuse.
    if (cell) yield (cell as { raw: string }).raw;
  }
}

/**
 * Where the last cell of a text of complete tags starts when its end tag is not in the text yet
 * (else the text's length). exceljs reads unprefixed sheet XML only (`<c>`, not `<x:c>`).
 */
function unfinishedCell(text: string): number {
  for (let at = text.lastIndexOf("<c"); at !== -1; at = at === 0 ? -1 : text.lastIndexOf("<c", at - 1)) {
    if (!/[\s>/]/.test(text[at + 2] ?? "")) continue; // <col>, <cfRule>…
    const end = text.indexOf(">", at);
    return text[end - 1] === "/" || text.includes("</c>", end) ? text.length : at;
  }
  return text.length;
}
