import "server-only";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import { DomainError } from "../errors";
import { msg, type LocalText } from "../i18n/messages";
import { fromCsvText, fromExcelValue, isBlank, isDate1904, shownNumber, type Cell, type TableRow } from "./cells";
import { detectDelimiter, type CsvDelimiter } from "./detect-delimiter";
import { detectEncoding, type CsvEncoding } from "./detect-encoding";
import { xmlText } from "./ooxml-text";
import { joinedTitles, joinRows, type SheetJoin } from "./sheet-joins";
import { headerRepeats } from "./repeated-header";
import { openZip, XlsxReadError, xlsxSheetRows } from "./xlsx-sheet";
import { SheetVisibility } from "./xlsx-visibility";

/** The file formats an import reads. */
export type TableFormat = "xlsx" | "csv";

/** Where and how to read an uploaded table. */
export interface TableSource {
  path: string;
  format: TableFormat;
  /** .xlsx: the sheet's name (the first sheet when absent). */
  sheet?: string | null;
  /** .csv: the text encoding. */
  encoding?: CsvEncoding | null;
  /** .xlsx: table sheets read together with `sheet`, their rows joined to its rows by key (sheet-joins.ts). */
  joins?: SheetJoin[] | null;
  /** With `joins`: the column of `sheet` holding the record key. */
  joinKey?: number | null;
  /** .csv: the separator between cells (guessed by `sniffDelimiter` when absent). */
  delimiter?: CsvDelimiter | null;
  /**
   * The header's row number as the upload chose it (see `locateHeader`), so that every later pass
   * over the file takes the same rows as data. Absent: chosen again.
   */
  headerRow?: number | null;
}

/** How to pick the header when the source does not name its row. */
export interface HeaderChoice {
  /** How well a row's cells, as column titles, name the template's fields (0: none): the best row is the header. */
  scoreTitles?: (titles: string[]) => number;
}

/** Limits that keep a hostile or absurd file from taking the server down. */
export const TABLE_LIMITS = {
  /** Data rows per import (Jiandaoyun stops at 50,000). */
  maxRows: 500_000,
  maxColumns: 300,
  /** Unpacked size of an .xlsx: a zip bomb unpacks to gigabytes from a few kilobytes. */
  maxUnpackedBytes: 2 * 1024 ** 3,
  /** How much bigger than its packed size one part of an .xlsx may unpack to. */
  maxPackRatio: 200,
  /** One cell's text. */
  maxCellChars: 32_767,
};

/** How files that are no table start (as latin1 text): PDF, PostScript, RTF, PNG, JPEG, GIF, gzip, 7-Zip, RAR, WebP/WAV. */
const BINARY_STARTS = ["%PDF", "%!PS", "{\\rtf", "\x89PNG", "\xff\xd8\xff", "GIF8", "\x1f\x8b", "7z\xbc\xaf", "Rar!", "RIFF"];
/** Control characters a text file may hold: tab, line feed, vertical tab, form feed, carriage return, DOS's end-of-file mark. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a]);

/**
 * Tells the format from the file's first bytes, not its name: a zip is an .xlsx (checked further
 * when read), an OLE compound file is an old .xls or an encrypted workbook (both refused with what
 * to do), text is CSV. Anything else is not a table.
 */
export async function sniffFormat(path: string, fileName: string): Promise<TableFormat> {
  const handle = await open(path, "r");
  const head = Buffer.alloc(4096);
  const { bytesRead } = await handle.read(head, 0, head.length, 0).finally(() => handle.close());
  const bytes = head.subarray(0, bytesRead);
  if (bytesRead === 0) throw new DomainError("BAD_REQUEST", msg("imports.emptyFile"));
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "xlsx";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) throw new DomainError("BAD_REQUEST", msg("imports.oldXlsOrEncrypted"));
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  // Text of no table: a PDF, a picture, an archive, a Word file saved as RTF — or control characters
  // no text file has (a PDF's header is text: it was taken as a CSV with the header "%PDF-1.4").
  const text = bytes.toString("latin1", 0, 16);
  if (!utf16 && (BINARY_STARTS.some((m) => text.startsWith(m)) || bytes.some((b) => b === 0 || (b < 0x20 && !TEXT_CONTROLS.has(b)))))
    throw new DomainError("BAD_REQUEST", msg("imports.notATable", { name: fileName }));
  return "csv";
}

