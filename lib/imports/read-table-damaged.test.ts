import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { resolveText } from "../i18n/messages";
import type { Cell } from "./cells";
import { detectEncoding } from "./detect-encoding";
import { openTable, sniffEncoding } from "./read-table";

async function file(bytes: Buffer): Promise<string> {
  const f = path.join(await mkdtemp(path.join(tmpdir(), "csv-bad-")), "客户.csv");
  await writeFile(f, bytes);
  return f;
}

async function cells(f: string, encoding?: "utf-8" | "gb18030"): Promise<Cell[][]> {
  const table = await openTable({ path: f, format: "csv", encoding });
  const out: Cell[][] = [];
  for await (const row of table.rows) out.push(row.cells);
  return out;
}

const reason = (cell: Cell) => (cell && typeof cell === "object" && !(cell instanceof Date) && cell.reason ? resolveText("zh", cell.reason) : null);

// tester9 P1-3: bytes the encoding cannot read became "\uFFFD" and were stored as the name (王\uFFFD䜣五).
describe("a CSV with bytes its encoding cannot read", () => {
  const header = "客户姓名,保单号\r\n";

  it("refuses the cells the damage falls in (GBK), and reads the rest", async () => {
    const bytes = Buffer.concat([iconv.encode(header + "张三,P1\r\n王", "gbk"), Buffer.from([0x81, 0x20]), iconv.encode("五,P2\r\n", "gbk")]);
    const rows = await cells(await file(bytes), "gb18030");
    expect(rows[0]).toEqual(["张三", "P1"]);
    expect(reason(rows[1][0])).toMatch(/无法识别的字符/);
    expect(rows[1][1]).toBe("P2");
  });

  it("takes a UTF-8 file with one bad byte for UTF-8, and refuses that cell", async () => {
    const body = header + "张三,P1\r\n李四,P2\r\n赵六,P3\r\n";
    const bytes = Buffer.concat([Buffer.from(body + "王"), Buffer.from([0xff]), Buffer.from("五,P4\r\n")]);
    expect(detectEncoding(bytes).encoding).toBe("utf-8");
    const f = await file(bytes);
    expect(await sniffEncoding(f)).toBe("utf-8");
    const rows = await cells(f);
    expect(rows.slice(0, 3)).toEqual([["张三", "P1"], ["李四", "P2"], ["赵六", "P3"]]);
    expect(reason(rows[3][0])).toMatch(/无法识别的字符/);
    // GBK text stays GBK.
    expect(detectEncoding(iconv.encode(body, "gbk")).encoding).toBe("gb18030");
  });

  it("keeps a U+FFFD that the UTF-8 file really holds as text", async () => {
    const rows = await cells(await file(Buffer.from(header + "王\uFFFD五,P1\r\n")), "utf-8");
    expect(rows[0]).toEqual(["王\uFFFD五", "P1"]);
  });
});
