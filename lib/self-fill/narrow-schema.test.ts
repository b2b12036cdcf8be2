import { describe, expect, it } from "vitest";
import customerArchive from "../../schemas/customer-archive.json";
import { prepareData, validateData } from "../schema/validate";
import type { JsonSchema, UiSchema } from "../schema/types";
import { narrowSchema, narrowUiSchema, unknownFields, withOptional } from "./narrow-schema";

const schema = customerArchive.schema as unknown as JsonSchema;
const uiSchema = customerArchive.uiSchema as unknown as UiSchema;

describe("narrowing a template schema to a link's sections", () => {
  it("keeps only the offered sections and their required, closed to anything else", () => {
    const narrowed = narrowSchema(schema, ["basic", "beneficiary"]);
    expect(Object.keys(narrowed.properties ?? {})).toEqual(["basic", "beneficiary"]);
    // The root requires basic and policy; policy is not offered, so only basic stays required.
    expect(narrowed.required).toEqual(["basic"]);
    expect(narrowed.additionalProperties).toBe(false);
    // The section keeps its own rules: shares must add up to 100.
    const data = prepareData(narrowed, {
      basic: { name: "张三", idNumber: "11010519491231002X" },
      beneficiary: { isLegal: false, list: [{ name: "李四", idNumber: "11010519491231002X", share: 60 }] },
    });
    expect(validateData(narrowed, data).map((e) => e.keyword)).toContain("x-sumEquals");
    // Another section's data is refused by the narrowed schema.
    expect(validateData(narrowed, { ...data, policy: { policyNo: "P1" } }).length).toBeGreaterThan(0);
  });

  it("returns the same object for the same sections (compiled once) and drops sections from ui:order", () => {
    expect(narrowSchema(schema, ["beneficiary", "basic"])).toBe(narrowSchema(schema, ["basic", "beneficiary"]));
    const ui = narrowUiSchema(uiSchema, ["basic"]);
    expect(ui["ui:order"]).toEqual(["basic"]);
    expect(ui.policy).toBeUndefined();
  });

  it("names fields the schema does not have, at any depth", () => {
    const narrowed = narrowSchema(schema, ["basic", "beneficiary"]);
    expect(unknownFields(narrowed, { basic: { name: "张三", extra: 1 }, beneficiary: { list: [{ name: "x", evil: true }] }, policy: {} })).toEqual([
      "/basic/extra",
      "/beneficiary/list/0/evil",
      "/policy",
    ]);
    expect(unknownFields(narrowed, { basic: { name: "张三" } })).toEqual([]);
  });

  it("makes stored personal data optional for the customer's form only", () => {
    const narrowed = narrowSchema(schema, ["basic"]);
    const optional = withOptional(narrowed, ["basic.idNumber"]);
    expect(optional.properties?.basic.required).toEqual(["name"]);
    expect(narrowed.properties?.basic.required).toEqual(["name", "idNumber"]);
  });
});
