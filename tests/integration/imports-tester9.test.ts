/**
 * Import findings of tester round 9 (issue 7), end to end: damaged bytes in a CSV, date-times as
 * Excel users have them, "1e5" as text, and a table sheet's row whose key the records' sheet lacks.
 */
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { RecordModel } from "@/lib/db/models/record";
import { importTemplate } from "@/lib/templates/import-template";
import { importFile, importRead, importSetup, SEED_HEADER, seedRow, storedPolicy, tempFile, textFile } from "./support/import-files";
import { Cleanup, testKey, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

const csvLine = (r: unknown[]) => r.map((v) => v ?? "").join(",");

describe("tester round 9: import", () => {
  it("refuses a CSV cell with bytes its encoding cannot read, naming the column (P1-3)", async () => {
    const { agent, key } = await importSetup(cleanup);
    const [p1, p2] = [unique("BAD"), unique("BAD")];
    const good = iconv.encode([SEED_HEADER.join(","), csvLine(seedRow(p1))].join("\r\n") + "\r\n", "gbk");
    // 王 + a lead byte with no second byte of GBK + 五: stored as "王\uFFFD五" before.
    const bad = Buffer.concat([iconv.encode("王", "gbk"), Buffer.from([0x81, 0x20]), iconv.encode(csvLine(seedRow(p2)).replace(/^张三/, "五") + "\r\n", "gbk")]);
    const r = await importRead(agent, key, await textFile(Buffer.concat([good, bad])), true);
    expect(r.check.rows).toEqual({ create: 1, reject: 1 });
    expect(r.check.kept).toEqual([{ row: 3, reason: expect.stringMatching(/^「客户姓名」含有无法识别的字符（文件的编码可能选错了，或文件已损坏）/) }]);
    expect(await storedPolicy(key, p2)).toBeUndefined();
  });

  it("takes 1e5 in a text field as text, and a CSV's 1.23457E+17 as Excel's damage (P1-2)", async () => {
    const { agent, key } = await importSetup(cleanup);
    const [p1, p2] = [unique("SCI"), unique("SCI")];
    const csv = [SEED_HEADER.join(","), csvLine(seedRow(p1, { 5: "1e5" })), csvLine(seedRow(p2, { 5: "1.23457E+17" }))].join("\r\n") + "\r\n";
    const r = await importRead(agent, key, await textFile(csv), true);
    expect(r.check.rows).toEqual({ create: 1, reject: 1 });
    expect(r.check.kept[0].reason).toMatch(/科学计数法/);
    expect((await storedPolicy(key, p1))!.policy.productName).toBe("1e5");
  });

  it("reads date-times as Excel users have them, in the office's time (P1-6)", async () => {
    const { admin, agent } = await importSetup(cleanup);
    const key = testKey("appt");
    cleanup.templates.push(key);
    const content = {
      schema: { $schema: "http://json-schema.org/draft-07/schema#", type: "object", title: "预约", additionalProperties: false, required: ["k"], properties: { k: { type: "string", title: "编号", "x-unique": true }, at: { type: "string", format: "date-time", title: "预约时间" } } },
      uiSchema: {},
      list: { columns: ["k", "at"], titleField: "k" },
    };
    await importTemplate({ actor: admin, input: { document: { format: "dossier-template", formatVersion: 1, key, name: "预约", productLine: "测试", description: "", version: 1, content }, key } });
    const ks = [unique("A"), unique("A"), unique("A"), unique("A")];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("预约");
    ws.addRow(["编号", "预约时间"]);
    // A date-time cell (refused before with "有值，但…不应填写"), and text (refused as 不是有效的日期时间).
    ws.addRow([ks[0], new Date(Date.UTC(2026, 11, 6, 18, 30))]).getCell(2).numFmt = "yyyy-mm-dd hh:mm";
    ws.addRow([ks[1], "2026-12-06T18:30"]);
    ws.addRow([ks[2], "2026/12/6 8:05"]);
    ws.addRow([ks[3], "2026-12-06 18:30"]);
    const file = await tempFile("预约.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await importFile(agent, key, file, {});
    expect(r.check.rows).toEqual({ create: 4 });
    const at = async (k: string) => ((await RecordModel.findOne({ templateKey: key, "data.k": k }).lean()) as { data: { at: string } }).data.at;
    expect(await Promise.all(ks.map(at))).toEqual(["2026-12-06T10:30:00.000Z", "2026-12-06T10:30:00.000Z", "2026-12-06T00:05:00.000Z", "2026-12-06T10:30:00.000Z"]);
  });

  it("says when a table sheet's row has a key the records' sheet lacks (P1-5)", async () => {
    const { agent, key } = await importSetup(cleanup);
    const [p1] = [unique("SH")];
    const wb = new ExcelJS.Workbook();
    const main = wb.addWorksheet("客户档案");
    main.addRow(["客户姓名", "身份证号码", "保单号", "保险金额"]);
    main.addRow(["张三", seedRow(p1)[1], p1, 500000]);
    const pay = wb.addWorksheet("缴费记录");
    pay.addRow(["保单号", "缴费日期", "缴费金额", "缴费状态"]);
    pay.addRow([p1, "2024-01-01", 1000, "已缴费"]);
    pay.addRow(["NOPE-999", "2024-01-01", 1000, "已缴费"]);
    const file = await tempFile("客户.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await importFile(agent, key, file, { constants: { "policy.insuranceType": "人寿险" } }, false);
    expect(r.view.joins).toContain("缴费记录");
    // Rows: the record's and its payment's; the orphan payment refused.
    expect(r.check.rows).toEqual({ create: 2, reject: 1 });
    expect(r.check.kept.map((k) => k.reason)).toEqual([expect.stringMatching(/^「缴费记录」表第 3 行的保单号 NOPE-999 在主表中找不到/)]);
  });
});