/** Refuses an .xlsx that would unpack to far more than a real workbook (a zip bomb) or is no zip at all. */
export async function assertSafeXlsx(path: string): Promise<void> {
  let directory: Awaited<ReturnType<typeof openZip>>;
  try {
    directory = await openZip(path);
  } catch {
    throw new DomainError("BAD_REQUEST", msg("imports.badXlsx"));
  }
  let total = 0;
  for (const file of directory.files) {
    total += file.uncompressedSize;
    const ratio = file.compressedSize > 0 ? file.uncompressedSize / file.compressedSize : Infinity;
    if (total > TABLE_LIMITS.maxUnpackedBytes || (file.uncompressedSize > 50 * 1024 ** 2 && ratio > TABLE_LIMITS.maxPackRatio))
      throw new DomainError("BAD_REQUEST", msg("imports.tooBigUnpacked"));
  }
  if (!directory.files.some((f) => f.path === "xl/workbook.xml")) {
    // Other zipped spreadsheets, which WPS and LibreOffice "save as" and Excel can save as .xlsx.
    if (directory.files.some((f) => f.path === "xl/workbook.bin")) throw new DomainError("BAD_REQUEST", msg("imports.xlsbFile"));
    if (directory.files.some((f) => f.path === "mimetype" || f.path === "content.xml")) throw new DomainError("BAD_REQUEST", msg("imports.odsFile"));
    // Apple Numbers keeps its sheets in Index/*.iwa (a .numbers renamed .xlsx).
    if (directory.files.some((f) => f.path.startsWith("Index/") && f.path.endsWith(".iwa"))) throw new DomainError("BAD_REQUEST", msg("imports.numbersFile"));
    throw new DomainError("BAD_REQUEST", msg("imports.badXlsx"));
  }
}

/** The first bytes of a file, for encoding detection. */
async function headBytes(path: string, size = 64 * 1024): Promise<Uint8Array> {
  const handle = await open(path, "r");
  const buf = Buffer.alloc(size);
  const { bytesRead } = await handle.read(buf, 0, size, 0).finally(() => handle.close());
  return buf.subarray(0, bytesRead);
}

/**
 * The encoding a CSV file is most likely in. Judged from its first 64 KB — unless they are plain
 * ASCII (an English header, numbers and codes), which every encoding reads alike: then from the
 * 64 KB where the first other byte is (a GBK file whose Chinese starts further down was taken for
 * UTF-8 and its text turned into "�").
 */
export async function sniffEncoding(path: string): Promise<CsvEncoding> {
  const head = await headBytes(path);
  if (head.some((b) => b >= 0x80) || head.length < 64 * 1024) return detectEncoding(head).encoding;
  let offset = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
    const at = chunk.findIndex((b) => b >= 0x80);
    if (at >= 0) {
      // From that byte on: everything before it is ASCII, so a character starts there.
      const handle = await open(path, "r");
      const window = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(window, 0, window.length, offset + at).finally(() => handle.close());
      return detectEncoding(window.subarray(0, bytesRead)).encoding;
    }
    offset += chunk.length;
  }
  return "utf-8";
}

/** The separator a CSV file most likely uses, from the start of its text in the given encoding (`detectDelimiter`). */
export async function sniffDelimiter(path: string, encoding: CsvEncoding): Promise<CsvDelimiter> {
  return detectDelimiter(iconv.decode(Buffer.from(await headBytes(path)), encoding, { stripBOM: true }));
}

/** The most bytes one CSV record may take: a missing closing quote otherwise swallows the rest of the file. */
const MAX_CSV_RECORD_BYTES = TABLE_LIMITS.maxCellChars * 4;

/**
 * Why csv-parse stopped, in the user's words, naming the row it stopped on (`records` counts the
 * rows it finished before it). Only the first two happen with the options used here (quotes and
 * column counts are relaxed); the rest are mapped in case an option changes.
 */
