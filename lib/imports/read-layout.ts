import "server-only";
import { DomainError } from "../errors";
import type { PublishedTemplate } from "../templates/types";
import { proposeSettings } from "./propose-settings";
import { readHeader, titleScorer } from "./read-header";
import { TABLE_LIMITS, type TableSource } from "./read-table";
import { columnTitled, joinedScopes, tableOfSheet, type SheetJoin } from "./sheet-joins";
import { importTargets } from "./targets";

/** What an import reads from its file for the mapping step, and what it proposes for it. */
export interface ImportLayout {
  /** The header's row number in the sheet (chosen, or the one the source names), kept on the import. */
  headerRow: number;
  headers: string[];
  sample: string[][];
  /** The columns (of `headers`) hidden in Excel: marked on the mapping step. */
  hiddenColumns: number[];
  joins: SheetJoin[];
  joinKey: number | null;
  proposed: Awaited<ReturnType<typeof proposeSettings>>;
}

/**
 * Reads the chosen sheet's header and first rows and proposes settings for them. A sheet named
 * after a table (理赔记录) means that table's columns by its plain titles. The records' sheet of a
 * workbook with sheets named after tables that have the record key column (an export "a sheet
 * per table") is read with them as one table (`joinSheets`, on unless turned off): one import
 * then restores the records with their tables.
 */
export async function readLayout(params: { template: PublishedTemplate; source: TableSource; sheets: string[]; joinSheets: boolean }): Promise<ImportLayout> {
  const { template, sheets } = params;
  const source: TableSource = { ...params.source, joins: null, joinKey: null };
  const targets = importTargets(template.fields);
  const tables = [...new Set(targets.flatMap((t) => (t.table ? [t.table] : [])))].map((path) => ({ path, title: template.fields.find((f) => f.path === path)?.title ?? path }));
  const prefer = source.format === "xlsx" && source.sheet ? tableOfSheet(source.sheet, tables) : null;
  const scoreTitles = titleScorer(template);
  const own = await readHeader(source, { scoreTitles });
  const single = { ...own, joins: [], joinKey: null, proposed: await proposeSettings(template, own.headers, { prefer }) };
  const keyColumn = single.proposed.keyField ? single.proposed.mapping.indexOf(single.proposed.keyField) : -1;
  if (!params.joinSheets || source.format !== "xlsx" || prefer || keyColumn < 0) return single;

  const joins: SheetJoin[] = [];
  for (const sheet of sheets) {
    const table = sheet === source.sheet ? null : tableOfSheet(sheet, tables);
    if (!table || joins.some((j) => j.table === table)) continue;
    // A sheet with nothing on it is no table sheet; any other problem is the file's and is said.
    const header = await readHeader({ path: source.path, format: "xlsx", sheet }).catch((err: unknown) => {
      if (err instanceof DomainError && err.status === 400) return null;
      throw err;
    });
    const key = header ? columnTitled(header.headers, own.headers[keyColumn]) : -1;
    if (header && key >= 0) joins.push({ sheet, table, key, width: header.headers.length });
  }
  const width = own.headers.length + joins.reduce((n, j) => n + j.width - 1, 0);
  if (joins.length === 0 || width > TABLE_LIMITS.maxColumns) return single;
  // The records' sheet from the row just chosen, so that the joined read takes the same header.
  const joined = await readHeader({ ...source, headerRow: own.headerRow, joins, joinKey: keyColumn }, { scoreTitles });
  const proposed = await proposeSettings(template, joined.headers, { scopes: joinedScopes(own.headers.length, joins) });
  return { ...joined, joins, joinKey: keyColumn, proposed };
}
