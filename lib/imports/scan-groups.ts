import "server-only";
import type { Locale } from "../i18n/locale";
import { cellText, isBlank, type TableRow } from "./cells";
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

/**
 * Which record a row belongs to. Rows with the same key value are one record. A row with nothing
 * in the record's own columns but something in a table's (what merged cells or "same as above"
 * leave behind) continues the record above it. Any other row without a key is a record of its own.
 */
function grouper(settings: GroupingSettings) {
  const keyColumn = settings.keyTarget ? settings.columns.indexOf(settings.keyTarget) : -1;
  let previous: string | null = null;
  return (row: TableRow): { id: string; key: string | null } => {
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

/** Counts the file's data rows and finds the last row of every record (the first pass). */
async function lastRows(source: TableSource, settings: GroupingSettings): Promise<{ last: Map<string, number>; rows: number }> {
  const table = await openTable(source);
  const groupOf = grouper(settings);
  const last = new Map<string, number>();
  let rows = 0;
  for await (const row of table.rows) {
    last.set(groupOf(row).id, row.row);
    rows++;
  }
  return { last, rows };
}

/** A pass over the file that yields whole records. */
export interface GroupScan {
  /** Data rows in the file. */
  rows: number;
  titles: string[];
  groups: AsyncGenerator<Group & { rowsBefore: number }>;
}

/**
 * Reads the file twice: once to know where each record's last row is, then to yield each record
 * as soon as its last row is read — in the order of those last rows, the same order on every
 * pass, so a job can resume after the n-th record. Memory holds only records still open, which for
 * a sheet whose rows of one record are together is one at a time. `skip` records are passed over
 * without converting them (a resumed job's done part).
 */
export async function scanGroups(source: TableSource, settings: GroupingSettings, skip = 0): Promise<GroupScan> {
  const { last, rows } = await lastRows(source, settings);
  const table = await openTable(source);
  const groupOf = grouper(settings);
  async function* groups(): AsyncGenerator<Group & { rowsBefore: number }> {
    const open = new Map<string, Group>();
    let emitted = 0;
    let rowsBefore = 0;
    for await (const row of table.rows) {
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
      if (last.get(id) === row.row) {
        open.delete(id);
        emitted++;
        const count = group.rows.length;
        if (!skipping) yield { ...group, rowsBefore };
        rowsBefore += count;
      }
    }
  }
  return { rows, titles: table.header.titles, groups: groups() };
}
