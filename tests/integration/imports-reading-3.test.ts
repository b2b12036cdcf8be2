/**
 * How an uploaded spreadsheet is read, end to end (continued): what Excel and other programs store
 * in a cell beside the text shown — phonetic guides, `_x000D_` escapes, inline rich strings, amounts
 * in 万元, formulas without a saved result — and column titles with hints.
 */
import { readFile, writeFile } from "node:fs/promises";
import JSZip from "jszip";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { importFile, importRead, importSetup, patchPart, SEED_CONSTANTS, SEED_HEADER, seedRow, storedPolicy, tempFile, textFile, upload, xlsxFile } from "./support/import-files";
import { Cleanup, residentId, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

const setup = () => importSetup(cleanup);
const stored = storedPolicy;

describe("text as Excel stores it", () => {
  it("reads a name with a phonetic guide (拼音指南, <rPh> in the shared strings) as the name, not its reading", async () => {
    const { agent, key } = await setup();
    const P = unique("T");
    const file = await xlsxFile([seedRow(`${P}-1`, { 0: "单于飞" })]);
    await patchPart(file, "xl/sharedStrings.xml", (xml) => xml.replace("<t>单于飞</t>", '<t>单于飞</t><rPh sb="0" eb="2"><t>chanyu</t></rPh><phoneticPr fontId="1" type="noConversion"/>'));
    const r = await importRead(agent, key, file, true);
    expect(r.run?.rows).toEqual({ create: 1 });
    expect((await stored(key, `${P}-1`))?.basic.name).toBe("单于飞");
  });

  it("reads a line break Excel stored as _x000D_ (text pasted from another program) as a line break, stored as the form's", async () => {
    const { agent, key } = await setup();
    const P = unique("T");
    const file = await xlsxFile([seedRow(`${P}-1`, { 3: "北京市朝阳区MARK建国路1号" }), seedRow(`${P}-2`, { 3: "代码MARK" })]);
    await patchPart(file, "xl/sharedStrings.xml", (xml) => xml.replace("MARK建国路", "_x000D_\n建国路").replace("代码MARK", "代码_x005F_x000D_"));
    const r = await importRead(agent, key, file, true);
    expect(r.run?.rows).toEqual({ create: 2 });
    // CR LF as LF: the same address typed in Excel (Alt+Enter) or the form is the same value.
    expect((await stored(key, `${P}-1`))?.basic.address).toBe("北京市朝阳区\n建国路1号");
    // An escaped underscore: the text itself.
    expect((await stored(key, `${P}-2`))?.basic.address).toBe("代码_x000D_");
  });

  it("reads an inline rich string (<is><r>…</r><r>…</r></is>, as POI and WPS write) with all its runs", async () => {
    const { agent, key } = await setup();
    const P = unique("T");
    const file = await xlsxFile([seedRow(`${P}-1`, { 0: "MARKNAME" })]);
    const strings = await (await JSZip.loadAsync(await readFile(file))).file("xl/sharedStrings.xml")!.async("string");
    const index = [...strings.matchAll(/<si>(.*?)<\/si>/gs)].findIndex((m) => m[1].includes("MARKNAME"));
    await patchPart(file, "xl/worksheets/sheet1.xml", (xml) => {
      const out = xml.replace(new RegExp(`<c r="A2"([^>]*?) t="s"><v>${index}</v></c>`), '<c r="A2"$1 t="inlineStr"><is><r><t>张</t></r><r><rPr><b/></rPr><t>三丰</t></r></is></c>');
      expect(out).not.toBe(xml);
      return out;
    });
    const r = await importRead(agent, key, file, true);
    expect(r.run?.rows).toEqual({ create: 1 });
    expect((await stored(key, `${P}-1`))?.basic.name).toBe("张三丰");
  });
});

describe("amounts kept in 万元", () => {
  it("reads 保险金额 formatted 0\"万元\" (shows 50万元) as 500,000; refuses a format that shows another amount than the number, naming it", async () => {
    const { agent, key } = await setup();
    const P = unique("T");
    const file = await xlsxFile([seedRow(`${P}-1`, { 6: 50 }), seedRow(`${P}-2`, { 6: 50000 }), seedRow(`${P}-3`, { 6: 123456 })], SEED_HEADER, (ws) => {
      ws.getCell("G2").numFmt = '0"万元"';
      ws.getCell("G3").numFmt = '0,"万"';
      ws.getCell("G4").numFmt = '0!.0000"万"';
    });
    const r = await importRead(agent, key, file, true);
    expect(r.check.rows).toEqual({ create: 2, reject: 1 });
    expect(r.check.kept[0].row).toBe(3);
    expect(r.check.kept[0].reason).toContain('0,"万"');
    expect((await stored(key, `${P}-1`))?.policy.sumInsured).toBe(500000);
    expect((await stored(key, `${P}-3`))?.policy.sumInsured).toBe(123456);
  });

  it("maps 保险金额（万元） to 保险金额 and reads its plain numbers in 万元, mapped automatically or by hand", async () => {
    const { agent, key } = await setup();
    const P = unique("T");
    const header = [...SEED_HEADER];
    header[6] = "保险金额（万元）";
    const file = await xlsxFile([seedRow(`${P}-1`, { 6: 50 }), seedRow(`${P}-2`, { 6: "12.5" })], header);
    const view = await upload(agent, key, file);
    expect(view.mapping[6]).toBe("policy.sumInsured");
    // Shown beside the column, so that nobody is surprised by 500000.
    expect(view.units[6]).toBe("万元");
    expect(view.units.filter(Boolean)).toHaveLength(1);
    const r = await importFile(agent, key, file, (view) => ({ ...SEED_CONSTANTS, mapping: view.mapping.map((m, i) => (i === 6 ? "policy.sumInsured" : m)) }));
    expect(r.run?.rows).toEqual({ create: 2 });
    expect((await stored(key, `${P}-1`))?.policy.sumInsured).toBe(500000);
    expect((await stored(key, `${P}-2`))?.policy.sumInsured).toBe(125000);
  });
});

describe("formulas and titles as programs write them", () => {
  it("refuses a formula saved without a result (a sheet a program built, never opened in Excel) as such, naming row and column", async () => {
    const { agent, key } = await setup();
    const P = unique("T");
    const file = await xlsxFile([seedRow(`${P}-1`, { 4: { formula: `"${P}"&"-1"` } }), seedRow(`${P}-2`)]);
    const r = await importFile(agent, key, file, SEED_CONSTANTS, false);
    expect(r.check.rows).toEqual({ create: 1, reject: 1 });
    expect(r.check.kept[0]).toMatchObject({ row: 2, column: 4 });
    expect(r.check.kept[0].reason).toMatch(/公式.*没有保存计算结果.*在 Excel 中打开/);
  });

  it("maps titles with a hint on a second line or in brackets (缴费日期\\n(yyyy-mm-dd), 身份证号码(18位), 联系方式（手机）, 保险金额\\n(单位：元))", async () => {
    const { agent, key } = await setup();
    const P = unique("T");
    const header = [...SEED_HEADER];
    header[11] = "缴费日期\n(yyyy-mm-dd)";
    header[1] = "身份证号码(18位)";
    header[2] = "联系方式（手机）";
    header[6] = "保险金额\n(单位：元)";
    const view = await upload(agent, key, await xlsxFile([seedRow(`${P}-1`)], header));
    expect([view.mapping[1], view.mapping[2], view.mapping[6], view.mapping[11]]).toEqual(["basic.idNumber", "basic.mobile", "policy.sumInsured", "payments.date"]);
  });
});

describe("dates in Chinese Excel's built-in formats", () => {
  it("reads a date cell in format 31 (yyyy年m月d日) as the date it shows, in a date field and in 沟通内容", async () => {
    const { agent, key } = await setup();
    const P = unique("T");
    const file = await xlsxFile([seedRow(`${P}-1`, { 7: new Date(Date.UTC(2023, 0, 1)), 16: "2024-01-01", 17: "电话", 18: new Date(Date.UTC(2024, 2, 5)) })], SEED_HEADER, (ws) => {
      ws.getCell("H2").numFmt = "yyyy-mm-dd";
      ws.getCell("S2").numFmt = "yyyy-mm-dd";
    });
    await patchPart(file, "xl/styles.xml", (xml) => xml.replace(/<numFmt numFmtId="(\d+)" formatCode="yyyy-mm-dd"\/>/, "").replace(/numFmtId="16[4-9]"/g, 'numFmtId="31"'));
    const r = await importRead(agent, key, file, true);
    expect(r.run?.rows).toEqual({ create: 1 });
    const d = await stored(key, `${P}-1`);
    expect([d?.policy.startDate, (d?.communications as unknown as { content: string }[])[0].content]).toEqual(["2023-01-01", "2024-03-05"]);
  });
});

describe("sheets offices keep beside the data", () => {
  it("reads the first visible sheet by default, not a hidden first one holding the dropdown lists (下拉选项); lists hidden sheets as such, very hidden ones not at all", async () => {
    const { agent, key } = await setup();
    const P = unique("T");
    const file = await xlsxFile([], null, (ws, wb) => {
      ws.name = "下拉选项";
      ws.state = "hidden";
      ws.addRow(["缴费方式", "缴费状态", "理赔状态", "沟通方式"]);
      ws.addRow(["年缴", "已缴费", "待审核", "电话"]);
      const secret = wb.addWorksheet("宏");
      secret.state = "veryHidden";
      secret.addRow(["x"]);
      const data = wb.addWorksheet("客户档案");
      data.addRow(SEED_HEADER);
      data.addRow(seedRow(`${P}-1`));
    });
    const view = await upload(agent, key, file);
    expect(view.sheet).toBe("客户档案");
    expect(view.sheets).toEqual(["下拉选项", "客户档案"]);
    expect(view.hiddenSheets).toEqual(["下拉选项"]);
    expect(view.mapping[4]).toBe("policy.policyNo");
  });
});

describe("error values in a CSV", () => {
  it("refuses a row whose cell is an error value Excel wrote as text (#N/A, #REF!), naming the column, instead of storing it as an address or a note", async () => {
    const { agent, key } = await setup();
    const P = unique("T");
    const csv = (rows: unknown[][]) => rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c))).join(",")).join("\r\n") + "\r\n";
    const body = csv([SEED_HEADER, seedRow(`${P}-1`, { 3: "#N/A" }), seedRow(`${P}-2`, { 16: "2024-01-01", 17: "电话", 18: "#REF!" }), seedRow(`${P}-3`)]);
    const r = await importFile(agent, key, await textFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])), SEED_CONSTANTS, false);
    expect(r.check.rows).toEqual({ create: 1, reject: 2 });
    expect(r.check.kept.map((k) => [k.row, k.column])).toEqual([
      [2, 3],
      [3, 18],
    ]);
    expect(r.check.kept[0].reason).toContain("错误值 #N/A");
  });
});

