/**
 * How an uploaded spreadsheet is read, end to end (continued): a second pasted block with its own
 * header, the header under a grouped or two-cell title row, semicolon and tab separated text, a
 * date Excel made of a text cell, a leading apostrophe typed into a CSV.
 */
import iconv from "iconv-lite";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { RecordModel } from "@/lib/db/models/record";
import { startImport } from "@/lib/imports/start-import";
import { updateImport } from "@/lib/imports/update-import";
import { importRead, importSetup, SEED_CONSTANTS, SEED_HEADER, SEED_ID, seedRow, textFile, upload, xlsxFile } from "./support/import-files";
import { importEnded } from "./support/import-jobs";
import { Cleanup, expectDomainError, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

const setup = () => importSetup(cleanup);
const stored = async (key: string, policyNo: string) =>
  ((await RecordModel.findOne({ templateKey: key, "data.policy.policyNo": policyNo, deletedAt: null }).lean()) as { data: Record<string, Record<string, unknown>> } | null)?.data;
/** A seed row as CSV text cells. */
const csvCells = (row: unknown[]) => row.map((c) => (c === null ? "" : String(c)));

describe("a second pasted block with its own header row", () => {
  it("skips a header repeated in the same order (not a row refused for its ID)", async () => {
    const { agent, key } = await setup();
    const P = unique("H");
    const r = await importRead(agent, key, await xlsxFile([seedRow(`${P}-1`), [], [], SEED_HEADER, seedRow(`${P}-2`, { 0: "李四" })]), true);
    expect(r.check.rows).toEqual({ create: 2 });
    expect(r.check.kept).toEqual([]);
    expect((await stored(key, `${P}-2`))?.basic.name).toBe("李四");
  });

  it("reads the rows under a header in another column order by that header's titles", async () => {
    const { agent, key } = await setup();
    const P = unique("H");
    const second = [...SEED_HEADER];
    [second[3], second[5]] = [second[5], second[3]]; // 地址 <-> 保险产品名称
    const file = await xlsxFile([seedRow(`${P}-1`), second, seedRow(`${P}-2`, { 0: "李四", 3: "安康", 5: "上海" }), seedRow(`${P}-3`, { 3: "金福", 5: "广州" })]);
    const r = await importRead(agent, key, file, true);
    expect(r.check.rows).toEqual({ create: 3 });
    const two = await stored(key, `${P}-2`);
    expect(two?.basic.address).toBe("上海");
    expect(two?.policy.productName).toBe("安康");
    expect((await stored(key, `${P}-3`))?.basic.address).toBe("广州");
    expect((await stored(key, `${P}-1`))?.basic.address).toBe("北京");
  });

  it("refuses the rows under a header whose titles the first header lacks, saying why", async () => {
    const { agent, key } = await setup();
    const P = unique("H");
    const second = [...SEED_HEADER];
    second[3] = "家庭住址";
    const r = await importRead(agent, key, await xlsxFile([seedRow(`${P}-1`), second, seedRow(`${P}-2`), seedRow(`${P}-3`)]), false);
    expect(r.check.rows).toEqual({ create: 1, reject: 2 });
    expect(r.check.kept.map((k) => k.row)).toEqual([4, 5]);
    expect(r.check.kept[0].reason).toContain("第 3 行是另一张表的表头");
    expect(r.check.kept[0].reason).toContain("家庭住址");
  });
});

describe("choosing the header row", () => {
  it("takes the real titles under a grouped header (客户信息 / 保单信息 … merged over them)", async () => {
    const { agent, key } = await setup();
    const P = unique("G");
    const file = await xlsxFile([SEED_HEADER, seedRow(P)], null, (ws) => {
      ws.spliceRows(1, 0, ["客户信息", null, null, null, "保单信息", null, null, null, null, null, "缴费记录", null, null, "理赔记录", null, null, "沟通记录", null, null, null]);
      for (const range of ["A1:D1", "E1:J1", "K1:M1", "N1:P1", "Q1:T1"]) ws.mergeCells(range);
    });
    const r = await importRead(agent, key, file, true);
    expect(r.view.headers).toEqual(SEED_HEADER);
    expect(r.view.sample.map((row) => row[4])).toEqual([P]);
    expect(r.check.rows).toEqual({ create: 1 });
    expect(r.run!.rows).toEqual({ create: 1 });
    expect((await stored(key, P))?.basic.name).toBe("张三");
  });

  it("takes the real titles under a title row of two cells (company name, 制表日期)", async () => {
    const { agent, key } = await setup();
    const P = unique("U");
    const title = Array.from({ length: 20 }, (_, i) => (i === 0 ? "XX保险代理有限公司客户档案" : i === 18 ? "制表日期：2024-03-01" : null));
    const r = await importRead(agent, key, await xlsxFile([title, SEED_HEADER, seedRow(P)], null), true);
    expect(r.view.headers).toEqual(SEED_HEADER);
    expect(r.check.rows).toEqual({ create: 1 });
    expect(r.run!.rows).toEqual({ create: 1 });
  });
});

describe("the header row picked by hand", () => {
  it("reads the titles from the row the user picks, says when it is empty, and checks from it", async () => {
    const { agent, key } = await setup();
    const P = unique("U");
    const file = await xlsxFile([["客户档案"], [], SEED_HEADER, seedRow(P)], null);
    const view = await upload(agent, key, file);
    expect(view.headerRow).toBe(3);
    const title = await updateImport({ actor: agent, templateKey: key, id: view.id, input: { headerRow: 1 } });
    expect(title).toMatchObject({ headerRow: 1, headers: ["客户档案"] });
    const empty = await expectDomainError(updateImport({ actor: agent, templateKey: key, id: view.id, input: { headerRow: 2 } }), "BAD_REQUEST");
    expect(empty.message).toContain("第 2 行没有内容");
    const back = await updateImport({ actor: agent, templateKey: key, id: view.id, input: { headerRow: 3, ...SEED_CONSTANTS } });
    expect(back).toMatchObject({ headerRow: 3, headers: SEED_HEADER });
    await startImport({ actor: agent, templateKey: key, id: view.id, phase: "check" });
    expect((await importEnded(agent, key, view.id, "check")).check!.rows).toEqual({ create: 1 });
  });
});

describe("the header row picked by hand, then another reading", () => {
  it("keeps the picked row when the encoding or separator changes, and shows the separator it detected", async () => {
    const { agent, key } = await setup();
    const P = unique("U");
    // The header twice (pasted twice): the scorer takes row 2; the user says the titles are in row 3.
    const csv = ["客户档案", SEED_HEADER.join(";"), SEED_HEADER.join(";"), csvCells(seedRow(P)).join(";")].join("\n");
    const view = await upload(agent, key, await textFile(csv));
    expect(view).toMatchObject({ headerRow: 2, delimiter: ";", detectedDelimiter: ";" });
    expect((await updateImport({ actor: agent, templateKey: key, id: view.id, input: { headerRow: 3 } })).headerRow).toBe(3);
    const tab = await updateImport({ actor: agent, templateKey: key, id: view.id, input: { delimiter: "\t" } });
    expect(tab).toMatchObject({ headerRow: 3, delimiter: "\t", detectedDelimiter: ";" });
    expect((await updateImport({ actor: agent, templateKey: key, id: view.id, input: { delimiter: ";", encoding: "gb18030" } })).headerRow).toBe(3);
    const back = await updateImport({ actor: agent, templateKey: key, id: view.id, input: { encoding: view.encoding!, ...SEED_CONSTANTS } });
    expect(back).toMatchObject({ headerRow: 3, headers: SEED_HEADER });
    await startImport({ actor: agent, templateKey: key, id: view.id, phase: "check" });
    expect((await importEnded(agent, key, view.id, "check")).check!.rows).toEqual({ create: 1 });
  });

  it("chooses the header again on another sheet, after one was picked on the first", async () => {
    const { agent, key } = await setup();
    // Sheet 客户档案: a note row, then the header in row 2; sheet 乙: the header in row 3.
    const file = await xlsxFile([SEED_HEADER, seedRow(unique("U"))], ["说明"], (_ws, wb) => wb.addWorksheet("乙").addRows([["客户档案"], [], SEED_HEADER, seedRow(unique("U"))]));
    const view = await upload(agent, key, file);
    expect(view.headerRow).toBe(2);
    await updateImport({ actor: agent, templateKey: key, id: view.id, input: { headerRow: 1 } });
    const other = await updateImport({ actor: agent, templateKey: key, id: view.id, input: { sheet: "乙" } });
    expect(other.headerRow).toBe(3);
  });
});

describe("text files with another separator", () => {
  it("reads a semicolon-separated CSV", async () => {
    const { agent, key } = await setup();
    const P = unique("V");
    const file = await textFile("\uFEFF" + [SEED_HEADER.join(";"), csvCells(seedRow(P)).join(";")].join("\r\n") + "\r\n");
    const r = await importRead(agent, key, file, true);
    expect(r.view.headers).toEqual(SEED_HEADER);
    expect(r.view.delimiter).toBe(";");
    expect(r.run!.rows).toEqual({ create: 1 });
  });

  it("reads a semicolon file's numbers as its Excel writes them: 1.234,56 and 12,5 taken, 1,500 (1.5 or 1500) refused naming row and column", async () => {
    const { agent, key } = await setup();
    const [A, B, C] = [unique("V"), unique("V"), unique("V")];
    const rows = [seedRow(A, { 6: "500.000,00", 10: "1.234,56" }), seedRow(B, { 10: "12,5" }), seedRow(C, { 10: "1,500" })];
    const file = await textFile([SEED_HEADER.join(";"), ...rows.map((r) => csvCells(r).join(";"))].join("\r\n") + "\r\n");
    const r = await importRead(agent, key, file, true);
    // Before: {create: 1, reject: 2} — 1,500 stored as 1500; 1.234,56, 500.000,00 and 12,5 refused as no number.
    expect(r.check.rows).toEqual({ create: 2, reject: 1 });
    expect(r.check.kept).toEqual([{ row: 4, reason: "「缴费金额」「1,500」是 1.5 还是 1500 无法确定：这个文件用分号或制表符分隔，其中的逗号可能是小数点，也可能是千位分隔符。请写成 1.5 或 1500（不用千位分隔符）" }]);
    const a = await stored(key, A);
    expect(a?.policy.sumInsured).toBe(500000);
    expect((a?.payments as unknown as { amount: number }[])[0].amount).toBe(1234.56);
    expect(((await stored(key, B))?.payments as unknown as { amount: number }[])[0].amount).toBe(12.5);
  });

  it("reads the file again when the separator is changed by hand", async () => {
    const { agent, key } = await setup();
    const view = await upload(agent, key, await textFile([SEED_HEADER.join(";"), csvCells(seedRow(unique("V"))).join(";")].join("\n")));
    const comma = await updateImport({ actor: agent, templateKey: key, id: view.id, input: { delimiter: "," } });
    expect(comma.headers).toEqual([SEED_HEADER.join(";")]);
    const semicolon = await updateImport({ actor: agent, templateKey: key, id: view.id, input: { delimiter: ";" } });
    expect(semicolon.headers).toEqual(SEED_HEADER);
    expect(semicolon.mapping.filter(Boolean).length).toBeGreaterThan(15);
  });

  it("reads Excel's Unicode text (.txt, UTF-16 LE, tab-separated), its amounts as a Chinese Excel writes them (500,000)", async () => {
    const { agent, key } = await setup();
    const P = unique("V");
    const text = [SEED_HEADER.join("\t"), csvCells(seedRow(P, { 6: "500,000", 10: "12,000.50" })).join("\t")].join("\r\n") + "\r\n";
    const file = await textFile(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]), "客户.txt");
    const r = await importRead(agent, key, file, true);
    expect(r.view.headers).toEqual(SEED_HEADER);
    expect(r.view.delimiter).toBe("\t");
    expect(r.run!.rows).toEqual({ create: 1 });
    expect((await stored(key, P))?.basic.idNumber).toBe(SEED_ID);
    expect((await stored(key, P))?.policy.sumInsured).toBe(500000);
  });
});

