/**
 * Messy seed-shaped sheets that a tester found the import judged wrongly (a fresh-eyes session, issue 7):
 * each test failed on the code before its fix.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { RecordModel } from "@/lib/db/models/record";
import { updateImport } from "@/lib/imports/update-import";
import { createRecord } from "@/lib/records/create-record";
import { importFile, importSetup, SEED_CONSTANTS, SEED_HEADER, SEED_ID, seedRow, upload, xlsxFile } from "./support/import-files";
import { Cleanup, customerData, makeActor, residentId, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

const setup = () => importSetup(cleanup);
const CONST = SEED_CONSTANTS;
const go = importFile;
const xlsx = xlsxFile;
const rec = seedRow;
const ID = SEED_ID;
const dataOf = async (key: string, policyNo: string) =>
  (await RecordModel.findOne({ templateKey: key, "data.policy.policyNo": policyNo, deletedAt: null }).lean())?.data as Record<string, unknown> | undefined;

describe("import verdicts on messy sheets", () => {
  it("a 保单号 held by a record outside the agent's scope is refused by the check as by the run, saying so", async () => {
    const { agent, key } = await setup();
    const other = await makeActor("agent", cleanup);
    const P = unique("O");
    await createRecord({ actor: other, templateKey: key, input: customerData({ policy: { policyNo: `${P}-1` } }) });
    const r = await go(agent, key, await xlsx([rec(`${P}-1`)]));
    // Before the fix: check { create: 1 }, run { reject: 1 } "保单号“…”已被另一条记录使用".
    expect(r.check.rows).toEqual({ reject: 1 });
    expect(r.check.kept[0].reason).toMatch(/不在您的数据范围内/);
    expect(r.run!.rows).toEqual({ reject: 1 });
  });
  it("without a record key, a 保单号 repeated within one batch is a duplicate in the check as in the run", async () => {
    const { agent, key } = await setup();
    const P = unique("D");
    const r = await go(agent, key, await xlsx([rec(`${P}-1`), rec(`${P}-1`, { 11: "2024-01-15" })]), { keyField: null, mode: "create", ...CONST });
    // Before the fix: check { create: 2 }; run { create: 1, reject: 1 } "已被另一条记录使用".
    expect(r.check.rows).toEqual(r.run!.rows);
    expect(r.check.rows).toEqual({ create: 1, duplicate: 1 });
  });
  it("without a record key, the same file imported again is 重复 (its records exist), not refused as taken", async () => {
    const { agent, key } = await setup();
    const P = unique("D");
    const file = await xlsx([rec(`${P}-1`), rec(`${P}-2`)]);
    const options = { ...CONST, keyField: null, mode: "create" as const };
    expect((await go(agent, key, file, options)).run!.rows).toEqual({ create: 2 });
    const again = await go(agent, key, file, options);
    // Before the fix: { reject: 2 } "「保单号」…-1 已被其他记录使用" (tester round 6, P7).
    expect(again.check.rows).toEqual({ duplicate: 2 });
    expect(again.check.kept[0].reason).toMatch(/已有「保单号」为 .*-1 的记录.*请选择「保单号」作记录键/);
    expect(again.run!.rows).toEqual({ duplicate: 2 });
    expect(await RecordModel.countDocuments({ templateKey: key, "data.policy.policyNo": { $in: [`${P}-1`, `${P}-2`] } })).toBe(2);
  });
  it("a row with two faults names both, in column order", async () => {
    const { agent, key } = await setup();
    const r = await go(agent, key, await xlsx([rec(unique("T"), { 7: "2023-13-01", 9: "每年" })]), CONST, false);
    expect(r.check.rows).toEqual({ reject: 1 });
    // Before the fix: only "「缴费方式」缴费方式必须是以下之一…" — fixed, the row was refused again for the date (tester round 6, P6).
    expect(r.check.kept[0].reason).toMatch(/^「?保险起始日期.*；「?缴费方式/);
  });
  it("choosing another sheet proposes its key and mode as an upload of that sheet would", async () => {
    const { agent, key } = await setup();
    const P = unique("H");
    const file = await xlsx([], null, (ws, wb) => {
      ws.name = "填写说明";
      ws.addRow(["请按下表填写"]);
      const data = wb.addWorksheet("数据");
      data.addRow(SEED_HEADER);
      data.addRow(rec(`${P}-1`));
      data.addRow(rec(`${P}-1`, { 11: "2024-01-15" }));
    });
    const view = await upload(agent, key, file);
    const chosen = await updateImport({ actor: agent, templateKey: key, id: view.id, input: { sheet: "数据" } });
    // Before the fix: keyField null, mode "create" (uploading the same sheet first gives policy.policyNo / upsert).
    expect(chosen.keyField).toBe("policy.policyNo");
    expect(chosen.mode).toBe("upsert");
  });
  it("a number of 16 digits in a text column (Excel keeps 15) is refused, never stored", async () => {
    const { agent, key } = await setup();
    const r = await go(agent, key, await xlsx([rec("x", { 4: 1234567890123450 + (Date.now() % 1000) * 10 })]), CONST, false);
    // Before the fix: check { create: 1 } and the run stores policyNo "1234567890123…0".
    expect(r.check.rows).toEqual({ reject: 1 });
    expect(r.check.kept[0].reason).toMatch(/科学计数法|丢失/);
  });
  it("a date typed as the number 20230101, and a date-time serial, are read as dates", async () => {
    const { agent, key } = await setup();
    const P = unique("N");
    const r = await go(agent, key, await xlsx([rec(`${P}-1`, { 7: 20230101 }), rec(`${P}-2`, { 7: 45000.5 })]));
    // Before the fix: check { reject: 2 } "保险起始日期必须是文本"; the text "20230101" and the serial 45000 are accepted.
    expect(r.check.rows).toEqual({ create: 2 });
    expect(((await dataOf(key, `${P}-1`))?.policy as Record<string, unknown>).startDate).toBe("2023-01-01");
    expect(((await dataOf(key, `${P}-2`))?.policy as Record<string, unknown>).startDate).toBe("2023-03-15");
  });
  it("zero-width characters pasted after a policy number, a choice, a phone or an ID are dropped", async () => {
    const { agent, key } = await setup();
    const P = unique("Z");
    const r = await go(agent, key, await xlsx([rec(`${P}-1\u200B`), rec(`${P}-2`, { 12: "已缴费\u200B" }), rec(`${P}-3`, { 2: "13800138000\u200B" }), rec(`${P}-4`, { 1: `${ID}\u200B` })]));
    // Before the fix: 4 rejects: "保单号只能包含数字、字母和短横线", "缴费状态必须是以下之一…", "手机号码不是有效的手机号码", "应为 18 位（当前 19 位）".
    expect(r.check.rows).toEqual({ create: 4 });
    const stored = await Promise.all([1, 2, 3, 4].map((i) => dataOf(key, `${P}-${i}`)));
    expect(stored.map((d) => JSON.stringify(d)).join("")).not.toMatch(/\u200B|\\u200b/i);
    expect([(stored[1]?.payments as { status: string }[])[0].status, (stored[2]?.basic as { mobile: string }).mobile, (stored[3]?.basic as { idNumber: string }).idNumber]).toEqual(["已缴费", "13800138000", ID]);
  });

  it("table values the form would hide (受益人 while the sheet's 法定受益人 is 是) are refused, never dropped; without a column for the switch they turn it on", async () => {
    const { agent, key } = await setup();
    const P = unique("B");
    const header = ["客户姓名", "身份证号码", "保单号", "保险类型", "法定受益人", "受益人姓名", "受益人身份证号码", "受益比例"];
    const file = await xlsx([["张三", ID, `${P}-1`, "人寿险", "是", "张小三", residentId("20100101", 2), "100%"]], header);
    const mapping = ["basic.name", "basic.idNumber", "policy.policyNo", "policy.insuranceType", "beneficiary.isLegal", "beneficiary.list.name", "beneficiary.list.idNumber", "beneficiary.list.share"];
    const r = await go(agent, key, file, { mapping }, false);
    // Before the fix: check { create: 1 }, and the run stored the record with no beneficiary at all.
    expect(r.check.rows).toEqual({ reject: 1 });
    expect(r.check.kept[0].reason).toMatch(/受益人姓名/);
    expect(r.check.kept[0].column).toBe(5);
    // No 法定受益人 column: a named beneficiary means 法定受益人 = 否 (before: refused as hidden).
    const named = await xlsx([["张三", ID, `${P}-2`, "人寿险", "张小三", residentId("20100101", 2), "100%"]], header.filter((h) => h !== "法定受益人"));
    const n = await go(agent, key, named, { mapping: mapping.filter((m) => m !== "beneficiary.isLegal") });
    expect(n.run!.rows).toEqual({ create: 1 });
    expect((await dataOf(key, `${P}-2`))?.beneficiary).toMatchObject({ isLegal: false, list: [{ name: "张小三", share: 100 }] });
    // The seed's 后续跟进 mapped to 沟通记录 › 跟进事项: 是否需要跟进 is on, and its 跟进日期 is then required.
    const follow = await go(agent, key, await xlsx([rec(`${P}-3`, { 16: "2024-02-01", 17: "电话", 18: "回访", 19: "寄送保单副本" })]), (view) => ({ mapping: view.mapping.map((m, i) => (i === 19 ? "communications.followUpItem" : m)), ...CONST }), false);
    expect(follow.check.rows).toEqual({ reject: 1 });
    expect(follow.check.kept[0].reason).toMatch(/跟进日期/);
  });

  it("a totals row (合计 in a column nobody maps) is refused on its own; the customer above it is imported", async () => {
    const { agent, key } = await setup();
    const P = unique("T");
    const totals: unknown[] = Array(20).fill(null);
    totals[10] = 24000;
    totals[19] = "合计";
    const r = await go(agent, key, await xlsx([rec(`${P}-1`), rec(`${P}-1`, { 11: "2024-01-15" }), totals]));
    // Before the fix: all three rows 拒绝 (rows 2–3 "与第 4 行属于同一条记录，一并退回").
    expect(r.check.rows).toEqual({ create: 2, reject: 1 });
    expect(r.check.kept.map((k) => k.row)).toEqual([4]);
    expect(((await dataOf(key, `${P}-1`))?.payments as unknown[]).length).toBe(2);
  });

  it("a blank required cell of a table row names the sheet's column, on that row", async () => {
    const { agent, key } = await setup();
    const P = unique("Q");
    const r = await go(agent, key, await xlsx([rec(`${P}-1`), rec(`${P}-1`, { 11: "2024-01-15" }), rec(`${P}-1`, { 11: "2025-01-15", 12: null })]), CONST, false);
    const bad = r.check.kept.find((k) => k.row === 4)!;
    // Before the fix: column null, "「缴费记录 第 3 行 › 缴费状态」请选择缴费状态".
    expect(bad.column).toBe(12);
    expect(bad.reason).toBe("「缴费状态」请选择缴费状态");
  });

  it("reads 年交 as the choice 年缴 and 已交费 as 已缴费 (offices write either)", async () => {
    const { agent, key } = await setup();
    const P = unique("J");
    const r = await go(agent, key, await xlsx([rec(`${P}-1`, { 9: "年交", 12: "已交费" })]));
    expect(r.check.rows).toEqual({ create: 1 });
    const data = await dataOf(key, `${P}-1`);
    expect([(data?.policy as { paymentMethod: string }).paymentMethod, (data?.payments as { status: string }[])[0].status]).toEqual(["年缴", "已缴费"]);
  });

  it("a fixed value fills new records, and a stored record only where its field is empty", async () => {
    const { agent, key } = await setup();
    const P = unique("K");
    await createRecord({ actor: agent, templateKey: key, input: customerData({ basic: { idNumber: ID }, policy: { policyNo: `${P}-1`, insuranceType: "健康险" } }) });
    const r = await go(agent, key, await xlsx([rec(`${P}-1`, { 3: "上海" }), rec(`${P}-2`)]));
    expect(r.run!.rows, JSON.stringify(r.run!.kept)).toMatchObject({ update: 1, create: 1 });
    // Before the fix: the stored 健康险 became 人寿险.
    expect([(await dataOf(key, `${P}-1`))?.policy, (await dataOf(key, `${P}-2`))?.policy].map((p) => (p as { insuranceType: string }).insuranceType)).toEqual(["健康险", "人寿险"]);
  });

  // A second tester's cases (each failed before its fix).
  it("a column titled 身份证号 (or 证件号码, 被保险人身份证号码) next to 客户姓名 fills the customer's ID, not a beneficiary's", async () => {
    const { agent, key } = await setup();
    const P = unique("A");
    const view = await upload(agent, key, await xlsx([["张三", ID, `${P}-1`]], ["被保险人姓名", "身份证号", "保单号"]));
    // Before the fix: mapping[1] is "beneficiary.list.idNumber" (the beneficiary column's aliases), and the
    // check rejects the row: "「客户基础信息 › 身份证号码」请填写身份证号码".
    expect(view.mapping[1]).toBe("basic.idNumber");
    const other = await upload(agent, key, await xlsx([["张三", ID, `${P}-2`]], ["客户姓名", "被保险人身份证号码", "保单号"]));
    expect(other.mapping[1]).toBe("basic.idNumber");
    const r = await go(agent, key, await xlsx([["张三", ID, `${P}-3`]], ["被保险人姓名", "身份证号", "保单号"]), CONST, false);
    expect(r.check.rows).toEqual({ create: 1 });
  });

  it("a 受益比例 typed as 100% in Excel (the number 1 in a percent format) is 100", async () => {
    const { agent, key } = await setup();
    const P = unique("B");
    const H = ["客户姓名", "身份证号码", "保单号", "保险类型", "法定受益人", "受益人姓名", "受益人身份证号码", "受益比例"];
    const mapping = ["basic.name", "basic.idNumber", "policy.policyNo", "policy.insuranceType", "beneficiary.isLegal", "beneficiary.list.name", "beneficiary.list.idNumber", "beneficiary.list.share"];
    const file = await xlsx([["张三", ID, `${P}-1`, "人寿险", "否", "张小三", residentId("20100101", 2), 1]], H, (ws) => {
      ws.getCell("H2").numFmt = "0%";
    });
    const r = await go(agent, key, file, { mapping });
    // Before the fix: { reject: 1 } "指定受益人的受益比例合计须为 100（当前合计 1）", column null.
    expect(r.check.rows, JSON.stringify(r.check.kept)).toEqual({ create: 1 });
    expect(((await dataOf(key, `${P}-1`))?.beneficiary as { list: { share: number }[] }).list[0].share).toBe(100);
  });

  it("a plain number that is no date (the year 2023) in a date column is refused, not read as a serial (1905-07-15)", async () => {
    const { agent, key } = await setup();
    const P = unique("C");
    const r = await go(agent, key, await xlsx([rec(`${P}-1`, { 7: 2023 })]), CONST, false);
    // Before the fix: { create: 1 } and the run stores policy.startDate "1905-07-15".
    expect(r.check.rows).toEqual({ reject: 1 });
    expect(r.check.kept[0].column).toBe(7);
  });

  it("a 保单号 kept as a number shown with leading zeros (format 0000000) is imported as shown", async () => {
    const { agent, key } = await setup();
    const n = 100000 + (Date.now() % 89999);
    const file = await xlsx([rec("x", { 4: n })], SEED_HEADER, (ws) => {
      ws.getCell("E2").numFmt = "0000000";
    });
    await go(agent, key, file);
    // Before the fix: stored as "1xxxxx" — Excel shows "01xxxxx"; the next file typed as text makes a second record.
    expect(await dataOf(key, `0${n}`)).toBeDefined();
    expect(await dataOf(key, String(n))).toBeUndefined();
  });
});
