import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import ExcelJS from "exceljs";
import unzipper from "unzipper";
import { isDate1904 } from "./cells";
import { withCellReferences } from "./exceljs-cell-refs";
import { CellStrings } from "./exceljs-cell-strings";
import { DateCells } from "./exceljs-date-cells";
import { withoutErrorOrBooleanFormulas } from "./exceljs-formula-errors";
import { patchExcelJsUtf8 } from "./exceljs-utf8";
import { sharedStringTexts } from "./ooxml-text";
import { SpooledStrings } from "./spooled-strings";
import type { SheetVisibility } from "./xlsx-visibility";

patchExcelJsUtf8();

/**
 * Reading one sheet of an .xlsx through the zip's central directory.
 *
 * exceljs 4.4's streaming `WorkbookReader` reads the zip in one pass (unzipper's `Parse`) and needs
 * `xl/workbook.xml` — which Excel and exceljs itself store last — to name the sheets. Under load
 * that pass intermittently ends before the last entry reaches the reader, and the sheet then fails
 * with "Cannot read properties of undefined (reading 'sheets')" (exceljs issue #3064; an import's
 * run failed this way in CI). Here the directory is read first (`unzipper.Open.file`), the
 * workbook's relations, the workbook, the shared strings and the styles are parsed in that order,
 * and only then the wanted sheet is streamed row by row by exceljs's own worksheet reader (dates,
 * shared strings and number formats as before; never the whole sheet in memory). Other sheets are
 * never read at all. The shared strings go to a file (`SpooledStrings`), not exceljs's array in the
 * heap, which a 1,000,000-row workbook filled past the server's heap limit; they are read here
 * (`sharedStringTexts`: exceljs's parser took a 拼音指南 reading for the text and left `_x000D_`
 * escapes in it). A formula whose result is an error reaches the reader as the error itself
 * (`withoutErrorOrBooleanFormulas`, a truth value likewise); inline strings and text results are read here too (`CellStrings`),
 * and dates stored as ISO 8601 text (`DateCells`); rows and cells written without their references are
 * numbered by position (`withCellReferences`). What the sheet hides (rows, columns) and whether it
 * has a filter is noted in `visibility` when given (exceljs keeps none of it).
 */

