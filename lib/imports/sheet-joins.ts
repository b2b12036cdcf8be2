/**
 * A workbook of several sheets read as one table: the records' sheet, and the sheets of their
 * tables (缴费记录, 理赔记录… — what an export "a sheet per table" writes), each row of a table's
 * sheet tied to its record by the record key column both sheets have. Pure: read-table.ts opens
 * the sheets and hands their rows here.
 *
 * The joined table has the records' columns, then each table sheet's columns but its key column
 * (titled "表名·列名"); a table sheet's row fills its own columns and the records' key column, so
 * it groups with its record by key like a row of the flattened layout does.
 */
import type { Locale } from "../i18n/locale";
import { translate } from "../i18n/messages";
import { cellText, isBlank, type Cell, type TableRow } from "./cells";
import { headerKey } from "./targets";

/** One table sheet joined to the records' sheet, as an import keeps it. */
export interface SheetJoin {
  /** The sheet's name in the workbook. */
  sheet: string;
  /** The table (dot path) its rows fill. */
  table: string;
  /** The sheet's column holding the record key (0-based). */
  key: number;
  /** How many columns the sheet's header has. */
  width: number;
}

/**
 * Rows of the n-th joined sheet (1-based) are numbered n × ROW_SPAN + their row in that sheet, so
 * that every row of the joined table has its own number (verdicts, refused rows and the records
 * an import creates are told apart by it). Excel's sheets end at row 1,048,576.
 */
export const ROW_SPAN = 10_000_000;

/** A joined row's number as people read it: "12" on the records' sheet, "缴费记录!12" on a table's. */
export function rowLabel(row: number, joins: readonly Pick<SheetJoin, "sheet">[]): string {
  const n = Math.floor(row / ROW_SPAN);
  return n > 0 && joins[n - 1] ? `${joins[n - 1].sheet}!${row % ROW_SPAN}` : String(row);
}

/**
 * A joined row's number in words: "第 12 行" on the records' sheet, "「缴费记录」表第 3 行" on a
 * table's ("与第 缴费记录!3 行…" read as nonsense). `sentence` capitalizes a message that starts with one.
 */
export function rowPhrase(locale: Locale, row: number, joins: readonly Pick<SheetJoin, "sheet">[]): string {
  const n = Math.floor(row / ROW_SPAN);
  return n > 0 && joins[n - 1] ? translate(locale, "imports.sheetRowRef", { sheet: joins[n - 1].sheet, row: row % ROW_SPAN }) : translate(locale, "imports.rowRef", { row });
}

/** A message whose first word may be a row phrase ("row 3 repeats…"), as a sentence. */
export const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The table a sheet holds, by its name: a table's title as the export names its sheet (Excel's
 * 31 characters and forbidden characters taken into account), compared as column titles are.
 */
export function tableOfSheet(sheet: string, tables: readonly { path: string; title: string }[]): string | null {
  const exportName = (title: string) => title.replace(/[:\\/?*[\]]/g, " ").trim().slice(0, 31);
  const key = headerKey(sheet);
  const found = tables.find((t) => headerKey(t.title) === key || (key !== "" && headerKey(exportName(t.title)) === key));
  return found?.path ?? null;
}

/** The column of a sheet's header with the given title (compared as column titles are), or -1. */
export function columnTitled(titles: readonly string[], title: string): number {
  const key = headerKey(title);
  return key === "" ? -1 : titles.findIndex((t) => headerKey(t) === key);
}

/**
 * The joined table's titles: the records' sheet's, then each table sheet's but its key, as
 * "表名·列名" (a title that already starts with the sheet's name, 指定受益人·姓名, as it is).
 */
export function joinedTitles(main: readonly string[], joins: readonly (SheetJoin & { titles: readonly string[] })[]): string[] {
  const named = (sheet: string, title: string) => (headerKey(title).startsWith(headerKey(sheet)) ? title : `${sheet}·${title}`);
  return [...main, ...joins.flatMap((j) => j.titles.filter((_, i) => i !== j.key).map((t) => named(j.sheet, t)))];
}

/** Per column of the joined table, the table it belongs to (null: the records' sheet). */
export function joinedScopes(mainWidth: number, joins: readonly SheetJoin[]): (string | null)[] {
  return [...Array<string | null>(mainWidth).fill(null), ...joins.flatMap((j) => Array<string>(Math.max(0, j.width - 1)).fill(j.table))];
}

/**
 * A joined row with what the reader said of its sheet's row (`from`) kept: its refusal (dropped, a
 * row under a foreign header was imported column-shifted), whether it is hidden, its cells under
 * no title (by its own sheet's columns) — and its formula zeros, at their new places.
 */
function withMarks(row: TableRow, from: TableRow, zeros: number[]): TableRow {
  if (from.refusal) row.refusal = from.refusal;
  if (from.hidden) row.hidden = true;
  if (from.untitled) row.untitled = from.untitled;
  if (zeros.length) row.formulaZeros = zeros;
  return row;
}

const keyText = (cell: Cell | undefined) => (isBlank(cell) ? "" : cellText(cell ?? null).trim());

/** How many of a table sheet's rows (with the blank-key rows under each) are read ahead of the records' sheet. */
export const JOIN_LOOKAHEAD = 1000;

