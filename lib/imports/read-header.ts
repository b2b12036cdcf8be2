import "server-only";
import { cellText } from "./cells";
import { openTable, type TableSource } from "./read-table";

const SAMPLE_ROWS = 5;

/** A table's column titles and its first rows as text, for the mapping step. */
export async function readHeader(source: TableSource): Promise<{ headers: string[]; sample: string[][] }> {
  const table = await openTable(source);
  const sample: string[][] = [];
  try {
    for await (const row of table.rows) {
      sample.push(row.cells.map(cellText));
      if (sample.length >= SAMPLE_ROWS) break;
    }
  } finally {
    await table.close();
  }
  return { headers: table.header.titles, sample };
}
