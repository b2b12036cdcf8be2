/**
 * Review of the merge b6af56c..8100936 (rows of one row key, issue 7): cases where a table row's
 * cells land on a row the file does not name, or where a message tells a person to remove rows the
 * import itself made. Each test fails on 8100936.
 */
import { describe, expect, it } from "vitest";
import archive from "@/schemas/customer-archive.json";
import { listFields } from "../schema/fields";
import { prepareData } from "../schema/validate";
import type { JsonSchema, UiSchema } from "../schema/types";
import { convertRow } from "./convert-cells";
import { evaluateGroup, mergeInto, type EvaluateContext } from "./evaluate-group";
import { importTargets } from "./targets";

const schema = archive.schema as unknown as JsonSchema;
const targets = importTargets(listFields(schema, archive.uiSchema as UiSchema));
const target = (path: string) => targets.find((t) => t.path === path)!;
const columns = ["basic.name", "basic.idNumber", "policy.policyNo", "policy.insuranceType", "payments.date", "payments.amount", "payments.status", "payments.method"].map(target);
const ctx: EvaluateContext = { schema, targets, titles: ["客户姓名", "身份证号码", "保单号", "保险类型", "缴费日期", "缴费金额", "缴费状态", "缴费方式"], keyTarget: target("policy.policyNo"), mode: "upsert", locale: "zh" };
const id = "11010519491231002X";
// Each file row gives the record's cells, so that any order of the rows reads as one record.
const row = (n: number, payment: [string, number | null, string | null, string?]) => convertRow({ row: n, cells: ["张三", id, "P1", "人寿险", ...payment] as never }, columns, "zh");
const group = (...rows: ReturnType<typeof row>[]) => ({ key: "P1", cells: new Map(), rows });
const D = "2024-01-15";
type Payment = { date: string; amount?: number; status?: string; method?: string };
type Cells = [string, number | null, string | null, string?];
const sorted = (list: Payment[]) => [...list].sort((a, b) => (a.amount ?? 0) - (b.amount ?? 0));

/** The payments a file makes of a new record, or null when it refuses it. */
function created(...payments: Cells[]) {
  const out = evaluateGroup(group(...payments.map((p, i) => row(2 + i, p))), null, ctx);
  return out.verdict === "create" ? sorted((prepareData(schema, out.data!) as { payments: Payment[] }).payments) : null;
}

/** The payments of a stored record after a file's rows, or null when it refuses them. */
function updated(stored: Payment[], ...payments: Cells[]) {
  const data = prepareData(schema, { basic: { name: "张三", idNumber: id }, policy: { policyNo: "P1", insuranceType: "人寿险" }, payments });
  const before = { data: prepareData(schema, { ...data, payments: stored }) };
  const out = evaluateGroup(group(...payments.map((p, i) => row(2 + i, p))), before, ctx);
  if (out.verdict === "reject") return null;
  if (out.verdict === "unchanged") return sorted(before.data.payments as Payment[]);
  return sorted((prepareData(schema, mergeInto(before.data, out.data!, targets, schema)) as { payments: Payment[] }).payments);
}

describe("review: a row of one row key that gives only some cells", () => {
  it("a 缴费方式 given on its own row under two payments of that day is not put on whichever payment comes first in the file", () => {
    // Two payments of 2024-01-15 (the premium and a rider's), then a row giving that day's 缴费方式 only.
    // 8100936 joins it to the first of the two in file order: swap the two rows and the other
    // payment gets it (1000 by 现金 and 200 without, or the reverse) — a guess, made silently.
    const oneOrder = created([D, 1000, "已缴费"], [D, 200, "已缴费"], [D, null, null, "现金"]);
    const otherOrder = created([D, 200, "已缴费"], [D, 1000, "已缴费"], [D, null, null, "现金"]);
    expect(otherOrder).toEqual(oneOrder);
  });

  it("re-imported, that row does not update whichever stored payment of the day comes first in the file", () => {
    const stored = [
      { date: D, amount: 1000, status: "已缴费" },
      { date: D, amount: 200, status: "已缴费" },
    ];
    const oneOrder = updated(stored, [D, 1000, null], [D, 200, null], [D, null, "逾期"]);
    const otherOrder = updated(stored, [D, 200, null], [D, 1000, null], [D, null, "逾期"]);
    // 8100936: the 1000 payment becomes 逾期 in one order, the 200 one in the other.
    expect(otherOrder).toEqual(oneOrder);
  });
});

describe("review: messages about several rows of one row key", () => {
  it("two payments of one day that the import itself created, both corrected by the next file, are not called repeated rows to delete", () => {
    // The import made these two rows (the premium and a rider's, paid the same day) — legitimate since 6926c38.
    const made = evaluateGroup(group(row(2, [D, 1000, "已缴费"]), row(3, [D, 200, "已缴费"])), null, ctx);
    expect(made.verdict).toBe("create");
    const stored = { data: prepareData(schema, made.data!) };
    // The next export corrects both amounts.
    const out = evaluateGroup(group(row(2, [D, 1100, "已缴费"]), row(3, [D, 210, "已缴费"])), stored, ctx);
    expect(out.verdict).toBe("reject");
    const reason = out.rows.find((r) => r.column !== undefined)?.reason ?? "";
    // 8100936: "记录中「缴费记录」有 2 行都是 缴费日期 2024-01-15，无法确定该更新哪一行：请先在记录中删除或改正重复的行"
    // — asks the person to delete one of two correct payments.
    expect(reason).not.toMatch(/删除或改正重复的行/);
  });
});
