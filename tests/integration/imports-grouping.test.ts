/**
 * Which sheet rows make one record (lib/imports/scan-groups.ts `grouper`), on seed-shaped sheets a
 * tester found grouped wrongly (fresh-eyes round 3, probes P1, P4, P19, P20): each test failed on
 * the code before its fix.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { RecordModel } from "@/lib/db/models/record";
import { importFile, importSetup, seedRow, xlsxFile } from "./support/import-files";
import { Cleanup, unique, withSeededTemplates } from "./support/fixtures";

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
});
