import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { openTable, sniffEncoding } from "./read-table";

async function file(bytes: Buffer): Promise<string> {
  const f = path.join(await mkdtemp(path.join(tmpdir(), "csv-enc-")), "客户.csv");
  await writeFile(f, bytes);
  return f;
}

describe("a CSV's encoding", () => {
  it("is judged where its first non-ASCII text is, when the first 64 KB are plain ASCII", async () => {
    const ascii = ["name,policy,amount", ...Array.from({ length: 4000 }, (_, i) => `client${i},P${i},${1000 + i}`)].join("\r\n");
    expect(Buffer.byteLength(ascii)).toBeGreaterThan(64 * 1024);
    const tail = "\r\n张三,P-zh,500000\r\n";
    const gbk = await file(Buffer.concat([Buffer.from(ascii), iconv.encode(tail, "gbk")]));
    // Before: "utf-8" from the first 64 KB, and 张三 read as "����".
    expect(await sniffEncoding(gbk)).toBe("gb18030");
    const table = await openTable({ path: gbk, format: "csv" });
    let last: unknown[] = [];
    for await (const row of table.rows) last = row.cells;
    expect(last).toEqual(["张三", "P-zh", "500000"]);
    expect(await sniffEncoding(await file(Buffer.from(ascii + tail)))).toBe("utf-8");
    expect(await sniffEncoding(await file(Buffer.from(ascii)))).toBe("utf-8");
  });
});
