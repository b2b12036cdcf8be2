import "server-only";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import type { Locale } from "../i18n/locale";
import { normalizeNumber, type NumberMarks } from "../schema/normalize";
import { cellText, isBlank, type Cell, type TableRow } from "./cells";
import { convertCell, convertRow } from "./convert-cells";
import { ROW_SPAN } from "./sheet-joins";
import type { Group } from "./evaluate-group";
import { openTable, workbookDate1904, type TableSource } from "./read-table";
import { RowRanges, type RowRangesJSON } from "./row-ranges";
import type { ImportTarget } from "./targets";

/**
 * The version of the rules below that decide where a file's records start and end (the grouper,
 * the row ends, the order records are handed out in). Raise it with any change to them: an import
 * run resumed by a release counts the records it had handled in the grouping they were counted in
 * (see the import job's groupingHash), and one counted by other rules starts its pass again.
 * 2: a joined table sheet's rows out of order come out at their record (they held the sheet back),
 * and a semicolon file's numbers are read with the comma as a possible decimal mark.
 * 3: a formula's saved 0 is a value (a row of nothing else is still blank, so is a table's part
 * of a row of nothing else), and continues the record above in a record column.
 * 4: Excel's 分类汇总 rows ("<group> 汇总") and a lone 汇总 are totals rows; a CSV's ="…" cells
 * (a key among them) are read as the text inside.
 * 5: a subtotal row's other record cells are blank or numbers (a customer's row is data).
 * 6: a sheet holding more than MAX_OPEN_ROWS rows of records not yet ended is refused (row ends
 * kept by an earlier release were found without that check); digits typed into a cell formatted as
 * a date (past the year 9999) are the number typed.
 * 7: a row whose key cell is an error value (#N/A) is a record of its own: such rows were one
 * record keyed by the error's text, so a file's row ends kept by 6 end its records elsewhere.
 */
export const GROUPING_VERSION = 7;

/** How file rows are read into records. */
export interface GroupingSettings {
  /** Per file column, the target it fills (null: ignored). */
  columns: (ImportTarget | null)[];
  keyTarget: ImportTarget | null;
  locale: Locale;
  constants?: Map<string, unknown>;
  /** A joined workbook: how many records a pass may hold open at once (MAX_OPEN_JOINED_RECORDS). */
  maxOpenRecords?: number;
  /** A sheet read alone: how many rows of records not yet ended a pass may hold at once (MAX_OPEN_ROWS). */
  maxOpenRows?: number;
}

/**
 * How a file writes numbers: a semicolon-separated file comes from an Excel whose decimal mark is
 * a comma (Excel separates with ";" where "," is the decimal mark), so its commas are read only
 * where they cannot be meant otherwise (see NumberMarks). A tab-separated one ("Unicode 文本") is
 * written in the computer's own convention: here a Chinese Excel's, 500,000 with thousands commas.
 */
export const numberMarksOf = (source: TableSource): NumberMarks => (source.format === "csv" && source.delimiter === ";" ? "either" : "grouping");

/**
 * A cell that labels a totals row: 合计, 总计, 小计, 共计, 汇总 (an Excel table's totals row), total
 * or what Excel's 分类汇总 writes under the last group (总计数, Grand Total…) — alone, a colon after
 * it allowed.
 */
const isTotalsLabel = (cell: Cell) => typeof cell === "string" && /^\s*(?:合\s*计|总\s*计|小\s*计|共\s*计|汇\s*总|总计数|总平均值|total|sum|grand\s+(?:total|count|average))\s*[:：]?\s*$/i.test(cell);

/** What Excel's 分类汇总 (Data → Subtotal) writes in the grouped column under each group: "<the group's value> 汇总" (计数, 平均值… by its function). */
const SUBTOTAL_LABEL = /^\s*(.+?)\s+(?:汇总|计数|平均值|最大值|最小值|乘积|total|count|average|max|min|product)\s*$/i;

/** A cell holding an error value (#N/A, #REF!) or a value that cannot be taken as shown (a formula without a saved result). */
const isErrorCell = (cell: Cell | undefined) => cell !== null && typeof cell === "object" && !(cell instanceof Date);

