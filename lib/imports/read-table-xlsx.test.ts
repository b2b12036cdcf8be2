import { readdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { openTable } from "./read-table";
import { readHeader } from "./read-header";

// Sheets are found through the workbook's relations and read through the zip's directory
// (xlsx-sheet.ts), not by exceljs's one streaming pass, which named sheets only when
// xl/workbook.xml — stored last — had arrived (exceljs #3064: intermittent failures).

async function twoSheets(dir: string, edit?: (rels: string, workbook: string) => [string, string]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("客户").addRows([["客户姓名", "保单号"], ["张三", "P1"]]);
  wb.addWorksheet("保单").addRows([["保单号", "保险金额"], ["P9", 1000], ["P8", 2000]]);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  if (edit) {
    const [rels, workbook] = edit(await zip.file("xl/_rels/workbook.xml.rels")!.async("string"), await zip.file("xl/workbook.xml")!.async("string"));
    zip.file("xl/_rels/workbook.xml.rels", rels);
    zip.file("xl/workbook.xml", workbook);
  }
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.xlsx`);
  await writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return file;
}

async function read(file: string, sheet: string | null) {
  const table = await openTable({ path: file, format: "xlsx", sheet });
  const rows: unknown[][] = [];
  for await (const row of table.rows) rows.push(row.cells);
  return { titles: table.header.titles, rows };
}

describe("reading a sheet of an .xlsx", () => {
  it("reads the chosen sheet, and the first tab when none is chosen", async () => {
    const file = await twoSheets(await mkdtemp(path.join(tmpdir(), "xlsx-")));
    expect(await read(file, null)).toEqual({ titles: ["客户姓名", "保单号"], rows: [["张三", "P1"]] });
    expect(await read(file, "保单")).toEqual({ titles: ["保单号", "保险金额"], rows: [["P9", 1000], ["P8", 2000]] });
  });

  it("follows absolute relation targets (/xl/worksheets/…, as other tools write) and the tabs' order, not the parts' numbers", async () => {
    const file = await twoSheets(await mkdtemp(path.join(tmpdir(), "xlsx-")), (rels, workbook) => {
      const absolute = rels.replace(/Target="worksheets\//g, 'Target="/xl/worksheets/');
      const sheets = [...workbook.matchAll(/<sheet [^>]*\/>/g)].map((m) => m[0]);
      expect(sheets).toHaveLength(2);
      return [absolute, workbook.replace(sheets[0] + sheets[1], sheets[1] + sheets[0])];
    });
    expect((await read(file, null)).titles).toEqual(["保单号", "保险金额"]);
    expect((await read(file, "客户")).rows).toEqual([["张三", "P1"]]);
  });

  it("names a sheet the file does not have, and refuses a zip that is no workbook", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "xlsx-"));
    const file = await twoSheets(dir);
    await expect(read(file, "理赔")).rejects.toThrow(/理赔/);
    const zip = new JSZip();
    zip.file("hello.txt", "not a workbook");
    const other = path.join(dir, "other.xlsx");
    await writeFile(other, await zip.generateAsync({ type: "nodebuffer" }));
    const error = await read(other, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).cause).toBeInstanceOf(Error);
  });

  it("closes the file when a read stops early (the mapping step reads the header and five rows)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "xlsx-"));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("客户");
    for (let i = 0; i < 5000; i++) ws.addRow([`客户${i}`, i, "上海市浦东新区张杨路366号".repeat(3)]);
    const file = path.join(dir, "big.xlsx");
    await wb.xlsx.writeFile(file);
    const open = async () => (await readdir("/proc/self/fd")).length;
    await readHeader({ path: file, format: "xlsx" });
    const before = await open();
    for (let i = 0; i < 20; i++) expect((await readHeader({ path: file, format: "xlsx" })).sample).toHaveLength(5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await open()).toBeLessThanOrEqual(before + 2);
  });
});