function csvError(err: unknown, lastRow: number): DomainError {
  const { code, records } = err as { code?: unknown; records?: unknown };
  const row = typeof records === "number" ? records + 1 : lastRow + 1;
  switch (code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return new DomainError("BAD_REQUEST", msg("imports.csvQuoteNotClosed", { row }), { cause: err });
    case "CSV_MAX_RECORD_SIZE":
      return new DomainError("BAD_REQUEST", msg("imports.csvRecordTooLarge", { row, max: Math.round(MAX_CSV_RECORD_BYTES / 1024) }), { cause: err });
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
    case "INVALID_OPENING_QUOTE":
      return new DomainError("BAD_REQUEST", msg("imports.csvBadQuote", { row }), { cause: err });
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH":
    case "CSV_RECORD_INCONSISTENT_COLUMNS":
      return new DomainError("BAD_REQUEST", msg("imports.csvColumnCount", { row }), { cause: err });
    default:
      return new DomainError("BAD_REQUEST", msg("imports.csvUnreadable", { row }), { cause: err });
  }
}

/** What a decoder puts for bytes its encoding cannot read. */
const REPLACEMENT = "\uFFFD";

/**
 * Whether a CSV file holds bytes its encoding cannot read, which its decoding turned into U+FFFD
 * (a GBK file with a broken character, a UTF-8 file with a stray byte, the wrong encoding chosen):
 * then a cell showing U+FFFD is damaged and refused, never stored as "王\uFFFD五". Only a UTF-8 or
 * UTF-16 file can hold U+FFFD as text (and a valid one holds it so); the Chinese encodings are
 * taken as damaged (GB18030 can encode it, but nothing writes it there). Reads the file through,
 * once per pass and only when a cell shows U+FFFD.
 */
async function hasUnreadableBytes(path: string, encoding: CsvEncoding): Promise<boolean> {
  if (encoding !== "utf-8" && encoding !== "utf-16le" && encoding !== "utf-16be") return true;
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return false;
  } catch {
    return true;
  }
}

/**
 * Every row of a CSV file, decoded as it streams: a real CSV parser (quotes, separators and line
 * breaks in cells; a comma, a semicolon or a tab between them). A row's number is its record's
 * ordinal (blank lines count, as in Excel), not its line: a cell with a line break spans two lines
 * but is one row. A cell with bytes the encoding cannot read is refused (see hasUnreadableBytes).
 */
async function* csvRows(source: TableSource): AsyncGenerator<TableRow> {
  const encoding = source.encoding ?? (await sniffEncoding(source.path));
  const delimiter = source.delimiter ?? (await sniffDelimiter(source.path, encoding));
  const file = createReadStream(source.path);
  const parser = file
    .pipe(iconv.decodeStream(encoding, { stripBOM: true }))
    .pipe(parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true, max_record_size: MAX_CSV_RECORD_BYTES, info: true }));
  // pipe() does not pass the file's own errors on (a file removed under the reader: ENOENT): the
  // parser ends with them, so the rows below reject — before, they ended as if the file were empty,
  // and the error was an 'error' event nobody listened to.
  file.on("error", (err) => parser.destroy(err));
  let row = 0;
  /** Whether the file has bytes its encoding cannot read: known once a cell shows U+FFFD. */
  let damaged: boolean | undefined;
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
      row = record.info.records;
      const cells = record.record.map(fromCsvText);
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i];
        if (typeof cell !== "string" || !cell.includes(REPLACEMENT)) continue;
        damaged ??= await hasUnreadableBytes(source.path, encoding);
        if (damaged) cells[i] = { error: cell, reason: msg("imports.unreadableBytes") };
      }
      yield { row, cells };
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new DomainError("BAD_REQUEST", msg("imports.uploadMissing"));
    throw csvError(err, row);
  } finally {
    // A reader that stops early (the header and sample, a cancelled import) ends the parser only:
    // pipe() never closes the file behind it.
    file.destroy();
  }
}