/** The number a cell holds: a number, or text that is only a number ("1,000.50" in a CSV, "1.000,50" in a file of `marks` "either"); else null. */
function numberIn(cell: Cell, marks: NumberMarks): number | null {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== "string") return null;
  if (marks === "either") {
    const n = /^\s*[-+]?[\d.,\s]+$/.test(cell) ? normalizeNumber(cell.replace(/^\s*\+/, ""), "number", marks) : null;
    return typeof n === "number" ? n : null;
  }
  const text = cell.trim().replace(/,/g, "");
  return /^[-+]?\d+(?:\.\d+)?$/.test(text) ? Number(text) : null;
}

/**
 * Running sums of the table columns' numbers — over the sheet so far and over the record under
 * way — to tell a totals row that has no 合计 label (a SUM formula under 缴费金额: the reader keeps
 * only its result). Such a row has numbers in table columns, each the sum of its column above
 * (over two rows or more, the sheet's or the record's), and lacks the other columns of the table
 * rows it would make: a payment typed without its date or status is not mistaken for one unless
 * its amount happens to equal such a sum (it is refused either way). Its record cells, if any,
 * only repeat the record above's (merged customer cells, a SUM under 保险金额 of one policy) or
 * are sums of their column over the records above (a SUM under 保险金额 of several policies: each
 * record's value counted once, from the row that starts it).
 */
function columnSums(tableColumns: number[], recordColumns: number[], marks: NumberMarks) {
  type Sum = { sum: number; count: number };
  const sheet = new Map<number, Sum>();
  const record = new Map<number, Sum>();
  const records = new Map<number, Sum>();
  const add = (into: Map<number, Sum>, column: number, n: number) => {
    const s = into.get(column) ?? { sum: 0, count: 0 };
    into.set(column, { sum: s.sum + n, count: s.count + 1 });
  };
  const sums = (s: Sum | undefined, n: number) => s !== undefined && s.count >= 2 && Math.abs(s.sum - n) <= 1e-9 * Math.max(1, Math.abs(n));
  return {
    add(cells: Cell[]) {
      for (const i of tableColumns) {
        const n = numberIn(cells[i], marks);
        if (n === null) continue;
        add(sheet, i, n);
        add(record, i, n);
      }
    },
    /** A record starts (not a totals row): its record cells (`cells`, its first row's) join the sums over records. */
    startRecord(cells: Cell[] = []) {
      record.clear();
      for (const i of recordColumns) {
        const n = numberIn(cells[i], marks);
        if (n !== null) add(records, i, n);
      }
    },
    /** `repeats`: whether a record cell of the row repeats the record above's value there. */
    isTotalsRow(cells: Cell[], columns: (ImportTarget | null)[], repeats: (column: number) => boolean) {
      const filled = tableColumns.filter((i) => !isBlank(cells[i]));
      if (filled.length === 0) return false;
      const tables = new Set(filled.map((i) => columns[i]!.table));
      if (!tableColumns.some((i) => tables.has(columns[i]!.table) && isBlank(cells[i]))) return false;
      const tableSums = filled.every((i) => {
        const n = numberIn(cells[i], marks);
        return n !== null && (sums(sheet.get(i), n) || sums(record.get(i), n));
      });
      return (
        tableSums &&
        recordColumns.every((i) => {
          if (isBlank(cells[i]) || repeats(i)) return true;
          const n = numberIn(cells[i], marks);
          return n !== null && sums(records.get(i), n);
        })
      );
    },
  };
}

/**
 * A table's cells in a row that are nothing but formulas' zeros (=IFERROR(VLOOKUP(…),0) under
 * 理赔金额 on every row, a customer without claims) are no row of that table: read as blank, as
 * they were while a formula's 0 read as blank. A 0 beside typed cells of its table (缴费金额 =B2*0
 * with its 缴费日期 and 缴费状态) stays 0.
 */
