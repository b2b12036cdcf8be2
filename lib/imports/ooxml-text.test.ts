import { describe, expect, it } from "vitest";
import { handWrittenXlsx } from "@/tests/support/hand-written-xlsx";
import { decodeXstring, sharedStringTexts } from "./ooxml-text";
import { CellStrings } from "./exceljs-cell-strings";
import { openTable } from "./read-table";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

async function readRows(file: string) {
  const table = await openTable({ path: file, format: "xlsx" });
  const rows: unknown[][] = [table.header.titles];
  for await (const row of table.rows) rows.push(row.cells);
  return rows;
}

const chunked = async function* (chunks: string[]) {
  yield* chunks;
};

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("ST_Xstring escapes (_xHHHH_)", () => {
  it("decodes each escape once, left to right, in either case; an escaped underscore starts none", () => {
    expect(decodeXstring("北京市朝阳区_x000D_\n建国路1号")).toBe("北京市朝阳区\r\n建国路1号");
    expect(decodeXstring("_x005F_x000D_")).toBe("_x000D_");
    expect(decodeXstring("a_x005f_b")).toBe("a_b");
    expect(decodeXstring("tab_x0009_end_x00e9_")).toBe("tab\tendé");
    expect(decodeXstring("_xD83D__xDE00_")).toBe("😀");
    expect(decodeXstring("_x00D_ _xGGGG_ x000D_ _x000D")).toBe("_x00D_ _xGGGG_ x000D_ _x000D");
  });
});

describe("shared strings read without exceljs's parser", () => {
  it("joins runs, skips phonetic readings (<rPh>) and their settings, decodes entities and escapes, across chunk edges", async () => {
    const xml = [
      `<?xml version="1.0"?><sst ${NS}>`,
      "<si><t>单于飞</t><rPh sb=\"0\" eb=\"2\"><t>chanyu</t></rPh><phoneticPr fontId=\"1\" type=\"noConversion\"/></si>",
      '<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">三丰 </t></r><rPh sb="0" eb="1"><t>zhang</t></rPh></si>',
      "<si><t>北京市朝阳区_x000D_\r\n建国路1号</t></si>",
      "<si><t>A &amp;lt; B &amp; C &#x4E2D;&#25991; _x005F_x000D_</t></si>",
      "<si><t/></si><si/>",
      "<x:si><x:t>前缀</x:t></x:si></sst>",
    ].join("");
    // Cut every 7 characters: tags, entities and escapes straddle chunks.
    const chunks: string[] = [];
    for (let i = 0; i < xml.length; i += 7) chunks.push(xml.slice(i, i + 7));
    expect(await all(sharedStringTexts(chunked(chunks)))).toEqual(["单于飞", "张三丰 ", "北京市朝阳区\r\n建国路1号", "A &lt; B & C 中文 _x000D_", null, null, "前缀"]);
  });

  it("keeps a Chinese character cut between two byte chunks", async () => {
    const bytes = Buffer.from("<sst><si><t>已缴费</t></si></sst>");
    const cut = bytes.indexOf(Buffer.from("缴")) + 1;
    expect(await all(sharedStringTexts(chunked([bytes.subarray(0, cut), bytes.subarray(cut)] as unknown as string[])))).toEqual(["已缴费"]);
  });
});

