import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { handWrittenXlsx } from "@/tests/support/hand-written-xlsx";
import { withoutErrorOrBooleanFormulas } from "./exceljs-formula-errors";
import { openTable } from "./read-table";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

async function rewritten(chunks: (string | Uint8Array)[]): Promise<string> {
  let out = "";
  for await (const text of withoutErrorOrBooleanFormulas((async function* () { yield* chunks; })())) out += text;
  return out;
}

async function readRows(file: string) {
  const table = await openTable({ path: file, format: "xlsx" });
  const rows: unknown[][] = [];
  for await (const row of table.rows) rows.push(row.cells);
  return rows;
}

const SHEET =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>客户姓名</t></is></c><c r="B1" t="inlineStr"><is><t>保险金额</t></is></c></row>' +
  '<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>' +
  '<row r="3"><c r="A3" t="inlineStr"><is><t>李四</t></is></c><c r="B3" t="e"><f t="shared" si="0"/><v>#N/A</v></c></row>' +
  '<row r="4"><c r="A4" t="inlineStr"><is><t>王五</t></is></c><c r="B4"><f>2*3</f><v>6</v></c></row>' +
  '<row r="5"><c r="A5" t="inlineStr"><is><t>赵六</t></is></c><c r="B5" t="str"><f>"金"&amp;"福"</f><v>金福</v></c></row>' +
  '<row r="6"><c r="A6" t="inlineStr"><is><t>钱七</t></is></c><c r="B6"><f>A1&gt;0</f></c></row>' +
  '<row r="7"><c r="A7" t="inlineStr"><is><t>孙八</t></is></c><c r="B7" t="b"><f>A1&gt;0</f></c></row>' +
  '<row r="8"><c r="A8" t="inlineStr"><is><t>周九</t></is></c><c r="B8" t="b"><f>A1&gt;0</f><v>0</v></c></row>';

describe("a formula whose cached result is an error", () => {
  it("reads as the error value (Excel's <c t=\"e\"><f>…</f><v>#DIV/0!</v></c>), other formulas by their result, none as blank", async () => {
    expect(await readRows(await handWrittenXlsx(SHEET))).toEqual([
      ["张三", { error: "#DIV/0!" }],
      ["李四", { error: "#N/A" }],
      ["王五", 6],
      ["赵六", "金福"],
      // No saved result: refused as such (P6 of tester round 5), not read as blank.
      ["钱七", { error: "=A1>0", reason: { key: "imports.formulaNoResult", params: { formula: "A1>0" } } }],
      // A truth value's formula too, and with its result: the truth value, FALSE as false.
      ["孙八", { error: "=A1>0", reason: { key: "imports.formulaNoResult", params: { formula: "A1>0" } } }],
      ["周九", false],
    ]);
  });

  it("reads the error as exceljs itself writes it", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("客户").addRows([["客户姓名", "保险金额"], ["张三", { formula: "1/0", result: { error: "#DIV/0!" } }]]);
    const file = path.join(await mkdtemp(path.join(tmpdir(), "formula-errors-")), "exceljs.xlsx");
    await wb.xlsx.writeFile(file);
    expect(await readRows(file)).toEqual([["张三", { error: "#DIV/0!" }]]);
  });

  it("drops only an error cell's formula, wherever the chunks are cut (bytes cut inside a character, text cut inside a tag)", async () => {
    const xml = `<worksheet ${NS}><sheetData>${SHEET}</sheetData></worksheet>`;
    const expected = xml.replace('<f>1/0</f>', "").replace('<f t="shared" si="0"/>', "").replace('<f>A1&gt;0</f><v>0</v>', "<v>0</v>");
    const bytes = new TextEncoder().encode(xml);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await rewritten([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe(expected);
      expect(await rewritten([xml.slice(0, cut), xml.slice(cut)])).toBe(expected);
    }
    const small: string[] = [];
    for (let i = 0; i < xml.length; i += 3) small.push(xml.slice(i, i + 3));
    expect(await rewritten(small)).toBe(expected);
  });
});