function blankZeroTableRows(row: TableRow, columns: (ImportTarget | null)[]): void {
  const zeros = row.formulaZeros;
  if (!zeros?.length) return;
  const filled = new Map<string, number[]>();
  columns.forEach((t, i) => {
    if (t?.table && !isBlank(row.cells[i])) filled.set(t.table, [...(filled.get(t.table) ?? []), i]);
  });
  for (const cells of filled.values()) {
    if (!cells.every((i) => zeros.includes(i))) continue;
    row.cells = [...row.cells];
    for (const i of cells) row.cells[i] = null;
  }
}

/**
 * Where a row goes: its record's id and key; for a row that starts a record right under another,
 * its record cells left blank where the record above has a value (see `ScannedGroup`).
 */
export interface RowPlace {
  id: string;
  key: string | null;
  blankUnder?: number[];
  /** A totals row (a record of its own, refused as such). */
  totals?: true;
}

/**
 * Which record a row belongs to. Rows with the same key value are one record. A row right below
 * another (no blank row between) with no key of its own, with something in a table's columns and
 * nothing in the record's own columns but what the record above already has there, continues that
 * record: what merged cells leave behind (blank below their first row), with a column such as
 * 缴费方式 typed again on every row (or a formula's 0 there, =G3*0.024 filled down over a record's
 * rows, which reads as blank on such a row). A row that differs in any record cell is another record; so is
 * any row after a blank row (a payment row there belongs to a customer the sheet does not name).
 * A totals row is a record of its own (see `isTotalsRow`). A row with nothing in any mapped column
 * (a note in a column nobody maps, or typed past the header) carries nothing the import takes: it
 * gets no place (null) — both passes pass over it, counted and said as a skipped row (`SkippedRow`) —
 * and neither starts a record nor ends the one above, though a blank row above it still does.
 */