/** Every row of one sheet of an .xlsx, streamed from the zip (never the whole workbook in memory). */
async function* xlsxRows(source: TableSource, visibility: SheetVisibility): AsyncGenerator<TableRow> {
  try {
    for await (const row of xlsxSheetRows(source.path, source.sheet ?? null, visibility)) {
      const hidden = visibility.takeHidden(row.number);
      const values = row.values as unknown[];
      const cells: Cell[] = [];
      const zeros: number[] = [];
      for (let c = 1; c < values.length; c++) {
        let value = values[c];
        // exceljs gives a formula's value without its result when that is 0, "" or NaN (cell.js
        // FormulaValue._copyModel keeps truthy ones only); the cell's model still holds it. A 0 is
        // the number 0 (=B2*0 under 缴费金额), marked as a formula's (`formulaZeros`); empty text
        // (=IF(A3="","",…)) and an empty numeric result read as blank. Only a formula saved with
        // no result at all is refused. (Truth values reach here without their formula: see
        // withoutErrorOrBooleanFormulas.)
        // A shared formula's other cells (`<f t="shared" si="0"/>`, no text) come as a plain object
        // that keeps its result, 0 included.
        if (value && typeof value === "object" && ("formula" in value || "sharedFormula" in value)) {
          const result = "result" in value ? value.result : (row.getCell(c).model as { result?: unknown }).result;
          if (result === 0) zeros.push(c - 1);
          if (!("result" in value) && result !== undefined) value = result === 0 ? 0 : null;
        }
        // A formula's result too is shown by the cell's format.
        const v = fromExcelValue(value);
        cells.push(typeof v === "number" ? shownNumber(v, row.getCell(c).numFmt) : v);
      }
      // A row holding nothing but formulas' zeros is a blank row: formulas filled down past the
      // data (=G3*0.024 on every row of the sheet) make no rows, as when their 0 read as blank.
      if (zeros.length && cells.every((cell, i) => isBlank(cell) || zeros.includes(i))) {
        yield { row: row.number, cells: cells.map(() => null) };
        continue;
      }
      const out: TableRow = zeros.length ? { row: row.number, cells, formulaZeros: zeros } : { row: row.number, cells };
      if (hidden) out.hidden = true;
      yield out;
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    if (err instanceof XlsxReadError && err.message === "missingSheet") throw new DomainError("BAD_REQUEST", msg("imports.noSheet", { sheet: source.sheet ?? "" }));
    throw new DomainError("BAD_REQUEST", msg("imports.badXlsx"), { cause: err });
  }
}

/** The sheet names of an .xlsx a user can see or unhide, in workbook order (see `workbookSheets`). */
export async function sheetNames(path: string): Promise<string[]> {
  return (await workbookSheets(path)).map((s) => s.name);
}

/**
 * The sheets of an .xlsx, in workbook order, from the workbook part alone (xl/workbook.xml):
 * walking the sheets with the streaming reader parsed every row of every sheet just to name them
 * (12 s for a 14 MB file). A hidden sheet (the lists behind a column's dropdown, 下拉选项) says so;
 * a "very hidden" one, which Excel shows nobody (not even under 取消隐藏), is left out.
 */
export async function workbookSheets(path: string): Promise<{ name: string; hidden: boolean }[]> {
  const xml = await workbookPart(path);
  if (xml === null) throw new DomainError("BAD_REQUEST", msg("imports.badXlsx"));
  return [...xml.matchAll(/<(?:[A-Za-z]+:)?sheet\b([^>]*)>/g)].flatMap((m) => {
    const name = /\bname="([^"]*)"/.exec(m[1]);
    const state = /\bstate="([^"]*)"/.exec(m[1])?.[1];
    return name && state !== "veryHidden" ? [{ name: xmlText(name[1]), hidden: state === "hidden" }] : [];
  });
}

/** The workbook part (xl/workbook.xml) of an .xlsx as text, or null when the file has none or is no zip. */
async function workbookPart(path: string): Promise<string | null> {
  try {
    const directory = await openZip(path);
    const part = directory.files.find((f) => f.path === "xl/workbook.xml");
    return part ? (await part.buffer()).toString("utf8") : null;
  } catch {
    return null;
  }
}