/** The reader's internals this module drives (exceljs's own part parsers, patched for UTF-8). */
interface ReaderInternals {
  model?: { sheets?: { name: string; id: number; rId: string; state?: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  /** The workbook's properties as parsed (workbookPr); the worksheet reader takes date1904 from them. */
  properties?: { model?: { date1904?: boolean } };
  sharedStrings?: unknown;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  /** The parsed styles: number formats by id, as the file defines them. */
  styles?: { index?: { numFmt?: Record<string, string | undefined> } };
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> & { name?: string } }>;
}

/**
 * The number formats Chinese Excel builds in and a file refers to by id alone (ECMA-376 Part 1
 * §18.8.30, zh-CN): the date 2024年3月5日 is format 31. exceljs's reader knows these ids only per
 * locale and looks them up without one, so such a date cell came as its day number (45356) — stored
 * as "45356" in a text field.
 */
const ZH_CN_BUILT_IN_FORMATS: Record<number, string> = {
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: "m-d-yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"',
  35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** Gives the parsed styles the zh-CN built-in formats the file does not define itself. */
function withChineseBuiltInFormats(reader: ReaderInternals): void {
  const formats = reader.styles?.index?.numFmt;
  if (!formats) return;
  for (const [id, code] of Object.entries(ZH_CN_BUILT_IN_FORMATS)) formats[id] ??= code;
}

/** Why a workbook could not be read; the caller turns it into the user's message. */
export class XlsxReadError extends Error {}

const OPTIONS = { worksheets: "emit", sharedStrings: "emit", hyperlinks: "ignore", styles: "cache", entries: "ignore" } as const;

/** A relation's target as a path inside the zip ("worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml"). */
function partPath(target: string): string {
  return target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
}

/** One sheet of a workbook as named in it, with the zip part that holds its cells. */
export interface SheetPart {
  name: string;
  path: string;
}

/** The workbook's sheets, in the order of its tabs, each with its part. */
function sheetParts(reader: ReaderInternals): SheetPart[] {
  const rels = reader.workbookRels ?? [];
  return (reader.model?.sheets ?? []).flatMap((sheet) => {
    const rel = rels.find((r) => r.Id === sheet.rId);
    return rel ? [{ name: sheet.name, path: partPath(rel.Target) }] : [];
  });
}

/**
 * The rows of one sheet (by name; the first tab when `sheet` is null), as exceljs rows. Throws
 * `XlsxReadError` for a file that is no workbook and for a sheet it does not have (`missingSheet`).
 * Returning from the iteration early closes the file.
 */
/**
 * unzipper's Open.file, with each part's file stream's errors passed to the stream it is piped
 * into (unzipper listens there, and its entry stream then errs to our reader). Open.file opens the
 * path again for every part, after the directory is read: a file removed meanwhile (an upload
 * whose folder was cleared while a job read ahead) gave an fs stream 'error' nobody listened to —
 * an uncaught ENOENT, seen in two full integration runs.
 */
export function openZip(path: string) {
  return unzipper.Open.custom({
    stream: (offset: number, length?: number) => {
      const file = createReadStream(path, { start: offset, ...(length ? { end: offset + length } : {}) });
      const into: NodeJS.EventEmitter[] = [];
      const pipe = file.pipe.bind(file);
      file.pipe = ((dest: NodeJS.WritableStream, options?: { end?: boolean }) => {
        into.push(dest);
        return pipe(dest, options);
      }) as typeof file.pipe;
      file.on("error", (err) => {
        for (const dest of into) dest.emit("error", err);
      });
      return file;
    },
    size: async () => (await stat(path)).size,
  } as never);
}

export async function* xlsxSheetRows(path: string, sheet: string | null, visibility?: SheetVisibility): AsyncGenerator<ExcelJS.Row> {
  const directory = await openZip(path);
  const parts = new Map(directory.files.map((f) => [f.path, f]));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, OPTIONS) as unknown as ReaderInternals;
  const rels = parts.get("xl/_rels/workbook.xml.rels");
  const workbook = parts.get("xl/workbook.xml");
  if (!rels || !workbook) throw new XlsxReadError("no workbook part");
  await reader._parseRels(rels.stream());
  await reader._parseWorkbook(workbook.stream());
  // The day count as the file says it (exceljs takes only date1904="1", not "true").
  const date1904 = isDate1904((await workbook.buffer()).toString("utf8"));
  reader.properties = { model: { ...reader.properties?.model, date1904 } };
  const sheets = sheetParts(reader);
  const wanted = sheet === null ? sheets[0] : sheets.find((s) => s.name === sheet);
  if (!wanted) throw new XlsxReadError(sheet === null ? "no sheet" : "missingSheet");
  const part = parts.get(wanted.path);
  if (!part) throw new XlsxReadError(`no part ${wanted.path}`);

  // Beside the upload (the data folder's imports/), not in the system's temporary folder: that is
  // memory on hosts that mount it as tmpfs, and the table of a large workbook is hundreds of MB.
  const strings = new SpooledStrings(dirname(path));
  let stream: NodeJS.ReadableStream | null = null;
  try {
    const shared = parts.get("xl/sharedStrings.xml");
    if (shared) for await (const text of sharedStringTexts(shared.stream())) strings.add(text);
    strings.finish();
    const cellStrings = new CellStrings();
    const dateCells = new DateCells();
    // Set even without a shared-strings part: the rewritten cells refer to it.
    reader.sharedStrings = strings.asArray((index) => dateCells.lookup(index) ?? cellStrings.lookup(index));
    const styles = parts.get("xl/styles.xml");
    if (styles) await reader._parseStyles(styles.stream());
    withChineseBuiltInFormats(reader);
    const sheetNo = /sheet(\d+)\.xml$/.exec(wanted.path)?.[1] ?? "1";
    stream = part.stream();
    for (const { eventType, value } of reader._parseWorksheet(dateCells.rewrite(cellStrings.rewrite(withoutErrorOrBooleanFormulas(visibility ? visibility.observe(withCellReferences(stream)) : withCellReferences(stream)))), sheetNo)) {
      if (eventType !== "worksheet") continue;
      for await (const row of value) yield row;
    }
  } finally {
    (stream as unknown as { destroy?: () => void } | null)?.destroy?.();
    strings.close();
  }
}