function grouper(settings: GroupingSettings, marks: NumberMarks, date1904: boolean, csv: boolean) {
  const { columns, keyTarget, locale } = settings;
  const keyColumn = keyTarget ? columns.indexOf(keyTarget) : -1;
  const recordColumns = columns.flatMap((t, i) => (t && !t.table ? [i] : []));
  const tableColumns = columns.flatMap((t, i) => (t?.table ? [i] : []));
  // Without a key, a unique field (保单号) filled is a record's own identity: such a row never continues another.
  const ownIdentity = keyColumn >= 0 ? [keyColumn] : recordColumns.filter((i) => columns[i]!.field.schema["x-unique"] === true);
  const sums = columnSums(tableColumns, recordColumns, marks);
  let previous: string | null = null;
  /** The last row seen per sheet (rows of joined table sheets are numbered n × ROW_SPAN + row). */
  const lastRows = new Map<number, number>();
  /** The record cells of the record above, by column: its first row's (a row that continues it can only repeat them). */
  let above = new Map<number, Cell>();
  /** The cells of the row above (with something in a mapped column). */
  let rowAbove: Cell[] = [];

  const same = (column: number, a: Cell, b: Cell) => {
    if (cellText(a).trim() === cellText(b).trim()) return true;
    const [x, y] = [convertCell(a, columns[column]!, locale, marks, date1904, csv), convertCell(b, columns[column]!, locale, marks, date1904, csv)];
    return x.value !== undefined && !x.problem && !y.problem && JSON.stringify(x.value) === JSON.stringify(y.value);
  };

  return (row: TableRow): RowPlace | null => {
    blankZeroTableRows(row, columns);
    // Under the row above in its own sheet: a joined table sheet's rows, handed out between the
    // records' sheet's rows, are no blank row between them.
    const sheet = Math.floor(row.row / ROW_SPAN);
    const underPrevious = row.row === (lastRows.get(sheet) ?? Number.NaN) + 1 && previous !== null;
    lastRows.set(sheet, row.row);
    const filled = (i: number) => !isBlank(row.cells[i]);
    const own = recordColumns.filter(filled);
    const hasTableCells = tableColumns.some(filled);
    if (own.length === 0 && !hasTableCells) {
      // Passed over; a blank row above it still ends the record above (the next row is not under it).
      if (!underPrevious) previous = null;
      return null;
    }
    // A totals row (合计 in any cell, mapped or not, or cells that only sum the column above, its
    // record cells repeating the record's or summing their column) is never part of the record
    // above it: on its own it is refused as a totals row, and the customer above it is judged without it.
    const repeats = (i: number) => above.has(i) && same(i, above.get(i)!, row.cells[i]);
    // A subtotal's label names the group above it (保单号 "P-1 汇总" under P-1's rows): the value of
    // its column in the row above, or in the record above's first row (merged cells).
    const cellsAbove = rowAbove;
    rowAbove = row.cells;
    // Its other record cells are blank or sums: a row that names a customer ("Care Max" under a
    // product "Care", with a name and an ID) is data. A label is short (the pattern is slow on long text).
    const subtotal = (cell: Cell, i: number) => {
      const group = typeof cell === "string" && cell.length <= 200 ? SUBTOTAL_LABEL.exec(cell)?.[1] : undefined;
      if (group === undefined || recordColumns.some((j) => j !== i && filled(j) && typeof row.cells[j] !== "number")) return false;
      return cellText(cellsAbove[i] ?? null).trim() === group || (above.has(i) && cellText(above.get(i)!).trim() === group);
    };
    if (row.cells.some(isTotalsLabel) || (underPrevious && row.cells.some(subtotal)) || (!ownIdentity.some(filled) && sums.isTotalsRow(row.cells, columns, repeats))) {
      previous = `r:${row.row}`;
      above = new Map();
      sums.startRecord();
      return { id: previous, key: null, totals: true };
    }
    // A formula's 0 in a record column (=G3*0.024 filled down a record's rows, whose G is blank
    // below its first row) does not make a row another record: it reads as blank there.
    const zero = (i: number) => !!row.formulaZeros?.includes(i);
    const continues = underPrevious && hasTableCells && !ownIdentity.some(filled) && own.every((i) => repeats(i) || zero(i));
    if (continues) {
      const blanked = own.filter((i) => !repeats(i));
      if (blanked.length) {
        row.cells = [...row.cells];
        for (const i of blanked) row.cells[i] = null;
      }
      sums.add(row.cells);
      return { id: previous!, key: previous!.startsWith("k:") ? previous!.slice(2) : null };
    }
    let key: string | null = null;
    // A key cell holding an error value (#N/A of a failed VLOOKUP, filled down over dozens of
    // rows) names no record: the row is a record of its own without a key, refused for that
    // error. Keyed by its text, every such row was one record "#N/A", refused as rows of one
    // record whose 客户姓名 differ. It is no blank key either: it continues no record above.
    if (keyColumn >= 0 && filled(keyColumn) && !isErrorCell(row.cells[keyColumn])) {
      const converted = convertCell(row.cells[keyColumn], keyTarget!, locale, marks, date1904, csv);
      key = converted.value !== undefined ? String(converted.value) : cellText(row.cells[keyColumn]).trim();
    }
    const blankUnder = underPrevious ? recordColumns.filter((i) => i !== keyColumn && !filled(i) && above.has(i)) : [];
    const id = key !== null ? `k:${key}` : `r:${row.row}`;
    // The record's sums start with its first row: a row repeating the key of the row above (保单号
    // on every row of a customer) adds to them, so that a subtotal of its rows is known as one.
    if (id !== previous) sums.startRecord(row.cells);
    // A joined table sheet's row of the same record (its key written in) leaves the record's cells
    // as its records' sheet gave them, for the rows under it there.
    if (!(sheet > 0 && id === previous)) above = new Map(own.map((i) => [i, row.cells[i]]));
    previous = id;
    sums.add(row.cells);
    return { id: previous, key, ...(blankUnder.length ? { blankUnder } : {}) };
  };
}

/**
 * Where the file's records end: how many data rows it has (rows with something in a mapped
 * column: the grouper passes over the others), and per data row (in file order, one
 * bit each) whether it is the last row of its record. What the first pass finds; an import keeps
 * it, so that later passes over the same file with the same grouping need not read it twice.
 */
