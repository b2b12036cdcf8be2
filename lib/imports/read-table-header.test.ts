import { readdirSync, readlinkSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { openTable, type TableSource } from "./read-table";

async function read(source: TableSource) {
  const table = await openTable(source);
  const rows: { row: number; cells: unknown[] }[] = [];
  for await (const row of table.rows) rows.push(row);
  return { header: table.header, rows };
}

async function workbook(build: (ws: ExcelJS.Worksheet) => void): Promise<TableSource> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("客户档案"));
  const file = path.join(await mkdtemp(path.join(tmpdir(), "header-")), "客户.xlsx");
  await wb.xlsx.writeFile(file);
  return { path: file, format: "xlsx" };
}

async function csv(text: string): Promise<TableSource> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "header-")), "客户.csv");
  await writeFile(file, text);
  return { path: file, format: "csv", encoding: "utf-8" };
}

describe("finding the header row", () => {
  it("skips a title merged across the table above the header, keeping the sheet's row numbers", async () => {
    const source = await workbook((ws) => {
      ws.addRow(["XX保险代理有限公司 客户档案（2024年）"]);
      ws.mergeCells("A1:C1");
      ws.addRow(["客户姓名", "保单号", "保险金额"]);
      ws.addRow(["张三", "P1", 1000]);
      ws.addRow(["李四", "P2", 2000]);
    });
    expect(await read(source)).toEqual({
      header: { row: 2, titles: ["客户姓名", "保单号", "保险金额"] },
      rows: [
        { row: 3, cells: ["张三", "P1", 1000] },
        { row: 4, cells: ["李四", "P2", 2000] },
      ],
    });
  });

  it("skips a title, a blank row and a 制表日期 line in a CSV", async () => {
    const { header, rows } = await read(await csv("客户档案\n\n制表日期：2024-03-01,,\n客户姓名,保单号\n张三,P1\n"));
    expect(header).toEqual({ row: 4, titles: ["客户姓名", "保单号"] });
    expect(rows).toEqual([{ row: 5, cells: ["张三", "P1"] }]);
  });

  it("keeps the first row of a one-column sheet as its header", async () => {
    const { header, rows } = await read(await csv("保单号\nP1\nP2\n"));
    expect(header).toEqual({ row: 1, titles: ["保单号"] });
    expect(rows).toEqual([{ row: 2, cells: ["P1"] }, { row: 3, cells: ["P2"] }]);
  });

  it("keeps the first row when the first ten rows with anything in them each have one cell", async () => {
    const lines = ["保单号", ...Array.from({ length: 9 }, (_, i) => `P${i + 1}`), "P10,备注"];
    const { header, rows } = await read(await csv(lines.join("\n")));
    expect(header.titles).toEqual(["保单号"]);
    expect(rows.map((r) => r.cells[0])).toEqual([...Array.from({ length: 9 }, (_, i) => `P${i + 1}`), "P10"]);
  });

  it("keeps a first row with two titles even when a later row has more", async () => {
    const { header, rows } = await read(await csv("客户姓名,保单号\n张三,P1,多余\n"));
    expect(header).toEqual({ row: 1, titles: ["客户姓名", "保单号"] });
    // The cell past the header is not taken, but marked: the import says it is left out.
    expect(rows).toEqual([{ row: 2, cells: ["张三", "P1"], untitled: [2] }]);
  });

  it("takes a row with two cells among one-cell rows as the header only when rows with two or more cells follow it", async () => {
    // A one-column sheet with a stray note beside its fourth policy number: not a header.
    const lines = ["保单号", "P1", "P2", "P3,这张要核对", "P4", "P5", "P6"];
    const { header, rows } = await read(await csv(lines.join("\n")));
    expect(header).toEqual({ row: 1, titles: ["保单号"] });
    expect(rows.map((r) => r.cells[0])).toEqual(["P1", "P2", "P3", "P4", "P5", "P6"]);
    // A title, then a header of two columns with its data: the title is skipped as before.
    const titled = await read(await csv("客户名单\n客户姓名,保单号\n张三,P1\n李四,P2\n"));
    expect(titled.header).toEqual({ row: 2, titles: ["客户姓名", "保单号"] });
    expect(titled.rows).toHaveLength(2);
  });
});

/** This process's open files that are the given file or a spooled shared-strings table. */
const openFiles = (file: string) =>
  readdirSync("/proc/self/fd").filter((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target === file || target.includes("dossier-strings-");
    } catch {
      return false;
    }
  }).length;

const spooledIn = (dir: string) =>
  readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(`${dir}/dossier-strings-`);
    } catch {
      return false;
    }
  }).length;

async function settled(file: string): Promise<number> {
  for (let i = 0; i < 40 && openFiles(file) > 0; i++) await new Promise((r) => setTimeout(r, 25));
  return openFiles(file);
}

describe("stopping a table early", () => {
  // One column, more than ten filled rows: the header search keeps rows it read past the header,
  // and a reader that stops while those are handed out must still close the file.
  const oneColumn = () =>
    workbook((ws) => {
      ws.addRow(["保单号"]);
      for (let i = 1; i <= 30; i++) ws.addRow([`P${i}`]);
    });

  it("closes the workbook and its shared-strings file when the rows read during the header search are not all taken", async () => {
    const source = await oneColumn();
    const table = await openTable(source);
    let taken = 0;
    for await (const row of table.rows) {
      expect(row.cells[0]).toBe(`P${++taken}`);
      // The workbook's shared strings are spooled beside the upload, not in the system's tmpfs.
      if (taken === 1) expect(spooledIn(path.dirname(source.path))).toBe(1);
      if (taken === 3) break;
    }
    expect(await settled(source.path)).toBe(0);
  });

  it("closes the file through close() after some rows were taken", async () => {
    const source = await oneColumn();
    const table = await openTable(source);
    await table.rows.next();
    await table.close();
    expect(await settled(source.path)).toBe(0);
  });

  it("closes the file when the header is refused", async () => {
    const source = await workbook((ws) => {
      ws.addRow(Array.from({ length: 400 }, (_, i) => `列${i}`));
      ws.addRow(Array.from({ length: 400 }, (_, i) => i));
    });
    await expect(openTable(source)).rejects.toThrow();
    expect(await settled(source.path)).toBe(0);
  });
});
