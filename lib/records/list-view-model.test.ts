import { describe, expect, it } from "vitest";
import archive from "@/schemas/customer-archive.json";
import { listFields } from "@/lib/schema/fields";
import type { JsonSchema, ListSettings, UiSchema } from "@/lib/schema/types";
import { groupBySection, listColumns, listFieldsForFilters, searchFieldTitles } from "./list-view-model";

const fields = listFields(archive.schema as JsonSchema, archive.uiSchema as UiSchema);
const list = archive.list as ListSettings;

describe("listFieldsForFilters", () => {
  const filterable = listFieldsForFilters(fields);
  const byPath = new Map(filterable.map((f) => [f.path, f]));
  it("offers value fields only, with their operators, and pins x-filterable ones", () => {
    expect(filterable.some((f) => f.kind === "section" || f.kind === "table")).toBe(false);
    expect(byPath.get("policy.insuranceType")).toMatchObject({ pinned: true, ops: ["in", "empty", "notEmpty"], sectionTitle: "保单信息" });
    expect(byPath.get("basic.idNumber")).toMatchObject({ pinned: false, ops: ["eq", "empty", "notEmpty"] });
  });
  it("names fields inside tables with their table", () => {
    expect(byPath.get("beneficiary.list.name")?.label).toBe("指定受益人 › 姓名");
    expect(byPath.get("payments.status")?.label).toBe("缴费记录 › 缴费状态");
    expect(byPath.get("basic.name")?.label).toBe("客户姓名");
  });
  it("leaves personal data out for roles that see it masked", () => {
    const masked = listFieldsForFilters(fields, { personalData: false });
    expect(masked.some((f) => f.pii)).toBe(false);
    expect(masked.map((f) => f.path)).toContain("policy.insuranceType");
    expect(filterable.some((f) => f.path === "basic.mobile")).toBe(true);
  });
  it("groups by section in template order", () => {
    const groups = groupBySection(filterable);
    expect(groups[0].title).toBe("客户基础信息");
    expect(groups.map((g) => g.section)).toEqual([...new Set(filterable.map((f) => f.section))]);
  });
});

describe("listColumns", () => {
  it("takes titles from fields, right-aligns numbers and knows meta columns", () => {
    const cols = listColumns(fields, list);
    expect(cols.map((c) => c.id)).toEqual(list.columns);
    expect(cols.find((c) => c.id === "policy.sumInsured")).toMatchObject({ title: "保险金额", numeric: true, sortable: true });
    expect(cols.find((c) => c.id === "@updatedAt")).toMatchObject({ meta: true, sortable: true });
  });
  it("does not sort by personal data for roles that see it masked", () => {
    const cols = listColumns(fields, list, { personalData: false });
    expect(cols.find((c) => c.id === "basic.idNumber")?.sortable).toBe(false);
    // 客户姓名 is personal data too (PIPL); 保单号 is not.
    expect(cols.find((c) => c.id === "basic.name")?.sortable).toBe(false);
    expect(cols.find((c) => c.id === "policy.policyNo")?.sortable).toBe(true);
  });
  it("drops columns whose field no longer exists and does not sort by table cells", () => {
    const cols = listColumns(fields, { ...list, columns: ["nope.gone", "payments.amount", "basic.name"] });
    expect(cols.map((c) => [c.id, c.sortable])).toEqual([["payments.amount", false], ["basic.name", true]]);
  });
});

describe("searchFieldTitles", () => {
  it("names the template's own searchable fields, list columns first", () => {
    const titles = searchFieldTitles(fields, list);
    expect(titles).toHaveLength(3);
    const columnTitles = listColumns(fields, list).map((c) => c.title);
    expect(columnTitles.slice(0, 2)).toEqual(titles.slice(0, 2));
  });
  it("follows another template: no field, no names; a renamed label, the new label", () => {
    const other: JsonSchema = { type: "object", properties: { a: { type: "object", title: "车辆", properties: { plate: { type: "string", title: "车牌号" }, seats: { type: "integer", title: "座位数" } } } } };
    const otherFields = listFields(other, {});
    expect(searchFieldTitles(otherFields, { columns: ["a.seats"], defaultSort: { field: "@updatedAt", dir: "desc" } })).toEqual(["车牌号"]);
    expect(searchFieldTitles(listFields({ type: "object", properties: {} }, {}), list)).toEqual([]);
  });
});
