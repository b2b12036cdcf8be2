import { describe, expect, it } from "vitest";
import { handWrittenXlsx } from "@/tests/support/hand-written-xlsx";
import { columnLetters, withCellReferences } from "./exceljs-cell-refs";
import { openTable } from "./read-table";

async function rewritten(chunks: (string | Uint8Array)[]): Promise<string> {
  let out = "";
  for await (const text of withCellReferences((async function* () { yield* chunks; })())) out += text;
  return out;
}

describe("rows and cells written without references", () => {
  it("numbers them by position — after the row or cell before, which may carry one — wherever the chunks are cut", async () => {
    const xml =
      '<sheetData><row><c t="s"><v>0</v></c><c/><c><v>2</v></c></row>' +
      '<row r="5" spans="1:3"><c r="B5"><v>1</v></c><c s="1"><v>3</v></c></row>' +
      "<row><c><f>A1</f><v>4</v></c></row><row/></sheetData><cols><col min=\"1\"/></cols>";
    const expected =
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"/><c r="C1"><v>2</v></c></row>' +
      '<row r="5" spans="1:3"><c r="B5"><v>1</v></c><c r="C5" s="1"><v>3</v></c></row>' +
      '<row r="6"><c r="A6"><f>A1</f><v>4</v></c></row><row r="7"/></sheetData><cols><col min="1"/></cols>';
    expect(await rewritten([xml])).toBe(expected);
    for (const size of [5, 11, 37]) {
      const chunks: string[] = [];
      for (let i = 0; i < xml.length; i += size) chunks.push(xml.slice(i, i + size));
      expect(await rewritten(chunks)).toBe(expected);
    }
    // A sheet with its references passes unchanged.
    const excel = '<sheetData><row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row></sheetData>';
    expect(await rewritten([excel])).toBe(excel);
    expect([1, 26, 27, 52, 703].map(columnLetters)).toEqual(["A", "Z", "AA", "AZ", "AAA"]);
  });

  it("reads a workbook without references (as some libraries write it) by position instead of refusing it as damaged", async () => {
    const file = await handWrittenXlsx(
      '<row><c t="inlineStr"><is><t>保单号</t></is></c><c t="inlineStr"><is><t>客户姓名</t></is></c><c t="inlineStr"><is><t>保险金额</t></is></c></row>' +
        '<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c><v>500000</v></c></row>' +
        '<row><c t="inlineStr"><is><t>P2</t></is></c><c/><c><v>7</v></c></row>',
      ["<si><t>P1</t></si>", "<si><t>张三</t></si>"],
    );
    const table = await openTable({ path: file, format: "xlsx" });
    const rows: unknown[] = [];
    for await (const row of table.rows) rows.push([row.row, row.cells]);
    expect(table.header).toEqual({ row: 1, titles: ["保单号", "客户姓名", "保险金额"] });
    expect(rows).toEqual([
      [2, ["P1", "张三", 500000]],
      [3, ["P2", null, 7]],
    ]);
  });
});