describe("cells spreadsheets changed", () => {
  it("reads a date Excel made of a text cell as the date it shows; refuses one in a fixed-shape field saying so", async () => {
    const { agent, key } = await setup();
    const P = unique("A");
    const march5 = new Date(Date.UTC(2024, 2, 5));
    const r = await importRead(agent, key, await xlsxFile([seedRow(`${P}-1`, { 3: march5, 5: march5 }), seedRow(`${P}-2`, { 2: march5 })]), true);
    expect(r.check.rows).toEqual({ create: 1, reject: 1 });
    expect(r.check.kept[0].row).toBe(3);
    expect(r.check.kept[0].reason).toContain("这个单元格是日期");
    const one = await stored(key, `${P}-1`);
    expect(one?.basic.address).toBe("2024-03-05");
    expect(one?.policy.productName).toBe("2024-03-05");
  });

  it("drops an apostrophe typed before the digits of an ID, a phone or a policy number in a CSV", async () => {
    const { agent, key } = await setup();
    const P = unique("Q").replace(/[^0-9A-Za-z-]/g, "");
    const row = csvCells(seedRow(`'0012${P}`, { 1: `'${SEED_ID}`, 2: "'13800138000" }));
    const r = await importRead(agent, key, await textFile("\uFEFF" + [SEED_HEADER.join(","), row.join(",")].join("\r\n") + "\r\n"), true);
    expect(r.check.kept).toEqual([]);
    expect(r.run!.rows).toEqual({ create: 1 });
    const data = await stored(key, `0012${P}`);
    expect(data?.basic.idNumber).toBe(SEED_ID);
  });
});