export interface RowEnds {
  rows: number;
  ends: Uint8Array;
  /** Rows with something in them that are no data: headers repeated below, notes in columns nobody maps (see `SkippedRow`). */
  skipped: number;
  /** What the file's data rows hold that the import takes or leaves without a word unless said (see `SheetNotes`). */
  notes: SheetNotes;
}

/**
 * What a person should know about the file's data rows as a whole (a totals row not counted):
 * rows hidden in Excel (imported as any other), hidden columns that are mapped and hold something
 * (imported), and columns nobody maps or right of the header's last title (under no title) that
 * hold something beside data (not imported) — each column with how many rows have something in it. Bounded whatever the file's size: ranges of rows
 * (`RowRanges`), at most one entry per column.
 */
export interface SheetNotes {
  hiddenRows?: RowRangesJSON;
  /** The sheet has a filter: hidden rows are most likely filtered out. */
  filtered?: true;
  hiddenColumns?: { column: number; rows: number }[];
  unmapped?: { column: number; rows: number }[];
  /**
   * Columns right of the header's last title holding something beside data (see TableRow's
   * `untitled`; not imported): by the column of their own sheet (0-based) — `sheet`: a joined
   * table sheet's number (sheet-joins.ts), absent for the records' sheet — at most
   * MAX_UNTITLED_COLUMNS of them, the first; `untitledMore`: how many more.
   */
  untitled?: { column: number; rows: number; sheet?: number }[];
  untitledMore?: number;
}

/** How many columns under no title the sheet's notes name (a row of thousands of cells past the header stays one line). */
export const MAX_UNTITLED_COLUMNS = 20;

/** Counts the data rows' notes (see SheetNotes), row by row, in one pass. */
function sheetNotes(columns: (ImportTarget | null)[]) {
  const hidden = new RowRanges();
  const unmapped = new Map<number, number>();
  const inHidden = new Map<number, number>();
  /** By sheet number × ROW_SPAN + column (a sheet has fewer columns than rows). */
  const untitled = new Map<number, number>();
  let hiddenColumns: number[] = [];
  return {
    /** The table's hidden columns, known once its first row is read. */
    hiddenColumns(list: number[]) {
      hiddenColumns = list.filter((i) => columns[i]);
    },
    add(row: TableRow) {
      if (row.hidden) hidden.add(row.row);
      row.cells.forEach((c, i) => {
        if (isBlank(c)) return;
        if (!columns[i]) unmapped.set(i, (unmapped.get(i) ?? 0) + 1);
        else if (hiddenColumns.includes(i)) inHidden.set(i, (inHidden.get(i) ?? 0) + 1);
      });
      const sheet = Math.floor(row.row / ROW_SPAN);
      for (const i of row.untitled ?? []) untitled.set(sheet * ROW_SPAN + i, (untitled.get(sheet * ROW_SPAN + i) ?? 0) + 1);
    },
    result(filtered: boolean): SheetNotes {
      const list = (m: Map<number, number>) => [...m].sort(([a], [b]) => a - b).map(([column, rows]) => ({ column, rows }));
      return {
        ...(hidden.size ? { hiddenRows: hidden.toJSON(), ...(filtered ? { filtered: true as const } : {}) } : {}),
        ...(inHidden.size ? { hiddenColumns: list(inHidden) } : {}),
        ...(unmapped.size ? { unmapped: list(unmapped) } : {}),
        ...(untitled.size
          ? {
              untitled: list(untitled)
                .slice(0, MAX_UNTITLED_COLUMNS)
                .map(({ column: at, rows }) => {
                  const sheet = Math.floor(at / ROW_SPAN);
                  return { column: at % ROW_SPAN, rows, ...(sheet ? { sheet } : {}) };
                }),
              ...(untitled.size > MAX_UNTITLED_COLUMNS ? { untitledMore: untitled.size - MAX_UNTITLED_COLUMNS } : {}),
            }
          : {}),
      };
    },
  };
}

/**
 * A row a pass skips, to say so: a header repeated below the header, or a row with something only
 * in columns nobody maps (`columns`, by index; none: only past the header's columns) — a note
 * under the table, a remark typed beside it.
 */
