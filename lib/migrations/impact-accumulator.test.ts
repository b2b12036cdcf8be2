import { describe, expect, it } from "vitest";
import archive from "../../schemas/customer-archive.json";
import { changeKind } from "../template-model/change-kind";
import { fromContent } from "../template-model/from-content";
import { updateField } from "../template-model/model-paths";
import { toContent } from "../template-model/to-content";
import type { TemplateContent } from "../schema/types";
import { createImpactAccumulator, impactReason } from "./impact-accumulator";

const v1 = { schema: archive.schema, uiSchema: archive.uiSchema, list: archive.list } as unknown as TemplateContent;

function record(i: number, basic: Record<string, unknown>, policy: Record<string, unknown> = {}) {
  return {
    id: `r${i}`,
    templateVersion: 1,
    data: {
      basic: { name: `客户${i}`, idNumber: "11010519491231002X", ...basic },
      policy: { policyNo: `P${i}`, insuranceType: "人寿险", ...policy },
      payments: [{ date: "2024-01-01", amount: 100, status: "已缴费", method: "现金" }],
    },
  };
}

describe("impact analysis", () => {
  it("finds nothing when records fit the candidate", () => {
    const impact = createImpactAccumulator(v1);
    impact.add(record(1, { mobile: "13800138000" }));
    expect(impact.result()).toEqual({ total: 1, failing: 0, groups: [] });
  });

  it("groups failing records by reason and field with exact counts and a bounded list", () => {
    let m = fromContent(v1);
    m = updateField(m, "basic.mobile", (f) => ({ ...f, required: true }));
    m = updateField(m, "payments.method", (f) => ({ ...f, options: f.options!.filter((o) => o !== "现金") }));
    m = updateField(m, "basic.customerNo", (f) => changeKind(f, "integer"));
    m = updateField(m, "policy.productName", (f) => ({ ...f, pattern: "^[A-Z]" }));
    m = updateField(m, "basic.name", (f) => ({ ...f, maxLength: 3 }));
    const impact = createImpactAccumulator(toContent(m), 2);
    for (let i = 0; i < 5; i++) impact.add(record(i, { customerNo: i < 2 ? "KH1" : undefined, name: i === 4 ? "很长的名字啊" : `客户${i}` }, { productName: "abc" }));
    const report = impact.result();
    expect(report.total).toBe(5);
    expect(report.failing).toBe(5);
    const byReason = Object.fromEntries(report.groups.map((g) => [g.reason, g]));
    expect(report.groups.map((g) => g.reason)).toEqual(["required", "choiceRemoved", "typeNarrowed", "pattern", "other"]);
    expect(byReason.required).toMatchObject({ count: 5, label: "字段改为必填", truncated: true, fields: [{ path: "basic.mobile", label: "客户基础信息 › 手机号码", count: 5 }] });
    expect(byReason.required.records.map((r) => r.id)).toEqual(["r0", "r1"]);
    expect(byReason.choiceRemoved.fields).toEqual([{ path: "payments.method", label: "缴费记录 › 缴费方式", count: 5 }]);
    expect(byReason.typeNarrowed).toMatchObject({ count: 2, truncated: false, fields: [{ path: "basic.customerNo", count: 2 }] });
    expect(byReason.pattern.count).toBe(5);
    // The title is the customer's name, personal data: masked here like in every list.
    expect(byReason.other).toMatchObject({ count: 1, records: [{ id: "r4", title: "很*****" }] });
    expect(byReason.other.records[0].errors[0].message).toBe("客户姓名最多 3 个字符");
  });

  it("lists the first records by id whatever order they arrive in", () => {
    let m = fromContent(v1);
    m = updateField(m, "basic.mobile", (f) => ({ ...f, required: true }));
    const content = toContent(m);
    const ids = ["r5", "r2", "r8", "r1", "r9", "r3"];
    const shuffled = createImpactAccumulator(content, 3);
    for (const id of ids) shuffled.add({ ...record(0, {}), id });
    const ordered = createImpactAccumulator(content, 3);
    for (const id of [...ids].sort()) ordered.add({ ...record(0, {}), id });
    expect(shuffled.result()).toEqual(ordered.result());
    expect(shuffled.result().groups[0]).toMatchObject({ count: 6, truncated: true, records: [{ id: "r1" }, { id: "r2" }, { id: "r3" }] });
    const few = createImpactAccumulator(content, 3);
    for (const id of ["r2", "r1"]) few.add({ ...record(0, {}), id });
    expect(few.result().groups[0]).toMatchObject({ truncated: false, records: [{ id: "r1" }, { id: "r2" }] });
  });

  it("cleans records the way a save would before judging them", () => {
    let m = fromContent(v1);
    m = updateField(m, "policy.sumInsured", (f) => ({ ...f, max: 2000000 }));
    const impact = createImpactAccumulator(toContent(m));
    impact.add(record(1, {}, { sumInsured: "100万" }));
    impact.add(record(2, {}, { sumInsured: "300万" }));
    expect(impact.result()).toMatchObject({ total: 2, failing: 1, groups: [{ reason: "other", records: [{ id: "r2" }] }] });
  });

  it("classifies errors by keyword", () => {
    const e = (keyword: string) => ({ path: "", label: "", message: "", keyword });
    expect(["required", "enum", "type", "format", "pattern", "maximum"].map((k) => impactReason(e(k)))).toEqual(["required", "choiceRemoved", "typeNarrowed", "typeNarrowed", "pattern", "other"]);
  });

  it("counts records whose value of a unique field another record already holds", () => {
    const m = updateField(fromContent(v1), "basic.mobile", (f) => ({ ...f, unique: true }));
    const impact = createImpactAccumulator(toContent(m));
    impact.add(record(1, { mobile: "13800138000" }));
    impact.add(record(2, { mobile: "13800138000" }));
    impact.add(record(3, { mobile: "13900139000" }));
    impact.add(record(4, {}));
    const report = impact.result();
    // Both records of the pair are listed (either may be saved first and keep the value).
    expect(report).toMatchObject({ total: 4, failing: 2 });
    expect(report.groups).toEqual([
      expect.objectContaining({ reason: "duplicate", count: 2, fields: [{ path: "basic.mobile", label: "客户基础信息 › 手机号码", count: 2 }], records: [expect.objectContaining({ id: "r1" }), expect.objectContaining({ id: "r2" })] }),
    ]);
    expect(report.groups[0].records[0].errors[0]).toMatchObject({ keyword: "x-unique", message: "手机号码的值与另一条记录重复" });
    // Whatever order the records arrive in.
    const reversed = createImpactAccumulator(toContent(m));
    for (const i of [4, 3, 2, 1]) reversed.add(record(i, i === 3 ? { mobile: "13900139000" } : i === 4 ? {} : { mobile: "13800138000" }));
    expect(reversed.result()).toEqual(report);
  });
});