/** Whether an .xlsx counts its days from 1904 (see `isDate1904`); a CSV has no day numbers of its own. */
export async function workbookDate1904(source: TableSource): Promise<boolean> {
  if (source.format !== "xlsx") return false;
  // Not readable as a workbook: reading its rows says so.
  const xml = await workbookPart(source.path);
  return xml !== null && isDate1904(xml);
}

/** What a sheet hides, by column of the table (0-based), and whether it has a filter: a CSV hides nothing. */
export interface SheetFacts {
  hiddenColumns: number[];
  filtered: boolean;
}

/** A sheet's header (see `findHeader`) and its data rows after that. */
export interface Table {
  header: { row: number; titles: string[] };
  rows: AsyncGenerator<TableRow>;
  /** What the sheet hides (see SheetFacts): its columns once a row is read, its filter once every row is. */
  sheet(): SheetFacts;
  /** Stops reading before the end: the file is closed (also when `rows` was never started). */
  close(): Promise<void>;
}

/** How many rows with something in them are looked at for the header. */
const HEADER_SEARCH_ROWS = 10;

const filledCells = (row: TableRow) => row.cells.reduce<number>((n, c) => (isBlank(c) ? n : n + 1), 0);

/** How many rows with something in them after a two-cell row are looked at to tell a header from a stray note. */
const HEADER_CONFIRM_ROWS = 5;

/**
 * The header row and the rows read past it. The header is the first row with anything in it —
 * unless that row has a single cell filled (a title above the table, often merged across it, or a
 * "制表日期：…" line) and a later one of the first rows with anything in them has two or more:
 * then the rows with one cell above it are skipped and that row is the header. A row of exactly two
 * cells there is taken only if one of the rows with anything in them after it has two or more too
 * (or none follows): a one-column sheet with a note typed beside one of its values keeps its first
 * row. A one-column sheet keeps its first row.
 */
async function findHeader(raw: AsyncGenerator<TableRow>): Promise<{ header: TableRow | null; after: TableRow[] }> {
  const seen: TableRow[] = [];
  while (seen.length < HEADER_SEARCH_ROWS) {
    const next = await raw.next();
    if (next.done) break;
    const filled = filledCells(next.value);
    if (filled === 0) continue;
    if (filled > 1) {
      if (!seen.length || filled > 2) return { header: next.value, after: [] };
      const ahead: TableRow[] = [];
      let looked = 0;
      let wide = false;
      while (looked < HEADER_CONFIRM_ROWS && !wide) {
        const more = await raw.next();
        if (more.done) break;
        ahead.push(more.value);
        const n = filledCells(more.value);
        if (n > 0) looked++;
        if (n > 1) wide = true;
      }
      if (wide || looked === 0) return { header: next.value, after: ahead };
      return { header: seen[0], after: [...seen.slice(1), next.value, ...ahead] };
    }
    seen.push(next.value);
  }
  return { header: seen[0] ?? null, after: seen.slice(1) };
}

/** A cell as a column title. */
const titleText = (c: Cell) => (c === null ? "" : String(c instanceof Date ? c.toISOString().slice(0, 10) : typeof c === "object" ? c.error : c).trim());

/**
 * The header row and the rows read past it. The row the source names (chosen at upload), else
 * `findHeader`'s — unless a scorer says another of the first rows with anything in them names more
 * of the template's fields: the real titles under a row of group titles merged over them (客户信息,
 * 保单信息…), or under a title row of two cells (the company, 制表日期). A row naming nearly as
 * many keeps its place before a later one; a sheet whose titles name nothing keeps `findHeader`'s.
 */