export type SkippedRow = { row: number; header: true } | { row: number; columns: number[] };

/** Why a row the grouper passes over is skipped: the unmapped columns it has something in. */
const skippedNote = (row: TableRow, columns: (ImportTarget | null)[]): SkippedRow => ({ row: row.row, columns: row.cells.flatMap((c, i) => (!isBlank(c) && !columns[i] ? [i] : [])) });

const isEnd = (ends: Uint8Array, i: number) => ((ends[i >> 3] ?? 0) & (1 << (i & 7))) !== 0;

/**
 * How many records a pass over a workbook read with its table sheets (sheet-joins.ts) may hold
 * open at once: a table sheet far out of the records' sheet's order keeps every record between
 * a row's place and the row open, in memory, and is refused instead (see `refuseOpenRecords`).
 */
export const MAX_OPEN_JOINED_RECORDS = 5000;

/**
 * How many rows a pass over a sheet read alone may hold while their records wait for later rows:
 * a sheet sorted by date (each policy's payments spread over the whole file) keeps every record
 * it has started in memory until its last row — ~2.6 KB a row as read and converted (measured: 20,000
 * policies × 5 payments sorted by date held 209 MB), and past the server's heap limit the server
 * stops, and would stop again on resuming the import. Refused instead, saying to sort by the key.
 */
export const MAX_OPEN_ROWS = 30_000;

/** Counts the file's data rows and finds the last row of every record (the first pass). */
async function findRowEnds(source: TableSource, settings: GroupingSettings): Promise<RowEnds> {
  const table = await openTable(source);
  const groupOf = grouper(settings, numberMarksOf(source), await workbookDate1904(source), source.format === "csv");
  const last = new Map<string, number>();
  const joined = !!source.joins?.length;
  /** Joined: per data row, one bit each, whether it starts its record. */
  let starts = new Uint8Array(joined ? 1024 : 0);
  /** Alone: per data row, its record's ordinal; and per record, its rows. */
  let ordinal = new Uint32Array(joined ? 0 : 1024);
  let sizes = new Uint32Array(joined ? 0 : 1024);
  const ordinals = new Map<string, number>();
  let rows = 0;
  let skipped = 0;
  const notes = sheetNotes(settings.columns);
  for await (const row of table.rows) {
    // By position (the n-th data row): row numbers of the sheet may skip blank rows.
    const place = row.header ? null : groupOf(row);
    if (!place) {
      skipped++;
      continue;
    }
    if (rows === 0) notes.hiddenColumns(table.sheet().hiddenColumns);
    if (!place.totals) notes.add(row);
    if (joined && !last.has(place.id)) {
      if (rows >> 3 >= starts.length) starts = grown(starts);
      starts[rows >> 3] |= 1 << (rows & 7);
    }
    if (!joined) {
      let o = ordinals.get(place.id);
      if (o === undefined) ordinals.set(place.id, (o = ordinals.size));
      if (rows >= ordinal.length) ordinal = grown32(ordinal);
      if (o >= sizes.length) sizes = grown32(sizes);
      ordinal[rows] = o;
      sizes[o]++;
    }
    last.set(place.id, rows);
    rows++;
  }
  const ends = new Uint8Array(Math.ceil(rows / 8));
  for (const i of last.values()) ends[i >> 3] |= 1 << (i & 7);
  if (!joined) {
    // The rows a pass holds at each row: every row read whose record has not ended, released at its record's last row.
    // A record's own rows do not count against it: one long record read whole is no sorting problem.
    const limit = settings.maxOpenRows ?? MAX_OPEN_ROWS;
    const read = new Uint32Array(ordinals.size);
    let held = 0;
    for (let i = 0; i < rows; i++) {
      held++;
      read[ordinal[i]]++;
      if (held - read[ordinal[i]] > limit) await refuseOpenRecords(source, settings, ends, i, limit);
      if (isEnd(ends, i)) held -= sizes[ordinal[i]];
    }
  }
  if (joined) {
    const limit = settings.maxOpenRecords ?? MAX_OPEN_JOINED_RECORDS;
    let open = 0;
    for (let i = 0; i < rows; i++) {
      if (isEnd(starts, i)) open++;
      if (open > limit) await refuseOpenRecords(source, settings, ends, i, limit);
      if (isEnd(ends, i)) open--;
    }
  }
  return { rows, ends, skipped, notes: notes.result(table.sheet().filtered) };
}

