import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openTable, type HeaderChoice, type TableSource } from "./read-table";

async function read(source: TableSource, choice?: HeaderChoice) {
  const table = await openTable(source, choice);
  const rows: { row: number; cells: unknown[] }[] = [];
  for await (const row of table.rows) rows.push(row);
  return { header: table.header, rows };
}

async function csv(text: string): Promise<TableSource> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "header-score-")), "客户.csv");
  await writeFile(file, text);
  return { path: file, format: "csv", encoding: "utf-8" };
}

/** A template's fields by title: how many of a row's cells name one. */
const fields = (...titles: string[]) => ({ scoreTitles: (cells: string[]) => cells.filter((c) => titles.includes(c)).length });
const archive = fields("客户姓名", "身份证号码", "保单号", "缴费金额", "缴费日期");

describe("choosing the header by the template's fields", () => {
  it("takes the real titles under a row of group titles", async () => {
    const source = await csv("客户信息,,保单信息,缴费记录,\n客户姓名,身份证号码,保单号,缴费金额,缴费日期\n张三,1101,P1,100,2024-01-01\n");
    // Without the template: the first row with several cells, as before.
    expect((await read(source)).header.row).toBe(1);
    expect(await read(source, archive)).toEqual({
      header: { row: 2, titles: ["客户姓名", "身份证号码", "保单号", "缴费金额", "缴费日期"] },
      rows: [{ row: 3, cells: ["张三", "1101", "P1", "100", "2024-01-01"] }],
    });
  });

  it("takes the real titles under a title row of two cells", async () => {
    const source = await csv("XX保险代理有限公司,,,,制表日期：2024-03-01\n客户姓名,身份证号码,保单号,缴费金额,缴费日期\n张三,1101,P1,100,2024-01-01\n");
    expect((await read(source, archive)).header.row).toBe(2);
  });

  it("keeps the title-row rule when no row names a field (another template's file)", async () => {
    const source = await csv("客户名单\nname,policy\n张三,P1\n");
    expect((await read(source, archive)).header).toEqual({ row: 2, titles: ["name", "policy"] });
  });

  it("keeps the earlier row on a tie, and never looks past the first ten rows with anything in them", async () => {
    const rows = ["客户姓名,保单号", ...Array.from({ length: 10 }, (_, i) => `张${i},P${i}`), "客户姓名,身份证号码,保单号"];
    const { header } = await read(await csv(rows.join("\n")), archive);
    expect(header.row).toBe(1);
  });

  it("keeps a first block's header that names a few fields less than a second block's header below it", async () => {
    const source = await csv("客户姓名,保单号,缴费金额\n张三,P1,100\n客户姓名,身份证号码,保单号,缴费金额\n李四,1101,P2,200\n");
    const { header, rows } = await read(source, archive);
    expect(header.row).toBe(1);
    expect(rows[0]).toEqual({ row: 2, cells: ["张三", "P1", "100"] });
  });

  it("passes over a row of group titles that happens to name one field", async () => {
    const source = await csv("客户姓名,,保单信息,缴费记录,\n客户姓名,身份证号码,保单号,缴费金额,缴费日期\n张三,1101,P1,100,2024-01-01\n");
    expect((await read(source, archive)).header.row).toBe(2);
  });

  it("reads from the row the upload chose, whatever the rows above it are", async () => {
    const source = await csv("客户信息,,保单信息\n客户姓名,身份证号码,保单号\n张三,1101,P1\n");
    expect(await read({ ...source, headerRow: 2 })).toEqual({
      header: { row: 2, titles: ["客户姓名", "身份证号码", "保单号"] },
      rows: [{ row: 3, cells: ["张三", "1101", "P1"] }],
    });
  });
});
