import "server-only";
import type { Locale } from "../i18n/locale";
import { cellText, isBlank, type Cell, type TableRow } from "./cells";
import { convertCell, convertRow } from "./convert-cells";
import type { Group } from "./evaluate-group";
import { openTable, type TableSource } from "./read-table";
import type { ImportTarget } from "./targets";

/** How file rows are read into records. */
export interface GroupingSettings {
  /** Per file column, the target it fills (null: ignored). */
  columns: (ImportTarget | null)[];
  keyTarget: ImportTarget | null;
  locale: Locale;
  constants?: Map<string, unknown>;
}

/** A cell that labels a totals row: 合计, 总计, 小计, 共计 or total (alone, a colon after it allowed). */
const isTotalsLabel = (cell: Cell) => typeof cell === "string" && /^\s*(?:合\s*计|总\s*计|小\s*计|共\s*计|total|sum)\s*[:：]?\s*$/i.test(cell);

/**
 * Which record a row belongs to. Rows with the same key value are one record. A row with nothing
 * in the record's own columns but something in a table's (what merged cells or "same as above"
 * leave behind) continues the record right above it — never across a blank row (a payment row
 * there belongs to a customer the sheet does not name). Any other row without a key is a record of
 * its own.
 */
function grouper(settings: GroupingSettings) {
  const keyColumn = settings.keyTarget ? settings.columns.indexOf(settings.keyTarget) : -1;
  let previous: string | null = null;
  let lastRow = Number.NaN;
  return (row: TableRow): { id: string; key: string | null } => {
    // The reader skips blank rows: a jump in the row numbers is one.
    if (row.row !== lastRow + 1) previous = null;
    lastRow = row.row;
    // A totals row (合计 in any cell, mapped or not) is never part of the record above it: on its
    // own it is refused for what it lacks, and the customer above it is judged without it.
    if (row.cells.some(isTotalsLabel)) {
      previous = `r:${row.row}`;
      return { id: previous, key: null };
    }
    const ownCells = settings.columns.some((t, i) => t && !t.table && !isBlank(row.cells[i]));
    const tableCells = settings.columns.some((t, i) => t?.table && !isBlank(row.cells[i]));
    if (!ownCells && tableCells && previous) return { id: previous, key: previous.startsWith("k:") ? previous.slice(2) : null };
    let key: string | null = null;
    if (keyColumn >= 0 && !isBlank(row.cells[keyColumn])) {
      const converted = convertCell(row.cells[keyColumn], settings.keyTarget!, settings.locale);
      key = converted.value !== undefined ? String(converted.value) : cellText(row.cells[keyColumn]).trim();
    }
    previous = key !== null ? `k:${key}` : `r:${row.row}`;
    return { id: previous, key };
  };
}

/**
 * Where the file's records end: how many data rows it has, and per data row (in file order, one
 * bit each) whether it is the last row of its record. What the first pass finds; an import keeps
 * it, so that later passes over the same file with the same grouping need not read it twice.
 */
export interface RowEnds {
  rows: number;
  ends: Uint8Array;
}

const isEnd = (ends: Uint8Array, i: number) => ((ends[i >> 3] ?? 0) & (1 << (i & 7))) !== 0;

/** Counts the file's data rows and finds the last row of every record (the first pass). */
async function findRowEnds(source: TableSource, settings: GroupingSettings): Promise<RowEnds> {
  const table = await openTable(source);
  const groupOf = grouper(settings);
  const last = new Map<string, number>();
  let rows = 0;
  for await (const row of table.rows) {
    // By position (the n-th data row): row numbers of the sheet may skip blank rows.
    last.set(groupOf(row).id, rows);
    rows++;
  }
  const ends = new Uint8Array(Math.ceil(rows / 8));
  for (const i of last.values()) ends[i >> 3] |= 1 << (i & 7);
  return { rows, ends };
}

/** A pass over the file that yields whole records. */
export interface GroupScan {
  /** Data rows in the file. */
  rows: number;
  titles: string[];
  groups: AsyncGenerator<Group & { rowsBefore: number }>;
  /** Where the records end (given, or found by this scan's first pass). */
  rowEnds: RowEnds;
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
  const groupOf = grouper(settings);
  async function* groups(): AsyncGenerator<Group & { rowsBefore: number }> {
    const open = new Map<string, Group>();
    let emitted = 0;
    let rowsBefore = 0;
    let n = 0;
    for await (const row of table.rows) {
      if (n >= rows) throw new Error(`the file has more than the ${rows} data rows it had`);
      const { id, key } = groupOf(row);
      let group = open.get(id);
      if (!group) {
        group = { key, rows: [], cells: new Map() };
        open.set(id, group);
      }
      const skipping = emitted < skip;
      if (!skipping) {
        group.rows.push(convertRow(row, settings.columns, settings.locale, settings.constants));
        group.cells.set(row.row, row.cells);
      } else group.rows.push({ row: row.row } as never);
      if (isEnd(ends, n++)) {
        open.delete(id);
        emitted++;
        const count = group.rows.length;
        if (!skipping) yield { ...group, rowsBefore };
        rowsBefore += count;
      }
    }
    if (n !== rows || open.size) throw new Error(`the file has ${n} data rows, not the ${rows} it had`);
  }
  const all = groups();
  return {
    rows,
    titles: table.header.titles,
    groups: all,
    rowEnds,
    close: async () => {
      await all.return(undefined as never);
      await table.close();
    },
  };
}