const grown32 = (list: Uint32Array) => {
  const out = new Uint32Array(list.length * 2);
  out.set(list);
  return out;
};

const grown = (bits: Uint8Array) => {
  const out = new Uint8Array(bits.length * 2);
  out.set(bits);
  return out;
};

/**
 * Refuses a joined workbook that would keep more than `limit` records open at once (found open
 * at the `at`-th data row): names the oldest of them — its first row, its key — and its row that
 * comes that late (a table sheet's row), and asks for the sheets in one order. Reads the file again
 * up to that row (only to say this).
 */
async function refuseOpenRecords(source: TableSource, settings: GroupingSettings, ends: Uint8Array, at: number, limit: number): Promise<never> {
  const table = await openTable(source);
  const groupOf = grouper(settings, numberMarksOf(source), await workbookDate1904(source), source.format === "csv");
  const open = new Map<string, { row: number; key: string | null }>();
  let oldest: { id: string; row: number; key: string | null } | null = null;
  let late: number | null = null;
  try {
    let n = 0;
    for await (const row of table.rows) {
      const place = row.header ? null : groupOf(row);
      if (!place) continue;
      if (oldest) {
        if (place.id === oldest.id) {
          late = row.row;
          break;
        }
        continue;
      }
      if (!open.has(place.id)) open.set(place.id, { row: row.row, key: place.key });
      if (n === at) {
        // The oldest record waiting, other than the one being read (whose own rows are no problem).
        const [id, first] = [...open.entries()].find(([other]) => other !== place.id) ?? open.entries().next().value!;
        oldest = { id, ...first };
      } else if (isEnd(ends, n)) open.delete(place.id);
      n++;
    }
  } finally {
    await table.close();
  }
  const joins = source.joins ?? [];
  if (!joins.length)
    throw new DomainError(
      "BAD_REQUEST",
      msg("imports.rowsOutOfOrder", { field: settings.keyTarget?.title ?? "", key: oldest?.key ?? "", first: oldest?.row ?? "", row: late ?? "", count: limit }),
    );
  const sheet = late !== null ? joins[Math.floor(late / ROW_SPAN) - 1]?.sheet : undefined;
  throw new DomainError(
    "BAD_REQUEST",
    msg("imports.joinOutOfOrder", {
      sheet: sheet ?? joins[0]?.sheet ?? "",
      row: late !== null ? (late >= ROW_SPAN && sheet ? msg("imports.sheetRowRef", { sheet, row: late % ROW_SPAN }) : msg("imports.rowRef", { row: late })) : "",
      field: settings.keyTarget?.title ?? "",
      key: oldest?.key ?? "",
      first: oldest?.row ?? "",
      count: limit,
    }),
  );
}

/**
 * A record's rows as a pass yields them. `blankUnder`: the record cells (by column) its first row
 * leaves blank right under a record that has a value there — what cells merged over two records
 * look like to the reader (the value on the first row only), to say so if the record is refused.
 */
export type ScannedGroup = Group & { rowsBefore: number; blankUnder?: number[]; totals?: true };

/** A pass over the file that yields whole records. */
export interface GroupScan {
  /** Data rows in the file (rows with something in a mapped column). */
  rows: number;
  /** Rows skipped in the file (see `SkippedRow`): with `rows`, every row with something in it below the header. */
  skipped: number;
  titles: string[];
  groups: AsyncGenerator<ScannedGroup>;
  /** Where the records end (given, or found by this scan's first pass). */
  rowEnds: RowEnds;
  /** The workbook counts days from 1904 (see `isDate1904`): its cells are written back as text by it (`cellText`). */
  date1904: boolean;
  /**
   * The rows skipped (see `SkippedRow`) since the last call, in file order: those before the next
   * record the pass yields (or after the last) — none among the `skip` records passed over.
   */
  takeSkipped(): SkippedRow[];
  /** Stops the pass before its end: the file is closed. */
  close(): Promise<void>;
}