describe("cells that hold their own text", () => {
  it("rewrites inline strings and text results as references to their decoded text; other cells pass unchanged", async () => {
    const strings = new CellStrings();
    const sheet = '<row r="2"><c r="A2" t="inlineStr"><is><r><t>张</t></r><r><rPr><b/></rPr><t>三丰</t></r></is></c><c r="B2" s="3" t="str"><f>A2&amp;""</f><v>x_x000D_y</v></c><c r="C2" t="str"><f>A1</f></c><c r="D2"><v>5</v></c></row>';
    const out = (await all(strings.rewrite(chunked([sheet.slice(0, 40), sheet.slice(40, 95), sheet.slice(95)])))).join("");
    expect(out).toBe('<row r="2"><c r="A2" t="s"><v>4294967296</v></c><c r="B2" s="3" t="s"><v>4294967297</v></c><c r="C2" t="str"><f>A1</f></c><c r="D2"><v>5</v></c></row>');
    expect([strings.lookup(4294967296), strings.lookup(4294967297), strings.lookup(4294967296), strings.lookup(3)]).toEqual(["张三丰", "x\ry", undefined, undefined]);
  });

  it("reads what the cells show: rich inline strings whole, no phonetic reading, escapes decoded, entities decoded once", async () => {
    const rows =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>备注</t></is></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><r><t>张</t></r><r><rPr><b/></rPr><t>三丰</t></r></is></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="inlineStr"><is><t>a &amp;lt; b</t><rPh><t>reading</t></rPh></is></c></row>' +
      '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="str"><f>B2</f><v>_x005F_x000D_</v></c><c r="C3" t="inlineStr"><is><t>上海_x000A_浦东</t></is></c></row>';
    const shared = ["<si><t>客户姓名</t></si>", "<si><t>地址</t></si>", "<si><t>北京市朝阳区_x000D_\n建国路1号</t></si>", '<si><t>单于飞</t><rPh sb="0" eb="2"><t>chanyu</t></rPh><phoneticPr fontId="1"/></si>'];
    expect(await readRows(await handWrittenXlsx(rows, shared))).toEqual([
      ["客户姓名", "地址", "备注"],
      ["张三丰", "北京市朝阳区\r\n建国路1号", "a &lt; b"],
      ["单于飞", "_x000D_", "上海\n浦东"],
    ]);
  });

  it("reads a workbook of inline strings only (no shared-strings part)", async () => {
    const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>客户姓名</t></is></c><c r="B1" t="inlineStr"><is><t>保单号</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><r><t>李</t></r><r><t>四</t></r></is></c><c r="B2" t="inlineStr"><is><t/></is></c></row>';
    expect(await readRows(await handWrittenXlsx(rows))).toEqual([
      ["客户姓名", "保单号"],
      ["李四", null],
    ]);
  });
});

describe("formula cells", () => {
  it("read by their saved result: 0 as 0, empty text as blank, a row of nothing but formulas' zeros as blank; no saved result refused as such", async () => {
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>保单号</t></is></c><c r="B1" t="inlineStr"><is><t>缴费金额</t></is></c><c r="C1" t="inlineStr"><is><t>产品</t></is></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>P1</t></is></c><c r="B2"><f>6000*2</f><v>12000</v></c><c r="C2" t="str"><f>TRIM(" 金福 ")</f><v>金福</v></c></row>' +
      '<row r="3"><c r="A3" t="inlineStr"><is><t>P2</t></is></c><c r="B3"><f t="shared" ref="B3:B5" si="0">G3*0.024</f><v>0</v></c><c r="C3" t="str"><f>IF(A3="","",1)</f><v></v></c></row>' +
      '<row r="4"><c r="A4" t="str"><f>"P"&amp;"3"</f></c><c r="B4"><f t="shared" si="0"/><v>7</v></c></row>' +
      // Filled down past the data: nothing but a formula's 0 and an empty text result.
      '<row r="5"><c r="B5"><f t="shared" si="0"/><v>0</v></c><c r="C5" t="str"><f>IF(A5="","",1)</f><v></v></c></row>' +
      '<row r="6"><c r="A6" t="inlineStr"><is><t>P6</t></is></c><c r="B6"><f>B2*0</f><v>0</v></c></row>';
    const table = await openTable({ path: await handWrittenXlsx(rows), format: "xlsx" });
    const read: { row: number; cells: unknown[]; formulaZeros?: number[] }[] = [];
    for await (const row of table.rows) read.push(row);
    expect(read.map((r) => [r.row, r.cells, r.formulaZeros])).toEqual([
      [2, ["P1", 12000, "金福"], undefined],
      [3, ["P2", 0, null], [1]],
      [4, [{ error: '="P"&"3"', reason: { key: "imports.formulaNoResult", params: { formula: '"P"&"3"' } } }, 7, null], undefined],
      [6, ["P6", 0, null], [1]],
    ]);
  });

  it("reads a formula's truth value (t=\"b\") as true or false, not 1 or blank", async () => {
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>保单号</t></is></c><c r="B1" t="inlineStr"><is><t>是否需要跟进</t></is></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>P1</t></is></c><c r="B2" t="b"><f>LEN(A2)&gt;1</f><v>1</v></c></row>' +
      '<row r="3"><c r="A3" t="inlineStr"><is><t>P</t></is></c><c r="B3" t="b"><f>LEN(A3)&gt;1</f><v>0</v></c></row>';
    expect((await readRows(await handWrittenXlsx(rows))).slice(1)).toEqual([
      ["P1", true],
      ["P", false],
    ]);
  });
});
