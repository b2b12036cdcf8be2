import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openTable } from "./read-table";

async function rowsOf(text: string) {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "repeated-")), "客户.csv");
  await writeFile(file, text);
  const table = await openTable({ path: file, format: "csv", encoding: "utf-8" });
  const rows = [];
  for await (const row of table.rows) rows.push(row);
  return rows;
}

describe("a header repeated below the header (two sheets pasted together)", () => {
  it("is handed out as a header (no cells: the import says it skipped it) when in the same order", async () => {
    expect(await rowsOf("姓名,保单号,地址\n张三,P1,北京\n\n姓名,保单号,地址\n李四,P2,上海\n")).toEqual([
      { row: 2, cells: ["张三", "P1", "北京"] },
      { row: 4, cells: [], header: true },
      { row: 5, cells: ["李四", "P2", "上海"] },
    ]);
  });

  it("reads the rows under it by its own column order, a title it lacks left blank", async () => {
    expect(await rowsOf("姓名,保单号,地址,备注\n张三,P1,北京,\n地址,姓名,保单号\n上海,李四,P2\n")).toEqual([
      { row: 2, cells: ["张三", "P1", "北京", null] },
      { row: 3, cells: [], header: true },
      { row: 4, cells: ["李四", "P2", "上海", null] },
    ]);
  });

  it("marks the rows under it refused when it has titles the header lacks, until a header that fits", async () => {
    const rows = await rowsOf("姓名,保单号,地址\n张三,P1,北京\n姓名,保单号,住址\n李四,P2,上海\n姓名,保单号,地址\n王五,P3,广州\n");
    expect(rows.map((r) => [r.row, r.header ?? r.refusal?.key ?? null])).toEqual([
      [2, null],
      [3, true],
      [4, "imports.otherHeader"],
      [5, true],
      [6, null],
    ]);
    expect(rows[2].refusal?.params).toMatchObject({ row: 3, header: 1, titles: ["「住址」"] });
  });

  it("leaves a row alone that repeats one title only", async () => {
    expect(await rowsOf("姓名,状态,保单号\n张三,状态,P1\n")).toEqual([{ row: 2, cells: ["张三", "状态", "P1"] }]);
  });
});
