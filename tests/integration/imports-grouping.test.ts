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
});
