import { describe, expect, it } from "vitest";
import { list as dict } from "@/lib/i18n/dictionaries/list";
import { draftFrom, editorKind, filterSummary, filtersFrom, type FilterDraft } from "./filter-draft";
import type { ListField } from "@/lib/records/list-view-model";

const field = (patch: Partial<ListField>): ListField => ({ path: "s.f", title: "字段", label: "字段", kind: "text", pinned: false, section: "s", sectionTitle: "分组", ops: ["contains", "eq", "empty", "notEmpty"], ...patch });
const type = field({ path: "p.type", title: "保险类型", kind: "select", options: ["人寿险", "健康险", "车险"], ops: ["in", "empty", "notEmpty"] });
const money = field({ path: "p.sum", title: "保险金额", kind: "money", ops: ["gte", "lte", "empty", "notEmpty"] });
const date = field({ path: "p.start", title: "起始日期", kind: "date", ops: ["gte", "lte", "empty", "notEmpty"] });
const bool = field({ path: "b.legal", title: "法定受益人", kind: "boolean", ops: ["is"] });
const id = field({ path: "b.id", title: "身份证号码", kind: "idNumber", pii: "idNumber", ops: ["eq", "empty", "notEmpty"] });
const empty: FilterDraft = { mode: "value", textOp: "contains", text: "", picked: [], min: "", max: "", bool: "" };
const t = dict.zh.filters;

describe("editorKind", () => {
  it("picks the editor from the operators a field offers", () => {
    expect(editorKind(type)).toBe("options");
    expect(editorKind(money)).toBe("range");
    expect(editorKind(date)).toBe("dateRange");
    expect(editorKind(bool)).toBe("boolean");
    expect(editorKind(id)).toBe("text");
  });
});

describe("filtersFrom", () => {
  it("turns ticked options into one `in` filter in the template's order", () => {
    expect(filtersFrom(type, { ...empty, picked: ["车险", "人寿险"] })).toEqual({ filters: [{ path: "p.type", op: "in", value: ["人寿险", "车险"] }] });
    expect(filtersFrom(type, empty)).toEqual({ error: { key: "pickOne" } });
  });
  it("reads money as people write it and checks the range", () => {
    expect(filtersFrom(money, { ...empty, min: "10万", max: "1,000,000" })).toEqual({ filters: [{ path: "p.sum", op: "gte", value: 100000 }, { path: "p.sum", op: "lte", value: 1000000 }] });
    expect(filtersFrom(money, { ...empty, max: "5000" })).toEqual({ filters: [{ path: "p.sum", op: "lte", value: 5000 }] });
    expect(filtersFrom(money, { ...empty, min: "abc" })).toEqual({ error: { key: "notNumber", value: "abc" } });
    expect(filtersFrom(money, { ...empty, min: "9", max: "1" })).toEqual({ error: { key: "range" } });
    expect(filtersFrom(money, empty)).toEqual({ error: { key: "rangeEmpty" } });
  });
  it("normalizes dates and refuses a reversed range", () => {
    expect(filtersFrom(date, { ...empty, min: "2023/1/1" })).toEqual({ filters: [{ path: "p.start", op: "gte", value: "2023-01-01" }] });
    expect(filtersFrom(date, { ...empty, min: "2023-12-31", max: "2023-01-01" })).toEqual({ error: { key: "dateRange" } });
  });
  it("needs a yes or no for booleans", () => {
    expect(filtersFrom(bool, { ...empty, bool: "false" })).toEqual({ filters: [{ path: "b.legal", op: "is", value: false }] });
    expect(filtersFrom(bool, empty)).toEqual({ error: { key: "pickBoolean" } });
  });
  it("uses only operators the field offers for text", () => {
    expect(filtersFrom(id, { ...empty, textOp: "contains", text: " 110105 " })).toEqual({ filters: [{ path: "b.id", op: "eq", value: "110105" }] });
    expect(filtersFrom(field({}), { ...empty, text: "张" })).toEqual({ filters: [{ path: "s.f", op: "contains", value: "张" }] });
    expect(filtersFrom(field({}), { ...empty, text: "  " })).toEqual({ error: { key: "required" } });
  });
  it("turns the empty modes into value-less filters", () => {
    expect(filtersFrom(money, { ...empty, mode: "notEmpty", min: "ignored" })).toEqual({ filters: [{ path: "p.sum", op: "notEmpty" }] });
  });
});

