/**
 * Which sheet rows make one record (lib/imports/scan-groups.ts `grouper`), on seed-shaped sheets a
 * tester found grouped wrongly (fresh-eyes round 3, probes P1, P4, P19, P20; round 4, P2, P3, P3b,
 * P40a, P40b): each test failed on the code before its fix.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { RecordModel } from "@/lib/db/models/record";
import { importFile, importSetup, SEED_CONSTANTS, SEED_HEADER, seedRow, xlsxFile } from "./support/import-files";
import { Cleanup, residentId, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

const dataOf = async (key: string, policyNo: string) =>
  (await RecordModel.findOne({ templateKey: key, "data.policy.policyNo": policyNo, deletedAt: null }).lean())?.data as Record<string, unknown> | undefined;
const paymentsOf = async (key: string, policyNo: string) => ((await dataOf(key, policyNo))?.payments as { amount: number; date: string }[] | undefined) ?? [];
/** A row with only the cells given (by column index). */
const only = (cells: Record<number, unknown>) => {
  const r: unknown[] = Array(20).fill(null);
  for (const [k, v] of Object.entries(cells)) r[Number(k)] = v;
  return r;
};

/** Seed-shaped rows with the customer cells merged over rows 2–3 and 4–5, and a 理赔记录 sheet of [保单号, 理赔申请日期] (待审核). */
const withClaims = (rows: unknown[][], claims: [string, string][]) =>
  xlsxFile(rows, undefined, (ws, wb) => {
    for (const c of "ABCDEFGHI") ws.mergeCells(`${c}2:${c}3`);
    for (const c of "ABCDEFGHI") ws.mergeCells(`${c}4:${c}5`);
    const sheet = wb.addWorksheet("理赔记录");
    sheet.addRow(["保单号", "理赔申请日期", "理赔状态"]);
    for (const [p, d] of claims) sheet.addRow([p, d, "待审核"]);
  });

