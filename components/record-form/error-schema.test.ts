import { describe, expect, it } from "vitest";
import { fieldId, isTouched, pathOfId, toErrorSchema, valueAt } from "./error-schema";

describe("record form error helpers", () => {
  it("nests errors by path and drops duplicate messages", () => {
    const schema = toErrorSchema([
      { path: "/basic/idNumber", label: "", message: "坏", keyword: "format" },
      { path: "/basic/idNumber", label: "", message: "坏", keyword: "format" },
      { path: "/beneficiary/list/1/share", label: "", message: "大", keyword: "maximum" },
    ]);
    expect(schema).toEqual({ basic: { idNumber: { __errors: ["坏"] } }, beneficiary: { list: { 1: { share: { __errors: ["大"] } } } } });
  });

  it("maps ids and paths both ways", () => {
    expect(fieldId("/beneficiary/list/0/name")).toBe("root.beneficiary.list.0.name");
    expect(pathOfId("root.beneficiary.list.0.name")).toBe("/beneficiary/list/0/name");
  });

  it("shows an error once the field, a child or a parent was touched", () => {
    const touched = new Set(["/beneficiary/list/0/share"]);
    expect(isTouched("/beneficiary/list", touched)).toBe(true);
    expect(isTouched("/beneficiary/list/0/share", touched)).toBe(true);
    expect(isTouched("/basic/name", touched)).toBe(false);
    expect(isTouched("/beneficiary/listing", touched)).toBe(false);
  });

  it("reads values by pointer", () => {
    expect(valueAt({ a: { b: [{ c: 1 }] } }, "/a/b/0/c")).toBe(1);
    expect(valueAt({ a: 1 }, "/a/b")).toBeUndefined();
  });
});
