import { completeTags, TAG } from "./ooxml-text";

/**
 * exceljs 4.4's streaming worksheet reader reads a formula's cached result with parseFloat unless
 * the cell is `t="str"` (stream/xlsx/worksheet-reader.js, the `c` close tag), so a formula whose
 * result is an error — `<c t="e"><f>1/0</f><v>#DIV/0!</v></c>`, as Excel saves it — comes back as
 * NaN and was imported as a blank cell. The reader keeps no trace of `t="e"` by then, so the sheet's
 * XML is rewritten on its way in instead: an error cell loses its `<f>` element and the reader
 * takes the branch it has for a plain error cell (`{ error: "#DIV/0!" }`). Only the formula text
 * is dropped; the cached value the user saw is kept. Text of any other cell passes unchanged.
 */

const ERROR_TYPE = /\st\s*=\s*["']e["']/;

/** A sheet part's chunks (bytes or text) as UTF-8 text, with every error cell's formula removed. */
export async function* withoutErrorFormulas(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  let inErrorCell = false;
  let inFormula = false;

  /** The text with every tag it holds complete, rewritten; the state carries over to the next. */
  function rewrite(text: string): string {
    if (!inErrorCell && !ERROR_TYPE.test(text)) return text;
    let out = "";
    let from = 0;
    for (const m of text.matchAll(TAG)) {
      const [tag, slash, name, attributes] = m;
      const at = m.index;
      if (!inFormula) out += text.slice(from, at);
      from = at + tag.length;
      const selfClosing = attributes.endsWith("/");
      if (name === "c") {
        inErrorCell = slash === "" && !selfClosing && ERROR_TYPE.test(attributes);
        inFormula = false;
      } else if (name === "f" && inErrorCell) {
        if (slash === "" && !selfClosing) inFormula = true;
        else if (slash === "/") inFormula = false;
        continue;
      }
      if (!inFormula) out += tag;
    }
    if (!inFormula) out += text.slice(from);
    return out;
  }

  for await (const text of completeTags(chunks)) {
    const out = rewrite(text);
    if (out) yield out;
  }
}
