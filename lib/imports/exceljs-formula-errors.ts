import { completeTags, TAG } from "./ooxml-text";

/**
 * exceljs 4.4's streaming worksheet reader reads a formula's cached result with parseFloat unless
 * the cell is `t="str"` (stream/xlsx/worksheet-reader.js, the `c` close tag), so a formula whose
 * result is an error — `<c t="e"><f>1/0</f><v>#DIV/0!</v></c>`, as Excel saves it — comes back as
 * NaN and was imported as a blank cell. The reader keeps no trace of `t="e"` by then, so the sheet's
 * XML is rewritten on its way in instead: an error cell loses its `<f>` element and the reader
 * takes the branch it has for a plain error cell (`{ error: "#DIV/0!" }`). Only the formula text
 * is dropped; the cached value the user saw is kept. A formula whose result is a truth value
 * (`<c t="b"><f>A2>0</f><v>1</v></c>`) is read by parseFloat too: TRUE came as 1 and FALSE, 0,
 * was dropped by exceljs as falsy (blank); without its `<f>` the reader takes its branch for a
 * plain truth-value cell (true / false). Such a cell saved without a result keeps its formula (it
 * is refused as such). Text of any other cell passes unchanged.
 */

const TYPED_RESULT = /\st\s*=\s*["'][eb]["']/;

/** A sheet part's chunks (bytes or text) as UTF-8 text, with the formula of every error or truth-value cell removed. */
export async function* withoutErrorOrBooleanFormulas(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  let inTypedCell = false;
  let inFormula = false;
  /** The typed cell's formula, held back until its value shows it has a saved result (without one it stays: refused as such). */
  let held = "";

  /** The text with every tag it holds complete, rewritten; the state carries over to the next. */
  function rewrite(text: string): string {
    if (!inTypedCell && !TYPED_RESULT.test(text)) return text;
    let out = "";
    let from = 0;
    for (const m of text.matchAll(TAG)) {
      const [tag, slash, name, attributes] = m;
      const between = text.slice(from, m.index);
      if (inFormula) held += between;
      else out += between;
      from = m.index + tag.length;
      const selfClosing = attributes.endsWith("/");
      if (name === "c") {
        if (held) out += held;
        held = "";
        inTypedCell = slash === "" && !selfClosing && TYPED_RESULT.test(attributes);
        inFormula = false;
      } else if (name === "f" && inTypedCell) {
        held += tag;
        inFormula = slash === "" && !selfClosing;
        continue;
      } else if (name === "v" && inTypedCell) held = "";
      if (inFormula) held += tag;
      else out += tag;
    }
    const rest = text.slice(from);
    if (inFormula) held += rest;
    else out += rest;
    return out;
  }

  for await (const text of completeTags(chunks)) {
    const out = rewrite(text);
    if (out) yield out;
  }
}
