import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { openTable } from "./read-table";

/** A workbook with rows and a column hidden (by hand, or by a filter left on). */
async function hiddenWorkbook(filter: boolean): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "dossier-hidden-")), "客户.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("客户档案");
  ws.addRow(["客户姓名", "保险金额", "后续跟进"]);
  for (let i = 1; i <= 6; i++) ws.addRow([`客户${i}`, i * 1000, i === 2 ? "下周回访" : null]);
  for (const n of [3, 5, 6]) ws.getRow(n).hidden = true;
  ws.getColumn(2).hidden = true;
  if (filter) ws.autoFilter = "A1:C7";
  await wb.xlsx.writeFile(file);
  return file;
}

describe("the .xlsx reader and hidden rows and columns", () => {
  it("marks each hidden row, and knows the hidden columns and that the sheet has a filter", async () => {
    const table = await openTable({ path: await hiddenWorkbook(true), format: "xlsx" });
    const rows: { row: number; hidden: boolean }[] = [];
    for await (const row of table.rows) rows.push({ row: row.row, hidden: !!row.hidden });
    expect(rows).toEqual([2, 3, 4, 5, 6, 7].map((row) => ({ row, hidden: [3, 5, 6].includes(row) })));
    expect(table.sheet()).toEqual({ hiddenColumns: [1], filtered: true });
    await table.close();
  });

  it("a sheet without a filter says so; a CSV has nothing hidden", async () => {
    const table = await openTable({ path: await hiddenWorkbook(false), format: "xlsx" });
    for await (const _row of table.rows);
    expect(table.sheet()).toEqual({ hiddenColumns: [1], filtered: false });
    await table.close();
  });
});
