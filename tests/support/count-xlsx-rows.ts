// node --conditions=react-server --import tsx tests/support/count-xlsx-rows.ts <file.xlsx>
// Reads an .xlsx's first sheet the way an import does and prints its header, its row count and its
// last row as JSON. Tests run it in a process with a small heap limit (read-table-xlsx.test.ts).
import { openTable } from "../../lib/imports/read-table";

async function main(file: string) {
  const table = await openTable({ path: file, format: "xlsx" });
  let rows = 0;
  let last: unknown[] = [];
  for await (const row of table.rows) {
    rows++;
    last = row.cells;
  }
  console.log(JSON.stringify({ titles: table.header.titles, rows, last }));
}

main(process.argv[2]).catch((err) => {
  console.error(err);
  process.exit(1);
});
