import "server-only";
import type { PublishedTemplate } from "../templates/types";
import { cellText } from "./cells";
import { openTable, workbookDate1904, type HeaderChoice, type TableSource } from "./read-table";
import { importTargets, suggestMapping } from "./targets";

const SAMPLE_ROWS = 5;

/** How many of a row's cells, read as column titles, name one of the template's fields (`suggestMapping`). */
export function titleScorer(template: PublishedTemplate): (titles: string[]) => number {
  const targets = importTargets(template.fields);
  return (titles) => suggestMapping(titles, targets).filter((path) => path !== null).length;
}

/**
 * A table's header row — the one the source names (picked by the user), else with a `titleScorer`
 * the one of its first rows that names the template's fields best — with
 * its column titles, its first rows as text and the columns Excel hides (by column of the table),
 * for the mapping step. The import keeps the row
 * number: its check and run read the same rows as data whatever they would choose.
 */
export async function readHeader(source: TableSource, choice: HeaderChoice = {}): Promise<{ headerRow: number; headers: string[]; sample: string[][]; hiddenColumns: number[] }> {
  const date1904 = await workbookDate1904(source);
  const table = await openTable(source, choice);
  const sample: string[][] = [];
  let hiddenColumns: number[] = [];
  try {
    for await (const row of table.rows) {
      if (row.header) continue;
      sample.push(row.cells.map((c) => cellText(c, date1904)));
      if (sample.length >= SAMPLE_ROWS) break;
    }
    // The sheet's columns are known once its header is read (<cols> comes before the rows).
    hiddenColumns = table.sheet().hiddenColumns;
  } finally {
    await table.close();
  }
  return { headerRow: table.header.row, headers: table.header.titles, sample, hiddenColumns };
}
