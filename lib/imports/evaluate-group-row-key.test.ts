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
const columns = ["basic.name", "basic.idNumber", "policy.policyNo", "policy.insuranceType", "payments.date", "payments.amount", "payments.status"].map(target);
const ctx: EvaluateContext = { schema, targets, titles: ["客户姓名", "身份证号码", "保单号", "保险类型", "缴费日期", "缴费金额", "缴费状态"], keyTarget: target("policy.policyNo"), mode: "upsert", locale: "zh" };
const row = (n: number, cells: unknown[]) => convertRow({ row: n, cells: cells as never }, columns, "zh");
const id = "11010519491231002X";
const storedWith = (payments: unknown[]) => ({ data: prepareData(schema, { basic: { name: "张三", idNumber: id }, policy: { policyNo: "P1", insuranceType: "人寿险" }, payments }) });
const group = (...rows: ReturnType<typeof row>[]) => ({ key: "P1", cells: new Map(), rows });

describe("table rows identified by the table's row key (x-rowKey)", () => {
  it("a payment whose 缴费状态 changed updates the stored row of that 缴费日期; the cell shows in the verdict and diff", () => {
    const stored = storedWith([{ date: "2024-01-15", amount: 100, status: "未缴费" }]);
    const out = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", 100, "已缴费"])), stored, ctx);
    expect(out.verdict).toBe("update");
    expect(out.changes).toEqual([{ path: "/payments/0/status", label: "缴费记录 第 1 行 › 缴费状态", before: "未缴费", after: "已缴费" }]);
    expect(out.rows).toEqual([{ row: 2, verdict: "update", reason: "缴费记录 第 1 行 › 缴费状态：未缴费 → 已缴费" }]);
    const next = prepareData(schema, mergeInto(stored.data, out.data!, targets, schema));
    expect(next.payments).toEqual([{ date: "2024-01-15", amount: 100, status: "已缴费" }]);
    expect(evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", 100, "已缴费"])), { data: next }, ctx).verdict).toBe("unchanged");
  });

  it("a blank cell leaves the stored cell alone; a new 缴费日期 is added", () => {
    const stored = storedWith([{ date: "2024-01-15", amount: 100, status: "未缴费", method: "现金" }]);
    const out = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", null, "已缴费"]), row(3, [null, null, "P1", null, "2024-02-15", 100, "未缴费"])), stored, ctx);
    expect(out.verdict).toBe("update");
    expect(prepareData(schema, mergeInto(stored.data, out.data!, targets, schema)).payments).toEqual([
      { date: "2024-01-15", amount: 100, status: "已缴费", method: "现金" },
      { date: "2024-02-15", amount: 100, status: "未缴费" },
    ]);
  });

  it("two file rows with one 缴费日期 for one record are one table row: cells join, a differing cell is a conflict", () => {
    const joined = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", 100, null]), row(3, [null, null, "P1", null, "2024-01-15", null, "已缴费"])), null, ctx);
    expect(joined.verdict).toBe("create");
    expect((joined.data as { payments: unknown[] }).payments).toEqual([{ date: "2024-01-15", amount: 100, status: "已缴费" }]);
    const clash = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", 100, "未缴费"]), row(3, [null, null, "P1", null, "2024-01-15", 100, "已缴费"])), null, ctx);
    expect(clash.rows).toEqual([
      { row: 2, verdict: "reject", reason: "与第 3 行属于同一条记录，一并退回" },
      { row: 3, verdict: "reject", column: 6, reason: "与第 2 行是「缴费记录」中的同一行（缴费日期 2024-01-15），但「缴费状态」不同（未缴费 / 已缴费）" },
    ]);
  });

  it("two file rows with one 缴费日期 and different amounts are two payments of that day; the same file again is unchanged", () => {
    // The premium and a rider's, paid the same day: before, the customer was refused ("同一行…但「缴费金额」不同").
    const file = () => group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", 1000, "已缴费"]), row(3, [null, null, "P1", null, "2024-01-15", 200, "已缴费"]));
    const made = evaluateGroup(file(), null, ctx);
    expect(made.verdict).toBe("create");
    // Taken, and said: a typo in a filled-down amount would make a second payment.
    expect(made.rows).toEqual([
      { row: 2, verdict: "create" },
      { row: 3, verdict: "create", notice: "与第 2 行同为「缴费记录」的 缴费日期 2024-01-15，但「缴费金额」不同：作为另一行导入（如是同一行，请改成一致）" },
    ]);
    expect((made.data as { payments: unknown[] }).payments).toEqual([
      { date: "2024-01-15", amount: 1000, status: "已缴费" },
      { date: "2024-01-15", amount: 200, status: "已缴费" },
    ]);
    const stored = { data: prepareData(schema, made.data!) };
    expect(evaluateGroup(file(), stored, ctx).rows).toEqual([
      { row: 2, verdict: "unchanged" },
      { row: 3, verdict: "unchanged" },
    ]);
    // One of the two corrected: that one is updated, the other left.
    const fixed = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", 1000, "已缴费"]), row(3, [null, null, "P1", null, "2024-01-15", 250, "已缴费"])), stored, ctx);
    expect(fixed.verdict).toBe("update");
    expect(prepareData(schema, mergeInto(stored.data, fixed.data!, targets, schema)).payments).toEqual([
      { date: "2024-01-15", amount: 1000, status: "已缴费" },
      { date: "2024-01-15", amount: 250, status: "已缴费" },
    ]);
    // A state changed on one of them: the one differing in its state only is updated.
    const paid = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", 200, "逾期"])), stored, ctx);
    expect(prepareData(schema, mergeInto(stored.data, paid.data!, targets, schema)).payments).toEqual([
      { date: "2024-01-15", amount: 1000, status: "已缴费" },
      { date: "2024-01-15", amount: 200, status: "逾期" },
    ]);
  });

  it("a row giving only some cells of a key two rows of the file share is refused, naming them, in either order", () => {
    for (const [a, b] of [[1000, 200], [200, 1000]]) {
      // Row 4 would give one of the two its 缴费状态.
      const out = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", a, null]), row(3, [null, null, "P1", null, "2024-01-15", b, null]), row(4, [null, null, "P1", null, "2024-01-15", null, "已缴费"])), null, ctx);
      expect(out.verdict).toBe("reject");
      expect(out.rows.find((r) => r.row === 4)).toEqual({
        row: 4,
        verdict: "reject",
        column: 4,
        reason: "第 2 行、第 3 行在「缴费记录」中都是 缴费日期 2024-01-15，这一行只给出了部分单元格，与它们都相符，无法确定属于哪一行：请把这一行填全，或与其中一行完全一致",
      });
    }
    // A row that adds nothing to either (its cells both hold) is a repeat, not a question.
    const repeat = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", 1000, "已缴费"]), row(3, [null, null, "P1", null, "2024-01-15", 200, "已缴费"]), row(4, [null, null, "P1", null, "2024-01-15", null, "已缴费"])), null, ctx);
    expect(repeat.verdict).toBe("create");
    expect(repeat.rows.find((r) => r.row === 4)?.verdict).toBe("duplicate");
  });

  it("a third payment of a day already holding one is added; two new amounts for a lone stored one are not guessed", () => {
    const stored = storedWith([{ date: "2024-01-15", amount: 1000, status: "已缴费" }]);
    const more = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", 1000, "已缴费"]), row(3, [null, null, "P1", null, "2024-01-15", 200, "已缴费"])), stored, ctx);
    expect(prepareData(schema, mergeInto(stored.data, more.data!, targets, schema)).payments).toHaveLength(2);
    const unclear = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", 900, "已缴费"]), row(3, [null, null, "P1", null, "2024-01-15", 200, "已缴费"])), stored, ctx);
    expect(unclear.verdict).toBe("reject");
    expect(unclear.rows.find((r) => r.column !== undefined)?.reason).toBe(
      "文件中本记录有 2 行「缴费记录」都是 缴费日期 2024-01-15，记录中只有 1 行，且与它们都不相同，无法确定哪一行是对它的修改：请在记录中直接修改，或让文件中其中一行与记录中的这一行一致",
    );
  });

  it("refuses to guess when the stored table has two rows with the file row's key", () => {
    const stored = storedWith([{ date: "2024-01-15", amount: 100, status: "未缴费" }, { date: "2024-01-15", amount: 200, status: "未缴费" }]);
    // 100 / 已缴费 differs from the first in its state only: that one is meant.
    const meant = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", 100, "已缴费"])), stored, ctx);
    expect(prepareData(schema, mergeInto(stored.data, meant.data!, targets, schema)).payments).toEqual([
      { date: "2024-01-15", amount: 100, status: "已缴费" },
      { date: "2024-01-15", amount: 200, status: "未缴费" },
    ]);
    const out = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", 150, "已缴费"])), stored, ctx);
    expect(out.verdict).toBe("reject");
    expect(out.rows).toEqual([{ row: 2, verdict: "reject", column: 4, reason: "记录中「缴费记录」有 2 行都是 缴费日期 2024-01-15，且都与文件中的这一行不同，无法确定该更新哪一行：请在记录中直接修改这几行，或让文件中的这一行与其中一行一致" }]);
    // The write refuses as well, should the record have changed between check and run.
    expect(() => mergeInto(stored.data, { payments: [{ date: "2024-01-15", status: "已缴费" }] }, targets, schema)).toThrow(/有 2 行都是 缴费日期 2024-01-15/);
  });

  it("a row whose cell cannot be read also names the record's other faults, leaving out what the unreadable cell caused", () => {
    // Row 2's 缴费金额 is a dash (a cell that cannot be read); row 3 (the same record) gives a payment without 缴费状态. Before, only
    // row 2's cell was named, and the fixed file was refused again for row 3 (tester round 7, P1-2).
    const out = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", "—", "已缴费"]), row(3, [null, null, "P1", null, "2024-02-15", 100, null])), null, ctx);
    expect(out.verdict).toBe("reject");
    // Row 2: its own cell only (the amount left out makes no "请填写缴费金额" beside it); row 3: its
    // own fault, where it said "与第 2 行属于同一条记录，一并退回".
    expect(out.rows).toEqual([
      { row: 2, verdict: "reject", column: 5, reason: "「缴费金额」“—”不是数字：没有请留空，是零请填 0" },
      { row: 3, verdict: "reject", column: 6, reason: "「缴费状态」请选择缴费状态" },
    ]);
  });

  it("a validation error of an updated stored row points at the file row that changed it", () => {
    const stored = storedWith([{ date: "2024-01-15", amount: 100, status: "未缴费" }, { date: "2024-02-15", amount: 100, status: "未缴费" }]);
    const out = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-03-15", 100, "已缴费"]), row(3, [null, null, "P1", null, "2024-02-15", -5, "已缴费"])), stored, ctx);
    expect(out.verdict).toBe("reject");
    expect(out.rows.find((r) => r.column !== undefined)).toMatchObject({ row: 3, column: 5 });
  });

  it("a table without a row key keeps whole-row matching: a changed status is another row", () => {
    const plain = structuredClone(schema);
    delete (plain.properties!.payments as Record<string, unknown>)["x-rowKey"];
    const stored = storedWith([{ date: "2024-01-15", amount: 100, status: "未缴费" }]);
    const out = evaluateGroup(group(row(2, ["张三", id, "P1", "人寿险", "2024-01-15", 100, "已缴费"])), stored, { ...ctx, schema: plain });
    expect(prepareData(plain, mergeInto(stored.data, out.data!, targets, plain)).payments).toHaveLength(2);
  });
});
