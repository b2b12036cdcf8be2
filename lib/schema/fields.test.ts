import { describe, expect, it } from "vitest";
import { fields, schema } from "@/tests/support/default-template";
import { fieldKind, fieldOptions, getByPath, listFields, orderedKeys, schemaAt, valueFieldMap } from "./fields";
import type { FieldKind, JsonSchema } from "./types";

describe("listFields on the default template", () => {
  it("lists every field depth-first in display order with its kind", () => {
    expect(fields.map((f) => [f.path, f.kind, f.inArray])).toEqual([
      ["basic", "section", false],
      ["basic.customerNo", "text", false],
      ["basic.name", "text", false],
      ["basic.idNumber", "idNumber", false],
      ["basic.gender", "select", false],
      ["basic.birthDate", "date", false],
      ["basic.mobile", "mobile", false],
      ["basic.email", "email", false],
      ["basic.address", "address", false],
      ["policy", "section", false],
      ["policy.policyNo", "text", false],
      ["policy.productName", "text", false],
      ["policy.insuranceType", "select", false],
      ["policy.applicationDate", "date", false],
      ["policy.sumInsured", "money", false],
      ["policy.premium", "money", false],
      ["policy.paymentMethod", "select", false],
      ["policy.startDate", "date", false],
      ["policy.endDate", "date", false],
      ["policyholder", "section", false],
      ["policyholder.relation", "select", false],
      ["policyholder.name", "text", false],
      ["policyholder.idNumber", "idNumber", false],
      ["policyholder.contact", "phone", false],
      ["beneficiary", "section", false],
      ["beneficiary.isLegal", "boolean", false],
      ["beneficiary.list", "table", false],
      ["beneficiary.list.name", "text", true],
      ["beneficiary.list.idNumber", "idNumber", true],
      ["beneficiary.list.contact", "phone", true],
      ["beneficiary.list.relation", "select", true],
      ["beneficiary.list.share", "percent", true],
      ["status", "section", false],
      ["status.state", "select", false],
      ["status.changedAt", "date", false],
      ["payments", "table", false],
      ["payments.date", "date", true],
      ["payments.amount", "money", true],
      ["payments.method", "select", true],
      ["payments.status", "select", true],
      ["claims", "table", false],
      ["claims.applyDate", "date", true],
      ["claims.amount", "money", true],
      ["claims.reason", "text", true],
      ["claims.status", "select", true],
      ["claims.remark", "text", true],
      ["communications", "table", false],
      ["communications.date", "date", true],
      ["communications.method", "select", true],
      ["communications.content", "textarea", true],
      ["communications.needFollowUp", "boolean", true],
      ["communications.followUpItem", "text", true],
      ["communications.followUpDate", "date", true],
      ["notes", "section", false],
      ["notes.remarks", "textarea", false],
    ]);
  });

  it("carries titles, segments, sections, options and personal-data kinds", () => {
    const byPath = new Map(fields.map((f) => [f.path, f]));
    expect(byPath.get("basic.idNumber")).toMatchObject({ title: "身份证号码", segments: ["basic", "idNumber"], key: "idNumber", section: "basic", pii: "idNumber" });
    expect(byPath.get("policy.insuranceType")).toMatchObject({ options: ["人寿险", "健康险", "意外险", "财产险", "车险", "年金险", "其他"], filterable: true });
    expect(byPath.get("beneficiary.list.share")).toMatchObject({ segments: ["beneficiary", "list", "share"], section: "beneficiary", inArray: true });
    expect(byPath.get("basic.name")?.pii).toBe("name");
    expect(byPath.get("policyholder.name")?.pii).toBe("name");
    expect(fields.every((f) => !f.removed)).toBe(true);
  });

  it("valueFieldMap leaves out sections and tables", () => {
    const map = valueFieldMap(fields);
    expect(map.has("basic")).toBe(false);
    expect(map.has("payments")).toBe(false);
    expect(map.has("payments.amount")).toBe(true);
    expect(map.size).toBe(fields.filter((f) => f.kind !== "section" && f.kind !== "table").length);
  });
});

