import { execFile } from "node:child_process";
import { readdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { openTable } from "./read-table";
import { readHeader } from "./read-header";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/**
 * A one-sheet workbook as Excel saves a big customer list: every row's text in the shared-strings
 * table (`count` strings of ~130 Chinese characters: ~60 MB of XML for 200,000), the sheet
 * referring to them by number.
 */
async function sharedStringsWorkbook(file: string, count: number): Promise<void> {
  const tail = "，住址上海市浦东新区张杨路三百六十六号，回访记录：客户对保障范围满意，询问附加险与续保优惠。".repeat(2);
  const strings: string[] = [];
  const rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>客户姓名</t></is></c><c r="B1" t="inlineStr"><is><t>沟通内容</t></is></c></row>'];
  for (let i = 0; i < count; i++) {
    strings.push(`<si><t>客户${i}${tail}</t></si>`);
    rows.push(`<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>客户${i}</t></is></c><c r="B${i + 2}" t="s"><v>${i}</v></c></row>`);
  }
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>');
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`);
  zip.file("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="${count}" uniqueCount="${count}">${strings.join("")}</sst>`);
  zip.file("xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${rows.join("")}</sheetData></worksheet>`);
  await writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 1 } }));
}

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
  it("reads a date cell in one of Chinese Excel's built-in formats (31: 2024年3月5日, 58: 3月5日) as a date, not its day number (tester round 5, P37)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("客户");
    ws.addRow(["保险起始日期", "沟通内容"]);
    ws.addRow([new Date(Date.UTC(2023, 0, 1)), new Date(Date.UTC(2024, 2, 5))]);
    ws.getCell("A2").numFmt = "yyyy-mm-dd";
    ws.getCell("B2").numFmt = "yyyy-mm-dd hh:mm";
    const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    const styles = await zip.file("xl/styles.xml")!.async("string");
    // As Chinese Excel saves them: the cell styles name the built-in ids, the file defines no format.
    const ids = [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)].map((m) => [m[1], m[2]]);
    expect(ids.map(([, code]) => code)).toEqual(["yyyy-mm-dd", "yyyy-mm-dd hh:mm"]);
    let edited = styles.replace(/<numFmts[^>]*>.*<\/numFmts>/s, "");
    for (const [id, code] of ids) edited = edited.replace(new RegExp(`numFmtId="${id}"`, "g"), code === "yyyy-mm-dd" ? 'numFmtId="31"' : 'numFmtId="58"');
    zip.file("xl/styles.xml", edited);
    const file = path.join(await mkdtemp(path.join(tmpdir(), "xlsx-")), "formats.xlsx");
    await writeFile(file, await zip.generateAsync({ type: "nodebuffer" }));
    expect((await read(file, null)).rows).toEqual([[new Date(Date.UTC(2023, 0, 1)), new Date(Date.UTC(2024, 2, 5))]]);
  });

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

  it("reads rich text from the shared-strings table as its text", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "xlsx-"));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("客户");
    ws.addRow(["客户姓名", "备注", "保单号"]);
    ws.addRow([{ richText: [{ text: "张", font: { bold: true } }, { text: "三" }] }, "老客户", "P1"]);
    ws.addRow(["李四", "VIP", "P2"]);
    const file = path.join(dir, "rich.xlsx");
    await wb.xlsx.writeFile(file);
    const zip = await JSZip.loadAsync(await import("node:fs/promises").then((fs) => fs.readFile(file)));
    expect(await zip.file("xl/sharedStrings.xml")?.async("string")).toContain("<r>");
    const { rows } = await read(file, null);
    expect(rows).toEqual([["张三", "老客户", "P1"], ["李四", "VIP", "P2"]]);
  });

  it("reads a workbook whose shared-strings table is bigger than the heap (kept on disk, not in memory)", async () => {
    // 200,000 strings, ~60 MB of XML: exceljs's own array of them needs more than the 64 MB heap
    // the reading process gets here, and ran out of memory (V8 then stops the whole process).
    const file = path.join(await mkdtemp(path.join(tmpdir(), "xlsx-")), "big-shared.xlsx");
    await sharedStringsWorkbook(file, 200_000);
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ["--max-old-space-size=64", "--conditions=react-server", "--import", "tsx", "tests/support/count-xlsx-rows.ts", file], { maxBuffer: 1 << 20 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr.slice(-2000)}`)) : resolve(stdout),
      ),
    );
    const result = JSON.parse(out) as { titles: string[]; rows: number; last: string[] };
    expect(result.titles).toEqual(["客户姓名", "沟通内容"]);
    expect(result.rows).toBe(200_000);
    expect(result.last[0]).toBe("客户199999");
    expect(result.last[1]).toMatch(/^客户199999，住址上海市浦东新区张杨路三百六十六号，.*续保优惠。$/);
  }, 120_000);

  it("reads a number as its format shows it where that matters: percentages and leading zeros", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "xlsx-"));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("客户");
    ws.addRow(["受益比例", "保单号", "比例", "保险金额", "保单号"]);
    const row = ws.addRow([1, 12345, 0.125, 500000, 1234567]);
    row.getCell(1).numFmt = "0%";
    row.getCell(2).numFmt = "0000000";
    row.getCell(3).numFmt = "0.0%";
    row.getCell(4).numFmt = "#,##0.00";
    row.getCell(5).numFmt = "000";
    const file = path.join(dir, "formats.xlsx");
    await wb.xlsx.writeFile(file);
    // Before: 1, 12345, 0.125 — 100% read as 1 (refused as a share of 1), the 保单号 without its zeros.
    expect((await read(file, null)).rows).toEqual([["100%", "0012345", "12.5%", 500000, 1234567]]);
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