async function locateHeader(raw: AsyncGenerator<TableRow>, source: TableSource, choice: HeaderChoice): Promise<{ header: TableRow | null; after: TableRow[] }> {
  if (source.headerRow) {
    for (;;) {
      const next = await raw.next();
      if (next.done || next.value.row > source.headerRow) return { header: null, after: [] };
      if (next.value.row === source.headerRow) return { header: filledCells(next.value) ? next.value : null, after: [] };
    }
  }
  const read: TableRow[] = [];
  // The rows read so far, then more from the file, kept: whichever row is the header, the rows
  // after it are data.
  async function* replay(): AsyncGenerator<TableRow> {
    for (let i = 0; ; i++) {
      if (i === read.length) {
        const next = await raw.next();
        if (next.done) return;
        read.push(next.value);
      }
      yield read[i];
    }
  }
  let { header } = await findHeader(replay());
  const score = choice.scoreTitles;
  if (header && score) {
    // From the title rule's row on (the one-cell rows above it are titles), among the first rows
    // with anything in them.
    const candidates: { row: TableRow; score: number }[] = [];
    let looked = 0;
    for await (const row of replay()) {
      if (filledCells(row) === 0) continue;
      if (row === header || candidates.length) candidates.push({ row, score: score(row.cells.map(titleText)) });
      if (++looked >= HEADER_SEARCH_ROWS) break;
    }
    // The first that names at least half as many fields as the best: a group title that happens to
    // name one field is passed over, but a first pasted block whose header names a few fields less
    // than a second one's further down keeps its header (and its rows).
    const best = Math.max(...candidates.map((c) => c.score));
    header = candidates.find((c) => c.score * 2 >= best)!.row;
  }
  return { header, after: header ? read.slice(read.indexOf(header) + 1) : [] };
}

/**
 * Opens a table for reading: finds the header row (`locateHeader`), then yields the data rows,
 * skipping blank ones, with cells aligned to the header's columns and numbered as in the sheet. A
 * header repeated below (`headerRepeats`) is yielded as such (`header`, no cells): not data, but
 * a row the import says it skipped. Refuses a file with no header, too many columns
 * or too many rows, saying which limit.
 */
export async function openTable(source: TableSource, choice: HeaderChoice = {}): Promise<Table> {
  if (source.joins?.length && typeof source.joinKey === "number") return openJoinedTable(source, source.joins, source.joinKey, choice);
  const visibility = new SheetVisibility();
  const raw = source.format === "xlsx" ? xlsxRows(source, visibility) : csvRows(source);
  let header: TableRow | null;
  let after: TableRow[];
  let width: number;
  try {
    ({ header, after } = await locateHeader(raw, source, choice));
    if (!header) throw new DomainError("BAD_REQUEST", source.headerRow ? msg("imports.noHeaderRow", { row: source.headerRow }) : msg("imports.noHeader"));
    width = header.cells.length;
    while (width > 0 && isBlank(header.cells[width - 1])) width--;
    if (width > TABLE_LIMITS.maxColumns) throw new DomainError("BAD_REQUEST", msg("imports.tooManyColumns", { max: TABLE_LIMITS.maxColumns }));
  } catch (err) {
    // Refused before anyone could iterate: the file (and its spooled strings) is closed here.
    await raw.return(undefined);
    throw err;
  }
  const headerRow = header.row;
  const titles = header.cells.slice(0, width).map(titleText);
  async function* rows(): AsyncGenerator<TableRow> {
    let count = 0;
    // Under another pasted sheet's header: per column of the header, the file column holding it
    // (-1: none) — or, when that header has titles this one lacks, why its rows are refused.
    let columns: number[] | null = null;
    let refusal: LocalText | undefined;
    const isRepeatedHeader = headerRepeats(titles);
    for await (const row of withRowsRead(after, raw)) {
      if (!row.cells.some((c) => !isBlank(c))) continue;
      const other = isRepeatedHeader(row);
      if (other) {
        if ("columns" in other) {
          columns = other.columns.every((c, i) => c === i) ? null : other.columns;
          refusal = undefined;
        } else {
          columns = null;
          refusal = msg("imports.otherHeader", { row: row.row, header: headerRow, titles: other.unknown.map((t) => `「${t}」`) });
        }
        // Not data, but said: the import reports it as a row it skipped.
        yield { row: row.row, cells: [], header: true };
        continue;
      }
      if (++count > TABLE_LIMITS.maxRows) throw new DomainError("BAD_REQUEST", msg("imports.tooManyRows", { max: TABLE_LIMITS.maxRows }));
      const cells = columns ? columns.map((c) => (c >= 0 ? (row.cells[c] ?? null) : null)) : row.cells.slice(0, width);
      while (cells.length < width) cells.push(null);
      for (let i = 0; i < cells.length; i++) {
        const c = cells[i];
        if (typeof c === "string" && c.length > TABLE_LIMITS.maxCellChars) cells[i] = c.slice(0, TABLE_LIMITS.maxCellChars);
      }
      const out: TableRow = refusal ? { row: row.row, cells, refusal } : { row: row.row, cells };
      if (row.hidden) out.hidden = true;
      // Cells right of the header's last title (a remark typed beside the table, a CSV row with more
      // cells than the header): no field can take them. Before, they were cut without a word.
      if (!columns && row.cells.length > width) {
        const untitled: number[] = [];
        for (let i = width; i < row.cells.length; i++) if (!isBlank(row.cells[i])) untitled.push(i);
        if (untitled.length) out.untitled = untitled;
      }
      const zeros = row.formulaZeros && (columns ? columns.flatMap((c, i) => (row.formulaZeros!.includes(c) ? [i] : [])) : row.formulaZeros.filter((i) => i < width));
      if (zeros?.length) out.formulaZeros = zeros;
      yield out;
    }
  }
  const all = rows();
  return {
    header: { row: header.row, titles },
    rows: all,
    sheet: () => ({ hiddenColumns: titles.flatMap((_, i) => (visibility.columnHidden(i + 1) ? [i] : [])), filtered: visibility.filtered }),
    close: async () => {
      await all.return(undefined);
      await raw.return(undefined);
    },
  };
}