describe("other spreadsheet formats", () => {
  it("tells an OpenDocument .ods (LibreOffice / WPS 'save as'), an .xlsb and an Apple Numbers file to be saved as .xlsx, not that the file is damaged", async () => {
    const { agent, key } = await setup();
    const ods = new JSZip();
    ods.file("mimetype", "application/vnd.oasis.opendocument.spreadsheet");
    ods.file("content.xml", '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>');
    const xlsb = new JSZip();
    xlsb.file("[Content_Types].xml", "<Types/>");
    xlsb.file("xl/workbook.bin", Buffer.from([0x83, 0x01, 0x00]));
    // Apple Numbers (a .numbers renamed to .xlsx): tester9 P2-8 got the generic "文件可能已损坏".
    const numbers = new JSZip();
    numbers.file("Index/Document.iwa", Buffer.from([0, 1, 2]));
    numbers.file("Metadata/Properties.plist", "x");
    const messages: string[] = [];
    for (const [zip, name] of [
      [ods, "客户.ods"],
      [xlsb, "客户.xlsb"],
      [numbers, "客户.xlsx"],
    ] as const) {
      const file = await tempFile(name);
      await writeFile(file, await zip.generateAsync({ type: "nodebuffer" }));
      messages.push(await upload(agent, key, file).then(() => "accepted", (e: Error) => e.message));
    }
    expect(messages[0]).toMatch(/OpenDocument.*另存为” \.xlsx/);
    expect(messages[1]).toMatch(/\.xlsb.*另存为” \.xlsx/);
    expect(messages[2]).toMatch(/Numbers.*\.xlsx/);
  });
});

