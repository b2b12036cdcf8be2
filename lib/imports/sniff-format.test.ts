import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { sniffFormat } from "./read-table";

async function file(bytes: Buffer | string, name: string) {
  const p = path.join(await mkdtemp(path.join(tmpdir(), "sniff-")), name);
  await writeFile(p, bytes);
  return p;
}

describe("telling a table from other files by their first bytes", () => {
  it("refuses a PDF, a picture, an RTF and text with control characters no text file has, naming the file", async () => {
    // Tester round 7 (P2-4): a PDF's header is text — it was taken as a CSV whose header was "%PDF-1.4".
    const pdf = await file("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "报表.csv");
    await expect(sniffFormat(pdf, "报表.csv")).rejects.toThrow("“报表.csv”不是表格文件：请上传 .xlsx 或 .csv");
    const png = await file(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x41]), "a.csv");
    await expect(sniffFormat(png, "a.csv")).rejects.toThrow("不是表格文件");
    const rtf = await file("{\\rtf1\\ansi 客户姓名,保单号}", "a.csv");
    await expect(sniffFormat(rtf, "a.csv")).rejects.toThrow("不是表格文件");
    const control = await file(Buffer.concat([Buffer.from("客户姓名,保单号\n"), Buffer.from([0x03, 0x04, 0x41])]), "a.csv");
    await expect(sniffFormat(control, "a.csv")).rejects.toThrow("不是表格文件");
  });

  it("takes CSV text in UTF-8, GBK and UTF-16 with tabs, CR LF and a DOS end-of-file mark", async () => {
    expect(await sniffFormat(await file("客户姓名\t保单号\r\n张三\tP1\r\n\x1a", "a.csv"), "a.csv")).toBe("csv");
    expect(await sniffFormat(await file(iconv.encode("客户姓名,保单号\r\n张三,P1\r\n", "gb18030"), "a.csv"), "a.csv")).toBe("csv");
    expect(await sniffFormat(await file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("客户姓名\t保单号\r\n", "utf16le")]), "a.txt"), "a.txt")).toBe("csv");
  });
});