describe("draftFrom", () => {
  it("round-trips the filters it was built from", () => {
    const filters = [{ path: "p.sum", op: "gte" as const, value: 100000 }, { path: "p.sum", op: "lte" as const, value: 200000 }, { path: "other", op: "empty" as const }];
    const draft = draftFrom(money, filters);
    expect(draft).toMatchObject({ mode: "value", min: "100000", max: "200000" });
    expect(filtersFrom(money, draft)).toEqual({ filters: filters.slice(0, 2) });
    expect(draftFrom(type, [{ path: "p.type", op: "in", value: ["车险"] }]).picked).toEqual(["车险"]);
    expect(draftFrom(bool, [{ path: "b.legal", op: "is", value: true }]).bool).toBe("true");
    expect(draftFrom(id, []).textOp).toBe("eq");
    expect(draftFrom(type, [{ path: "p.type", op: "notEmpty" }]).mode).toBe("notEmpty");
  });
});

describe("filterSummary", () => {
  it("describes each kind of filter briefly", () => {
    expect(filterSummary(type, [{ path: "p.type", op: "in", value: ["车险", "健康险"] }], t, "zh")).toBe("车险、健康险");
    expect(filterSummary(date, [{ path: "p.start", op: "gte", value: "2023-01-01" }, { path: "p.start", op: "lte", value: "2023-12-31" }], t, "zh")).toBe("2023-01-01 ~ 2023-12-31");
    expect(filterSummary(money, [{ path: "p.sum", op: "gte", value: 100000 }], t, "zh")).toBe("≥ ¥100,000.00");
    expect(filterSummary(money, [{ path: "p.sum", op: "lte", value: 5 }], t, "zh")).toBe("≤ ¥5.00");
    expect(filterSummary(bool, [{ path: "b.legal", op: "is", value: false }], t, "zh")).toBe("否");
    expect(filterSummary(field({}), [{ path: "s.f", op: "contains", value: "张" }], t, "zh")).toBe("包含“张”");
    expect(filterSummary(id, [{ path: "b.id", op: "empty" }], t, "zh")).toBe("为空");
    expect(filterSummary(type, [{ path: "p.type", op: "in", value: ["车险", "健康险"] }], dict.en.filters, "en")).toBe("车险, 健康险");
  });
  it("is empty for a field without filters", () => {
    expect(filterSummary(type, [{ path: "x", op: "empty" }], t, "zh")).toBe("");
  });
});

describe("a table's date by month", () => {
  const paid = field({ path: "payments.date", title: "缴费日期", kind: "date", ops: ["month"] });
  it("takes a month as people write it and shows it on the chip", () => {
    expect(editorKind(paid)).toBe("month");
    for (const text of ["2024-02", "2024/2", "2024.02", "2024年2月", " 2024-2 "]) expect(filtersFrom(paid, { ...empty, text })).toEqual({ filters: [{ path: "payments.date", op: "month", value: "2024-02" }] });
    expect(filtersFrom(paid, { ...empty, text: "2024-13" })).toEqual({ error: { key: "notMonth", value: "2024-13" } });
    expect(filtersFrom(paid, { ...empty, text: "" })).toEqual({ error: { key: "required" } });
    expect(draftFrom(paid, [{ path: "payments.date", op: "month", value: "2024-02" }]).text).toBe("2024-02");
    expect(filterSummary(paid, [{ path: "payments.date", op: "month", value: "2024-02" }], t, "zh")).toBe("2024-02 月内");
  });
});