/**
 * The records' sheet and its table sheets as one table (see sheet-joins.ts): every sheet is
 * streamed at once, each by its own reader, and the limits hold per sheet.
 */
async function openJoinedTable(source: TableSource, joins: SheetJoin[], joinKey: number, choice: HeaderChoice): Promise<Table> {
  const opened: Table[] = [];
  try {
    const main = await openTable({ ...source, joins: null }, choice);
    opened.push(main);
    for (const join of joins) opened.push(await openTable({ path: source.path, format: source.format, sheet: join.sheet }));
  } catch (err) {
    await Promise.all(opened.map((t) => t.close()));
    throw err;
  }
  const [main, ...sheets] = opened;
  const rows = joinRows({ main: main.rows, mainWidth: main.header.titles.length, mainKey: joinKey, joins: joins.map((join, i) => ({ join: { ...join, width: sheets[i].header.titles.length }, rows: sheets[i].rows })) });
  return {
    header: { row: main.header.row, titles: joinedTitles(main.header.titles, joins.map((j, i) => ({ ...j, titles: sheets[i].header.titles }))) },
    rows,
    // A table sheet's columns laid out after the records' sheet's, its key column left out (as joinRows lays them out).
    sheet: () => {
      const facts = opened.map((t) => t.sheet());
      let at = main.header.titles.length;
      const hiddenColumns = [...facts[0].hiddenColumns];
      joins.forEach((join, i) => {
        const width = sheets[i].header.titles.length;
        for (const c of facts[i + 1].hiddenColumns) if (c !== join.key && c < width) hiddenColumns.push(at + (c > join.key ? c - 1 : c));
        at += Math.max(0, width - 1);
      });
      return { hiddenColumns, filtered: facts.some((f) => f.filtered) };
    },
    close: async () => {
      await rows.return(undefined);
      await Promise.all(opened.map((t) => t.close()));
    },
  };
}

/** The rows already read while looking for the header, then the rest. */
async function* withRowsRead(read: TableRow[], rest: AsyncGenerator<TableRow>): AsyncGenerator<TableRow> {
  try {
    yield* read;
    yield* rest;
  } finally {
    // A reader that stops while the rows read ahead are handed out never reached `rest`: without
    // this the file and its spooled strings stayed open until the process ended.
    await rest.return(undefined);
  }
}

/** The file's size in bytes. */
export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}
