import ExcelJS from "exceljs";

/**
 * exceljs 4.4's streaming reader decodes each chunk of a zipped XML part on its own
 * (utils/parse-sax.js → bufferToString → TextDecoder.decode without `stream: true`), so a
 * Chinese character that straddles two 16 KB chunks becomes "��": 已缴费 came back as 已缴���
 * about once every few hundred rows (exceljs issues #2063, #2084, #2316; unmerged PRs #1665,
 * #2081, #2213). The parser passes strings through untouched, so each part is handed to it
 * already decoded — with a decoder that keeps a cut character for the next chunk. Applied once,
 * to the reader's own part parsers; tests/…/read-table-utf8.test.ts fails if it stops working.
 */
type Reader = Record<string, (...args: unknown[]) => unknown>;
type Entry = { setEncoding?: (encoding: string) => void };

const PATCHED = Symbol.for("dossier.exceljs-utf8");

async function* decoded(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

export function patchExcelJsUtf8(): void {
  const proto = (ExcelJS.stream.xlsx.WorkbookReader as unknown as { prototype: Reader & { [PATCHED]?: boolean } }).prototype;
  if (proto[PATCHED]) return;
  // Parts handed over as the zip entry itself: let the entry stream decode (Node's StringDecoder keeps cut characters).
  for (const name of ["_parseRels", "_parseWorkbook", "_parseSharedStrings", "_parseStyles"]) {
    const original = proto[name];
    if (typeof original !== "function") continue;
    proto[name] = function (this: unknown, entry: unknown, ...rest: unknown[]) {
      (entry as Entry).setEncoding?.("utf8");
      return original.call(this, entry, ...rest);
    };
  }
  // Parts handed over as an iterator of chunks (a zip entry, or the temporary file of a sheet read before the shared strings).
  for (const name of ["_parseWorksheet", "_parseHyperlinks"]) {
    const original = proto[name];
    if (typeof original !== "function") continue;
    proto[name] = function (this: unknown, iterator: unknown, ...rest: unknown[]) {
      return original.call(this, decoded(iterator as AsyncIterable<unknown>), ...rest);
    };
  }
  proto[PATCHED] = true;
}