describe("which sheet rows make one record", () => {
  it("a payment-only row after a blank row is refused as belonging to no record, not added to the customer above", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("B");
    const r = await importFile(agent, key, await xlsxFile([seedRow(`${P}-1`), [], only({ 10: 8888, 11: "2024-03-03", 12: "已缴费" })]));
    // Before the fix: { create: 2 } and P-1 stored with the 8888 payment of an unknown customer.
    expect(r.check.rows).toEqual({ create: 1, reject: 1 });
    expect(r.check.kept).toMatchObject([{ row: 4, verdict: "reject", column: 4 }]);
    expect(r.check.kept[0].reason).toContain("没有所属的记录");
    expect((await paymentsOf(key, `${P}-1`)).map((p) => p.amount)).toEqual([12000]);
  });

  it("a beneficiary-only row after a blank row is refused as belonging to no record, not as 缺少保单号", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("B");
    const header = [...SEED_HEADER, "受益人姓名", "受益人身份证号码", "受益比例"];
    const r = await importFile(agent, key, await xlsxFile([seedRow(P), [], [...only({}), "王五", residentId("20100101", 2), 100]], header), undefined, false);
    // Before the fix: the 法定受益人 = 否 its cells imply made it a record row — 缺少保单号，无法与已有记录对应.
    expect(r.check.rows).toEqual({ create: 1, reject: 1 });
    expect(r.check.kept).toMatchObject([{ row: 4, verdict: "reject", column: 4 }]);
    expect(r.check.kept[0].reason).toMatch(/^这一行只有明细（受益人姓名、受益人身份证号码、受益比例），没有所属的记录/);
  });

  it("customer cells merged over three payment rows, with 缴费方式 repeated on every row, make one record with three payments", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("M");
    const file = await xlsxFile(
      [
        seedRow(P, { 11: "2023-01-15" }),
        only({ 9: "年缴", 10: 12000, 11: "2024-01-15", 12: "已缴费" }),
        only({ 9: "年交", 10: 12000, 11: "2025-01-15", 12: "未缴费" }),
      ],
      undefined,
      (ws) => {
        for (const c of "ABCDEFGHI") ws.mergeCells(`${c}2:${c}4`);
      },
    );
    const r = await importFile(agent, key, file);
    // Before the fix: { create: 1, reject: 2 }, rows 3–4 "缺少保单号，无法与已有记录对应", one payment stored.
    expect(r.check.rows).toEqual({ create: 3 });
    expect((await paymentsOf(key, P)).map((p) => p.date)).toEqual(["2023-01-15", "2024-01-15", "2025-01-15"]);
  });

  it("with a 理赔记录 sheet joined by 保单号, payment rows under merged customer cells still continue their customer", async () => {
    const { agent, key } = await importSetup(cleanup);
    const [P, Q] = [unique("J"), unique("J")];
    const file = await withClaims(
      [seedRow(P, { 11: "2023-01-15" }), only({ 9: "年缴", 10: 12000, 11: "2024-01-15", 12: "已缴费" }), seedRow(Q, { 0: "李四", 11: "2023-02-15" }), only({ 9: "年缴", 10: 12000, 11: "2024-02-15", 12: "已缴费" })],
      [
        [P, "2024-03-01"],
        [Q, "2024-04-01"],
      ],
    );
    const r = await importFile(agent, key, file);
    expect(r.view.joins).toEqual(["理赔记录"]);
    // Before: the records' sheet's row 3 after the joined 理赔记录!2 was taken for a row after a blank
    // one (its number did not follow) — refused as belonging to no record, one payment stored.
    expect(r.run!.rows).toEqual({ create: 6 });
    expect((await paymentsOf(key, P)).map((p) => p.date)).toEqual(["2023-01-15", "2024-01-15"]);
    expect((await paymentsOf(key, Q)).map((p) => p.date)).toEqual(["2023-02-15", "2024-02-15"]);
    expect(((await dataOf(key, Q))?.claims as unknown[]).length).toBe(1);
  });

  it("a joined 理赔记录 sheet with one row typed late and one of a policy the records' sheet lacks: every claim with its record, the stray one refused", async () => {
    const { agent, key } = await importSetup(cleanup);
    const [P1, P2, P3, P4] = [unique("L"), unique("L"), unique("L"), unique("L")];
    const payment = only({ 9: "年缴", 10: 12000, 11: "2024-01-15", 12: "已缴费" });
    // P2's claim after P4's; the last one's policy has no row on the records' sheet.
    const file = await withClaims(
      [seedRow(P1), payment, seedRow(P2), payment, seedRow(P3), seedRow(P4)],
      [
        [P1, "2024-03-01"],
        [P3, "2024-03-03"],
        [P4, "2024-03-04"],
        [P2, "2024-03-02"],
        [`${P1}-9`, "2024-03-09"],
      ],
    );
    const r = await importFile(agent, key, file);
    expect(r.view.joins).toEqual(["理赔记录"]);
    expect(r.run!.rows).toEqual({ create: 10, reject: 1 });
    expect(r.run!.kept.map((k) => k.row)).toEqual([10_000_006]);
    for (const [p, date, payments] of [[P1, "2024-03-01", 2], [P2, "2024-03-02", 2], [P3, "2024-03-03", 1], [P4, "2024-03-04", 1]] as const) {
      expect(((await dataOf(key, p))?.claims as { applyDate: string }[]).map((c) => Object.values(c))).toEqual([[date, "待审核"]]);
      expect(await paymentsOf(key, p)).toHaveLength(payments);
    }
  });

  it("a row without 保单号 whose customer differs from the record above is not merged into it", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("D");
    const r = await importFile(agent, key, await xlsxFile([seedRow(`${P}-1`), seedRow("", { 0: "李四", 4: null, 11: "2024-01-15" })]), undefined, false);
    expect(r.check.rows).toEqual({ create: 1, reject: 1 });
    expect(r.check.kept).toMatchObject([{ row: 3, reason: "缺少保单号，无法与已有记录对应" }]);
  });

  it("a customer's cells merged over two policies: the second policy's refusal says which cells are blank and what to do", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("W");
    const file = await xlsxFile([seedRow(`${P}-1`), seedRow(`${P}-2`, { 0: null, 1: null, 2: null, 3: null, 5: "安康" })], undefined, (ws) => {
      for (const c of "ABCD") ws.mergeCells(`${c}2:${c}3`);
    });
    const r = await importFile(agent, key, file, undefined, false);
    expect(r.check.rows).toEqual({ create: 1, reject: 1 });
    // Before the fix: "「客户基础信息」请填写客户基础信息", no column.
    expect(r.check.kept).toMatchObject([{ row: 3, column: 0 }]);
    expect(r.check.kept[0].reason).toContain("客户姓名、身份证号码、联系方式、地址为空：如果是合并单元格，请取消合并并在每一行填写");
  });

  it("only 客户姓名 merged over two policies: the second policy's 请填写客户姓名 says the cell is blank under a merge", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("W");
    const file = await xlsxFile([seedRow(`${P}-1`), seedRow(`${P}-2`, { 0: null, 5: "安康" })], undefined, (ws) => ws.mergeCells("A2:A3"));
    const r = await importFile(agent, key, file, undefined, false);
    expect(r.check.kept).toMatchObject([{ row: 3, column: 0, reason: "「客户姓名」请填写客户姓名；客户姓名为空：如果是合并单元格，请取消合并并在每一行填写" }]);
  });

  it("an unlabelled SUM row under 缴费金额 is refused on its own; the last customer is imported", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("S");
    const sum = only({ 10: { formula: "SUM(K2:K3)", result: 24000 } });
    const r = await importFile(agent, key, await xlsxFile([seedRow(`${P}-1`), seedRow(`${P}-2`, { 0: "李四" }), sum]));
    // Before the fix: rows 3–4 refused ("「缴费日期」请填写缴费日期", "与第 4 行属于同一条记录，一并退回").
    expect(r.check.rows).toEqual({ create: 2, reject: 1 });
    expect(r.check.kept).toMatchObject([{ row: 4, column: 4 }]);
    expect(r.check.kept[0].reason).toContain("合计行请删去");
    expect(await paymentsOf(key, `${P}-2`)).toHaveLength(1);
  });
  it("an unlabelled subtotal under the second customer, 保单号 on every row of each customer, is refused on its own (round 4, P2)", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("ST");
    const li = { 0: "李四", 1: residentId("19900101", 2) };
    const file = await xlsxFile([
      seedRow(`${P}-1`, { 10: 6000, 11: "2024-01-15" }),
      seedRow(`${P}-1`, { 10: 6000, 11: "2024-07-15" }),
      seedRow(`${P}-2`, { ...li, 10: 5000, 11: "2024-01-15" }),
      seedRow(`${P}-2`, { ...li, 10: 5000, 11: "2024-07-15" }),
      only({ 10: 10000 }),
    ]);
    const r = await importFile(agent, key, file);
    // Before the fix: { create: 2, reject: 3 } — the subtotal joined P-2, which was refused with it.
    expect(r.check.rows).toEqual({ create: 4, reject: 1 });
    expect(r.check.kept).toMatchObject([{ row: 6, verdict: "reject" }]);
    expect(r.check.kept[0].reason).toContain("合计行请删去");
    expect(await paymentsOf(key, `${P}-2`)).toHaveLength(2);
  });

  it("an unlabelled SUM row that also repeats 保险金额 under one customer's merged cells is refused on its own (round 4, P3)", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("SS");
    const file = await xlsxFile(
      [seedRow(P, { 10: 6000, 11: "2024-01-15" }), only({ 10: 6000, 11: "2024-07-15", 12: "已缴费" }), only({ 6: 500000, 10: 12000 })],
      undefined,
      (ws) => {
        for (const c of "ABCDEFGHIJ") ws.mergeCells(`${c}2:${c}3`);
      },
    );
    const r = await importFile(agent, key, file);
    // Before the fix: { reject: 3 } — the row repeated the record's 保险金额, so it joined the record.
    expect(r.check.rows).toEqual({ create: 2, reject: 1 });
    expect(r.check.kept).toMatchObject([{ row: 4, verdict: "reject" }]);
    expect(r.check.kept[0].reason).toContain("合计行请删去");
    expect(await paymentsOf(key, P)).toHaveLength(2);
  });

  it("an unlabelled SUM row under 保险金额 and 缴费金额 after two customers is refused as a totals row, not for its missing 保单号 (round 4, P3b)", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("SS");
    const file = await xlsxFile([seedRow(`${P}-1`), seedRow(`${P}-2`, { 0: "李四", 1: residentId("19900101", 2) }), only({ 6: 1000000, 10: 24000 })]);
    const r = await importFile(agent, key, file, undefined, false);
    // Before the fix: "缺少保单号，无法与已有记录对应".
    expect(r.check.rows).toEqual({ create: 2, reject: 1 });
    expect(r.check.kept).toMatchObject([{ row: 4, verdict: "reject", column: 4 }]);
    expect(r.check.kept[0].reason).toContain("合计行请删去");
    expect(r.check.kept[0].reason).toContain("保险金额、缴费金额");
  });

  it("a customer's single 缴费金额 equal to the sum of the rows above, with its date, is imported (round 4, P4)", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("EQ");
    const file = await xlsxFile([
      seedRow(`${P}-1`, { 10: 6000 }),
      seedRow(`${P}-2`, { 0: "李四", 1: residentId("19900101", 2), 10: 6000 }),
      seedRow(`${P}-3`, { 0: "王五", 1: residentId("19900101", 3), 10: 12000 }),
      only({ 10: 24000, 11: "2025-01-15", 12: "已缴费" }),
    ]);
    expect((await importFile(agent, key, file)).check.rows).toEqual({ create: 4 });
  });

  it("rows whose 保单号 is a failed VLOOKUP (#N/A) are each refused for that error, in add-or-update mode too, not grouped as one record keyed #N/A (round 8, P1-1)", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("NA");
    const na = (row: number) => ({ formula: `VLOOKUP(A${row},保单!A:B,2,0)`, result: { error: "#N/A" } });
    const customer = (n: number) => ({ 0: `邓${n}`, 1: residentId("19781201", n) });
    const file = await xlsxFile([
      seedRow("", { ...customer(1), 4: na(2) }),
      seedRow("", { ...customer(2), 4: na(3) }),
      seedRow("", { ...customer(3), 4: na(4) }),
      seedRow(`${P}-4`, customer(4)),
      seedRow("", { ...customer(5), 4: { formula: 'IFERROR(VLOOKUP(A6,保单!A:B,2,0),"")', result: "" } }),
    ]);
    const r = await importFile(agent, key, file, { ...SEED_CONSTANTS, keyField: "policy.policyNo", mode: "upsert" });
    // Before the fix: rows 3 and 4 refused as "与第 2 行属于同一条记录，但「客户姓名」不同…".
    expect(r.check.rows).toEqual({ create: 1, reject: 4 });
    expect(r.check.kept.map((k) => [k.row, k.column, k.reason])).toEqual([
      [2, 4, "「保单号」单元格是错误值 #N/A，请先在 Excel 中修正"],
      [3, 4, "「保单号」单元格是错误值 #N/A，请先在 Excel 中修正"],
      [4, 4, "「保单号」单元格是错误值 #N/A，请先在 Excel 中修正"],
      [6, null, "缺少保单号，无法与已有记录对应"],
    ]);
    expect(r.run?.rows).toEqual({ create: 1, reject: 4 });
    expect(await dataOf(key, `${P}-4`)).toBeDefined();
  });

  describe("a row holding only a note no column maps, between merged customer cells and a payment row (round 4, P40)", () => {
    const merge = (ws: Parameters<NonNullable<Parameters<typeof xlsxFile>[2]>>[0]) => {
      for (const c of "ABCDEFGHI") ws.mergeCells(`${c}2:${c}4`);
    };
    const payment = only({ 10: 12000, 11: "2024-01-15", 12: "已缴费" });

    it("in the unmapped 后续跟进 column: the payment joins the customer, the note row has no verdict", async () => {
      const { agent, key } = await importSetup(cleanup);
      const P = unique("NT");
      const r = await importFile(agent, key, await xlsxFile([seedRow(P), only({ 19: "下月回访" }), payment], undefined, merge));
      // Before the fix: rows 3 and 4 refused as orphans, row 3's reason naming row 4's columns.
      expect(r.check.rows).toEqual({ create: 2 });
      expect(await paymentsOf(key, P)).toHaveLength(2);
    });

    it("typed to the right of the header: the same", async () => {
      const { agent, key } = await importSetup(cleanup);
      const P = unique("NT");
      const note: unknown[] = Array(22).fill(null);
      note[21] = "已核对";
      const r = await importFile(agent, key, await xlsxFile([seedRow(P), note, payment], undefined, merge));
      expect(r.check.rows).toEqual({ create: 2 });
      expect(await paymentsOf(key, P)).toHaveLength(2);
    });
  });
});