describe("fieldKind", () => {
  const cases: [FieldKind, JsonSchema, Record<string, unknown>?][] = [
    ["section", { type: "object", properties: {} }],
    ["table", { type: "array", items: { type: "object", properties: {} } }],
    ["multiselect", { type: "array", items: { type: "string", enum: ["a", "b"] } }],
    ["text", { type: "string" }],
    ["textarea", { type: "string" }, { "ui:widget": "textarea" }],
    ["number", { type: "number" }],
    ["money", { type: "number", "x-kind": "money" }],
    ["percent", { type: "number", "x-kind": "percent" }],
    ["integer", { type: "integer" }],
    ["date", { type: "string", format: "date" }],
    ["datetime", { type: "string", format: "date-time" }],
    ["select", { type: "string", enum: ["a"] }],
    ["boolean", { type: "boolean" }],
    ["mobile", { type: "string", format: "cn-mobile" }],
    ["phone", { type: "string", format: "cn-phone" }],
    ["email", { type: "string", format: "email" }],
    ["idNumber", { type: "string", format: "cn-resident-id" }],
    ["address", { type: "string", "x-kind": "address" }, { "ui:widget": "textarea" }],
    ["number", { type: ["number", "null"] }],
  ];
  it.each(cases)("%s", (kind, s, ui) => {
    expect(fieldKind(s, ui)).toBe(kind);
  });

  it("fieldOptions reads enums of selects and of multiselect items", () => {
    expect(fieldOptions({ type: "string", enum: ["a", "b"] })).toEqual(["a", "b"]);
    expect(fieldOptions({ type: "array", items: { type: "string", enum: ["x"] } })).toEqual(["x"]);
    expect(fieldOptions({ type: "string" })).toBeUndefined();
  });
});

describe("orderedKeys, schemaAt, getByPath", () => {
  it("orders keys by ui:order, then the rest in schema order, ignoring unknown names", () => {
    const s: JsonSchema = { type: "object", properties: { a: {}, b: {}, c: {} } };
    expect(orderedKeys(s, { "ui:order": ["c", "zzz", "a"] })).toEqual(["c", "a", "b"]);
    expect(orderedKeys(s)).toEqual(["a", "b", "c"]);
  });

  it("schemaAt follows properties and array items", () => {
    expect(schemaAt(schema, ["beneficiary", "list", 3, "share"])?.title).toBe("受益比例");
    expect(schemaAt(schema, ["beneficiary", "list", "3", "share"])?.title).toBe("受益比例");
    expect(schemaAt(schema, ["basic", "nope"])).toBeUndefined();
    expect(schemaAt(schema, ["basic", "name", "deeper"])).toBeUndefined();
    expect(schemaAt(schema, [])).toBe(schema);
  });

  it("getByPath reads nested values and stops at non-objects", () => {
    const data = { a: { b: { c: 1 } }, s: "text" };
    expect(getByPath(data, ["a", "b", "c"])).toBe(1);
    expect(getByPath(data, ["a", "x", "c"])).toBeUndefined();
    expect(getByPath(data, ["s", "length"])).toBeUndefined();
    expect(getByPath(null, ["a"])).toBeUndefined();
  });
});

describe("listFields on a custom schema", () => {
  it("marks removed fields and nests tables in sections", () => {
    const s: JsonSchema = {
      type: "object",
      properties: {
        sec: {
          type: "object",
          title: "节",
          properties: {
            old: { type: "string", title: "旧", "x-removed": true },
            rows: { type: "array", title: "行", items: { type: "object", properties: { v: { type: "integer", title: "值" } } } },
          },
        },
      },
    };
    const out = listFields(s);
    expect(out.map((f) => [f.path, f.kind, f.inArray, f.removed])).toEqual([
      ["sec", "section", false, false],
      ["sec.old", "text", false, true],
      ["sec.rows", "table", false, false],
      ["sec.rows.v", "integer", true, false],
    ]);
  });
});
