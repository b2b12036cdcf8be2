// node --import tsx benchmarks/lib/shared-strings.ts <file.xlsx>: rewrites an .xlsx of one sheet
// with its text in a shared-strings table, as Excel saves it (streamed both ways; exceljs's writer
// keeps the table in memory, so bench:import runs this in a process of its own, outside the heap
// limit it measures the import under).
import { rename } from "node:fs/promises";
import ExcelJS from "exceljs";
import { xlsxSheetRows } from "../../lib/imports/xlsx-sheet";

async function main(file: string) {
  const copy = `${file}.shared.xlsx`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: copy, useSharedStrings: true, useStyles: true });
  const ws = workbook.addWorksheet("客户档案");
  for await (const row of xlsxSheetRows(file, null)) {
    const out = ws.addRow((row.values as unknown[]).slice(1));
    out.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = "yyyy-mm-dd";
    });
    out.commit();
  }
  ws.commit();
  await workbook.commit();
  await rename(copy, file);
}

main(process.argv[2]).catch((err) => {
  console.error(err);
  process.exit(1);
});