/** A CSV of the seed's header and rows (a cell's text as given, blank for null). */
const csvOf = (rows: unknown[][]) => [SEED_HEADER.join(","), ...rows.map((r) => r.map((v) => v ?? "").join(","))].join("\r\n") + "\r\n";

describe("cells as core systems and Chinese Excel write them (tester round 6)", () => {
  it("reads a CSV cell written as =\"…\" (a core system's export keeping digits as text) as the text Excel shows (P1)", async () => {
    const { agent, key } = await setup();
    const P = unique("E");
    const q = (v: unknown) => `="${v}"`;
    // Row 2: every cell so; row 3: only 客户姓名, 地址, 保险产品名称 and 沟通内容 (with a quote in it).
    const r2 = seedRow(`${P}-1`, { 1: residentId("19850312", 31) }).map((v) => (v === null ? "" : q(v)));
    const r3 = seedRow(`${P}-2`, { 1: residentId("19850312", 33), 3: "上海市浦东新区", 16: "2024-01-02", 17: "电话", 18: '客户说""改地址""' }).map((v, c) => (v === null ? "" : [0, 3, 5, 18].includes(c) ? q(v) : v));
    const r = await importRead(agent, key, await textFile(csvOf([r2, r3])), true);
    // Before the fix: row 2 refused (身份证号码…当前 21 位), row 3 stored with name ="张三", address ="上海市浦东新区".
    expect(r.check).toEqual({ rows: { create: 2 }, kept: [] });
    expect((await stored(key, `${P}-1`))?.basic).toMatchObject({ name: "张三", idNumber: residentId("19850312", 31), mobile: "13800138000" });
    expect((await stored(key, `${P}-1`))?.policy).toMatchObject({ sumInsured: 500000, startDate: "2023-01-01" });
    const two = (await stored(key, `${P}-2`))!;
    expect(two.basic).toMatchObject({ name: "张三", address: "上海市浦东新区" });
    expect(two.policy.productName).toBe("金福");
    expect(two.communications).toEqual([expect.objectContaining({ content: '客户说"改地址"' })]);
  });

  it("reads an .xlsx date cell stored as ISO 8601 text (t=\"d\", as SheetJS and openpyxl write dates) as that date (P3)", async () => {
    const { agent, key } = await setup();
    const P = unique("F");
    const file = await xlsxFile([seedRow(`${P}-9`, { 7: "ISOSTART", 11: "ISOPAID" })]);
    await patchPart(file, "xl/worksheets/sheet1.xml", (xml) =>
      xml.replace(/<c r="H2"([^>]*) t="s"><v>\d+<\/v><\/c>/, '<c r="H2" t="d"><v>2023-01-05T00:00:00.000</v></c>').replace(/<c r="L2"([^>]*) t="s"><v>\d+<\/v><\/c>/, '<c r="L2" t="d"><v>2023-01-15</v></c>'),
    );
    const r = await importRead(agent, key, file, true);
    // Before the fix: refused, "「保险起始日期」2023 不是日期：…".
    expect(r.check).toEqual({ rows: { create: 1 }, kept: [] });
    const one = (await stored(key, `${P}-9`))!;
    expect(one.policy.startDate).toBe("2023-01-05");
    expect(one.payments).toEqual([expect.objectContaining({ date: "2023-01-15" })]);
  });

  it("reads dates as a Chinese Excel or system writes them into a CSV (星期, 上午/下午, 0时0分) and a day number as text in a date column (P4)", async () => {
    const { agent, key } = await setup();
    const P = unique("Y");
    const dates = ["2023年1月5日星期四", "2023年1月5日 星期四", "2023/1/5 上午 12:00:00", "2023/1/5 下午 3:00:00", "2023年1月5日 0时0分", "44931"];
    const rows = dates.map((d, i) => seedRow(`${P}-${i}`, { 1: residentId("19800101", 300 + i), 11: d }));
    // A weekday that is not the date's is not guessed at.
    rows.push(seedRow(`${P}-9`, { 1: residentId("19800101", 309), 11: "2023年1月5日星期五" }));
    const r = await importRead(agent, key, await textFile(csvOf(rows)), true);
    // Before the fix: all six refused, "缴费日期不是有效日期（如 2023-01-31）".
    expect(r.check.rows).toEqual({ create: 6, reject: 1 });
    expect(r.check.kept).toEqual([{ row: 8, reason: expect.stringMatching(/缴费日期/) }]);
    for (let i = 0; i < dates.length; i++) expect((await stored(key, `${P}-${i}`))?.payments).toEqual([expect.objectContaining({ date: "2023-01-05" })]);
  });

  it("refuses a dash, a slash or 无 in 理赔金额 naming 理赔金额, not the claim's empty 理赔申请日期 (P5)", async () => {
    const { agent, key } = await setup();
    const P = unique("A");
    const file = await xlsxFile([seedRow(`${P}-1`, { 14: "—" }), seedRow(`${P}-2`, { 1: residentId("19750505", 22), 14: "无" }), seedRow(`${P}-3`, { 1: residentId("19900909", 33), 14: "/" })]);
    const r = await importFile(agent, key, file, SEED_CONSTANTS, false);
    // Before the fix: each "「理赔申请日期」请填写理赔申请日期", column 13.
    expect(r.check.kept.map((k) => [k.row, k.column, k.reason])).toEqual([
      [2, 14, "「理赔金额」“—”不是数字：没有请留空，是零请填 0"],
      [3, 14, "「理赔金额」“无”不是数字：没有请留空，是零请填 0"],
      [4, 14, "「理赔金额」“/”不是数字：没有请留空，是零请填 0"],
    ]);
  });

  it("refuses Excel's 分类汇总 rows ('<保单号> 汇总' with SUBTOTAL sums) and a table's 汇总 row as totals rows (P10)", async () => {
    const { agent, key } = await setup();
    const P = unique("Q");
    const cont = (patch: Record<number, unknown>) => Object.assign(Array(20).fill(null), patch);
    const sub = (label: string, sum: number) => cont({ 4: label, 10: { formula: "SUBTOTAL(9,K2:K3)", result: sum } });
    const rows = [seedRow(`${P}-1`), seedRow(`${P}-1`, { 11: "2024-01-15" }), sub(`${P}-1 汇总`, 24000), seedRow(`${P}-2`, { 1: residentId("19750505", 22), 10: 8000 }), sub(`${P}-2 汇总`, 8000), cont({ 4: "总计", 10: { formula: "SUBTOTAL(9,K2:K6)", result: 32000 } })];
    const r = await importRead(agent, key, await xlsxFile(rows), false);
    // Before the fix: rows 4 and 6 "「客户基础信息」请填写客户基础信息；…如果是合并单元格，请取消合并并在每一行填写".
    expect(r.check.rows).toEqual({ create: 3, reject: 3 });
    expect(r.check.kept.map((k) => k.row)).toEqual([4, 6, 7]);
    for (const k of r.check.kept) expect(k.reason).toMatch(/^这一行是合计行/);
    // An Excel table's totals row: 汇总 in its first column. Before the fix: "缺少保单号，无法与已有记录对应".
    const t = await importRead(agent, key, await xlsxFile([seedRow(`${P}-5`, { 1: residentId("19900909", 33) }), cont({ 0: "汇总", 10: 12000, 19: 1 })]), false);
    expect(t.check.kept).toEqual([{ row: 3, reason: expect.stringMatching(/^这一行是合计行/) }]);
  });
});