/**
 * Reads the file twice: once to know where each record's last row is, then to yield each record
 * as soon as its last row is read — in the order of those last rows, the same order on every
 * pass, so a job can resume after the n-th record. Memory holds only records still open, which for
 * a sheet whose rows of one record are together is one at a time. `skip` records are passed over
 * without converting them (a resumed job's done part). `known`: the row ends an earlier pass over
 * the same file with the same settings found — the first pass is then skipped. A file that turns
 * out longer or shorter than they say fails the pass instead of yielding wrong records.
 */
export async function scanGroups(source: TableSource, settings: GroupingSettings, skip = 0, known?: RowEnds): Promise<GroupScan> {
  const rowEnds = known ?? (await findRowEnds(source, settings));
  const { rows, ends } = rowEnds;
  const table = await openTable(source);
  const marks = numberMarksOf(source);
  const date1904 = await workbookDate1904(source);
  const groupOf = grouper(settings, marks, date1904, source.format === "csv");
  let skipped: SkippedRow[] = [];
  async function* groups(): AsyncGenerator<ScannedGroup> {
    // Per open record, its rows read while skipping, as read: a record the pass skips into the
    // middle of (its first rows before the skip point, its last after — a payment appended at the
    // bottom of the sheet) is yielded whole, its early rows converted then, as an uninterrupted
    // pass would have read them. Records that end while skipping are dropped unconverted.
    const open = new Map<string, Group & { blankUnder?: number[]; totals?: true; unread: TableRow[] }>();
    const convert = (row: TableRow) => convertRow(row, settings.columns, settings.locale, settings.constants, marks, date1904, source.format === "csv");
    let emitted = 0;
    let rowsBefore = 0;
    let n = 0;
    // Rows of records not yet ended (see MAX_OPEN_ROWS): bounded here too, for row ends kept from
    // a pass that did not check it.
    const limit = source.joins?.length ? Infinity : (settings.maxOpenRows ?? MAX_OPEN_ROWS);
    let held = 0;
    for await (const row of table.rows) {
      const place = row.header ? null : groupOf(row);
      if (!place) {
        // Said by the batch with the next record (a resumed pass: only after its skipped records).
        if (emitted >= skip) skipped.push(row.header ? { row: row.row, header: true } : skippedNote(row, settings.columns));
        continue;
      }
      if (n >= rows) throw new Error(`the file has more than the ${rows} data rows it had`);
      const { id, key, blankUnder, totals } = place;
      let group = open.get(id);
      if (!group) {
        group = { key, rows: [], cells: new Map(), unread: [], ...(blankUnder ? { blankUnder } : {}), ...(totals ? { totals } : {}) };
        open.set(id, group);
      }
      const skipping = emitted < skip;
      if (skipping) group.unread.push(row);
      else {
        if (group.unread.length) {
          for (const early of group.unread) {
            group.rows.push(convert(early));
            group.cells.set(early.row, early.cells);
          }
          group.unread = [];
        }
        group.rows.push(convert(row));
        group.cells.set(row.row, row.cells);
      }
      held++;
      if (held - group.rows.length - group.unread.length > limit) await refuseOpenRecords(source, settings, ends, n, limit);
      if (isEnd(ends, n++)) {
        held -= group.rows.length + group.unread.length;
        open.delete(id);
        emitted++;
        const { unread, ...whole } = group;
        if (!skipping) yield { ...whole, rowsBefore };
        rowsBefore += whole.rows.length + unread.length;
      }
    }
    if (n !== rows || open.size) throw new Error(`the file has ${n} data rows, not the ${rows} it had`);
  }
  const all = groups();
  return {
    rows,
    skipped: rowEnds.skipped,
    titles: table.header.titles,
    groups: all,
    rowEnds,
    date1904,
    takeSkipped: () => {
      const taken = skipped;
      skipped = [];
      return taken;
    },
    close: async () => {
      await all.return(undefined as never);
      await table.close();
    },
  };
}
