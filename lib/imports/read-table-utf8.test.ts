import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { openTable, sheetNames } from "./read-table";

// exceljs's streaming reader cut Chinese characters at 16 KB chunk borders ("已缴���"); see
// exceljs-utf8.ts. These sheets are large enough to cross many borders at every byte offset.
const words = ["已缴费", "未缴费", "康健无忧医疗险", "上海市浦东新区张杨路366号", "客户偏好电话联系", "𠮷野家"];
const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => [`第${i + 1}行`, words[i % words.length], words[(i * 7) % words.length].repeat((i % 5) + 1), i]);

async function readAll(file: string) {
  const table = await openTable({ path: file, format: "xlsx" });
  const out: unknown[][] = [];
  for await (const row of table.rows) out.push(row.cells);
  return { titles: table.header.titles, rows: out };
}

describe("reading Chinese text from large .xlsx files", () => {
  it("keeps every character of inline strings (how Dossier's export writes)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "utf8-"));
    const file = path.join(dir, "inline.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
    const ws = wb.addWorksheet("客户档案");
    ws.addRow(["行", "状态", "说明", "序号"]).commit();
    const rows = rowsOf(3000);
    for (const r of rows) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
    const read = await readAll(file);
    expect(read.titles).toEqual(["行", "状态", "说明", "序号"]);
    expect(read.rows).toEqual(rows);
  });

  it("keeps every character of shared strings (how Excel writes)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "utf8-"));
    const file = path.join(dir, "shared.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("客户档案");
    ws.addRow(["行", "状态", "说明", "序号"]);
    // Distinct strings, so the shared-strings part itself is large.
    const rows = rowsOf(3000).map((r, i) => [r[0], `${r[1]}${i}`, r[2], r[3]]);
    for (const r of rows) ws.addRow(r);
    await wb.xlsx.writeFile(file);
    expect((await readAll(file)).rows).toEqual(rows);
  });
});

describe("sheet names", () => {
  it("reads every sheet's name in workbook order, with XML entities and Chinese intact", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sheets-"));
    const file = path.join(dir, "sheets.xlsx");
    const wb = new ExcelJS.Workbook();
    for (const name of ["客户档案", "缴费 & 理赔", "<旧表>", "O'Brien 表"]) wb.addWorksheet(name).addRow(["a"]);
    await wb.xlsx.writeFile(file);
    expect(await sheetNames(file)).toEqual(["客户档案", "缴费 & 理赔", "<旧表>", "O'Brien 表"]);
  });
});
