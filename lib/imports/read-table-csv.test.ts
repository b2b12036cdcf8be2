import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { openTable } from "./read-table";

async function csvFile(text: string): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "csv-")), "客户.csv");
  await writeFile(file, text);
  return file;
}

async function read(file: string) {
  const table = await openTable({ path: file, format: "csv", encoding: "utf-8" });
  const rows: { row: number; cells: unknown[] }[] = [];
  for await (const row of table.rows) rows.push(row);
  return rows;
}

/** The refusal's text in both languages. */
async function refusal(file: string): Promise<{ zh: string; en: string }> {
  const err = await read(file).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DomainError);
  return { zh: (err as DomainError).messageIn("zh"), en: (err as DomainError).messageIn("en") };
}

describe("reading a CSV file", () => {
  it("reads Excel's error values written as text (#N/A, #REF!…) as errors, as in an .xlsx; text that only contains one stays text (tester round 5, P18)", async () => {
    const rows = await read(await csvFile("客户姓名,地址,沟通内容\r\n张三,#N/A,#REF!\r\n李四, #DIV/0! ,#VALUE!\r\n王五,#NAME?,#NUM!\r\n赵六,#NULL!,#N/A 待补\r\n"));
    expect(rows.map((r) => r.cells)).toEqual([
      ["张三", { error: "#N/A" }, { error: "#REF!" }],
      ["李四", { error: "#DIV/0!" }, { error: "#VALUE!" }],
      ["王五", { error: "#NAME?" }, { error: "#NUM!" }],
      ["赵六", { error: "#NULL!" }, "#N/A 待补"],
    ]);
  });

  it("numbers rows as Excel shows them: a cell with a line break is one row, a blank line is a row", async () => {
    const rows = await read(await csvFile('客户姓名,沟通内容\r\n张三,"第一行\r\n第二行"\r\n李四,"甲\n乙\n丙"\r\n\r\n王五,电话\r\n'));
    expect(rows.map((r) => [r.row, r.cells[0]])).toEqual([
      [2, "张三"],
      [3, "李四"],
      [5, "王五"],
    ]);
  });

  it("names the row of a quote that is never closed, in Chinese and in English", async () => {
    const lines = ["客户姓名,保单号", ...Array.from({ length: 10 }, (_, i) => `张${i},P${i}`), '"李四,P99', "王五,P100"];
    const { zh, en } = await refusal(await csvFile(lines.join("\n")));
    expect(zh).toMatch(/^无法读取这个 CSV 文件：第 12 行的引号/);
    expect(zh).not.toMatch(/[A-Za-z]{4,}/);
    expect(en).toMatch(/row 12 is never closed/);
  });

  it("names the row where a record grows past the size limit (a quote left open in a big file)", async () => {
    const lines = ["客户姓名,备注", "张三,好", `李四,"${"长".repeat(20)}`, ...Array.from({ length: 20_000 }, (_, i) => `客户${i},备注${i}`)];
    const { zh, en } = await refusal(await csvFile(lines.join("\n")));
    expect(zh).toMatch(/^无法读取这个 CSV 文件：第 3 行过长（超过 128 KB）/);
    expect(en).toMatch(/row 3 is too long/);
  });
});

describe("a CSV file that goes away while it is read", () => {
  it("rejects the read with the import's own message (its encoding known: nothing read it before); the file stream's error never escapes as an uncaught exception", async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on("uncaughtException", onUncaught);
    try {
      const file = await csvFile("客户姓名,保单号\r\n张三,P1\r\n");
      await rm(file);
      const err = await openTable({ path: file, format: "csv", encoding: "utf-8", delimiter: "," }).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(uncaught).toEqual([]);
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).messageIn("zh")).toContain("上传的文件已不在服务器上");
    } finally {
      process.off("uncaughtException", onUncaught);
    }
  });
});