/**
 * The rows of the joined table, read from every sheet at once: after each row of the records'
 * sheet come the rows of each table sheet that carry the same key (and rows with a blank key
 * right after them, which continue the row above as in one sheet). Sheets written in the same
 * order — an export's — are thus read in step, one record at a time.
 *
 * A table sheet in another order is read up to `lookahead` rows (each with its blank-key rows)
 * ahead, held by key until the records' sheet reaches their record. A row whose record was read
 * already (one payment row typed late) comes out before the records' sheet's next keyed row — not
 * after a row of it, which would be taken to continue that other record — and a row whose record
 * never comes (a key the records' sheet lacks) after the records' sheet ends. Grouping by key
 * joins them right; a row too far from its place keeps its record open meanwhile (scanGroups
 * bounds how many).
 */
export async function* joinRows(params: {
  main: AsyncIterable<TableRow>;
  mainWidth: number;
  mainKey: number;
  joins: readonly { join: SheetJoin; rows: AsyncIterable<TableRow> }[];
  lookahead?: number;
}): AsyncGenerator<TableRow> {
  const { mainWidth, mainKey } = params;
  const lookahead = Math.max(1, params.lookahead ?? JOIN_LOOKAHEAD);
  const width = mainWidth + params.joins.reduce((n, j) => n + Math.max(0, j.join.width - 1), 0);
  /** A table sheet's row with its key and the blank-key rows right under it. */
  type Unit = { key: string; rows: TableRow[] };
  let offset = mainWidth;
  const sheets = params.joins.map(({ join, rows }, i) => {
    const sheet = {
      join,
      at: offset,
      number: i + 1,
      rows: rows[Symbol.asyncIterator](),
      head: null as TableRow | null,
      done: false,
      /** Units read ahead whose record the records' sheet has not reached, by key. */
      waiting: new Map<string, Unit[]>(),
      waitingCount: 0,
      /** Units of records read already, to come out before the next keyed row of the records' sheet. */
      late: [] as Unit[],
    };
    offset += Math.max(0, join.width - 1);
    return sheet;
  });
  type Sheet = (typeof sheets)[number];
  const advance = async (s: Sheet) => {
    let next = s.done ? { done: true as const, value: undefined } : await s.rows.next();
    // A table sheet's header repeated down it is passed over (only the records' sheet's are reported).
    while (!next.done && next.value.header) next = await s.rows.next();
    s.done = !!next.done;
    s.head = next.done ? null : next.value;
  };
  /** The sheet's next unit, or null at its end. */
  const nextUnit = async (s: Sheet): Promise<Unit | null> => {
    if (!s.head) return null;
    const unit: Unit = { key: keyText(s.head.cells[s.join.key]), rows: [s.head] };
    await advance(s);
    while (s.head && keyText(s.head.cells[s.join.key]) === "") {
      unit.rows.push(s.head);
      await advance(s);
    }
    return unit;
  };
  /**
   * A table sheet's row laid out on the joined table: its key in the records' key column, its cells
   * in its own — with what the reader said of them (a refusal, the columns holding a formula's 0),
   * at their new places.
   */
  const laidOut = (s: Sheet, row: TableRow): TableRow => {
    const cells: Cell[] = Array<Cell>(width).fill(null);
    cells[mainKey] = row.cells[s.join.key] ?? null;
    const zeros: number[] = [];
    let at = s.at;
    row.cells.forEach((c, i) => {
      if (i === s.join.key || i >= s.join.width) return;
      if (row.formulaZeros?.includes(i)) zeros.push(at);
      cells[at++] = c;
    });
    return withMarks({ row: s.number * ROW_SPAN + row.row, cells }, row, zeros);
  };
  const seen = new Set<string>();
  try {
    for (const s of sheets) await advance(s);
    for await (const row of params.main) {
      if (row.header) {
        yield row;
        continue;
      }
      const key = keyText(row.cells[mainKey]);
      // Late rows first: a row of the records' sheet with a key starts its own record whatever came before it.
      if (key !== "")
        for (const s of sheets) {
          for (const unit of s.late.splice(0)) for (const r of unit.rows) yield laidOut(s, r);
        }
      const cells = row.cells.slice(0, mainWidth);
      while (cells.length < width) cells.push(null);
      yield withMarks({ row: row.row, cells }, row, row.formulaZeros?.filter((i) => i < mainWidth) ?? []);
      if (key === "") continue;
      seen.add(key);
      for (const s of sheets) {
        const held = s.waiting.get(key) ?? [];
        s.waiting.delete(key);
        s.waitingCount -= held.length;
        for (const unit of held) for (const r of unit.rows) yield laidOut(s, r);
        while (s.waitingCount < lookahead && s.late.length < lookahead) {
          const unit = await nextUnit(s);
          if (!unit) break;
          if (unit.key === key) for (const r of unit.rows) yield laidOut(s, r);
          else if (unit.key === "" || seen.has(unit.key)) s.late.push(unit);
          else {
            const list = s.waiting.get(unit.key) ?? [];
            if (!list.length) s.waiting.set(unit.key, list);
            list.push(unit);
            s.waitingCount++;
          }
        }
      }
    }
    for (const s of sheets) {
      for (const unit of [...s.late, ...[...s.waiting.values()].flat()]) for (const r of unit.rows) yield laidOut(s, r);
      while (s.head) {
        yield laidOut(s, s.head);
        await advance(s);
      }
    }
  } finally {
    await Promise.all(sheets.map((s) => s.rows.return?.(undefined)));
  }
}
