import { describe, expect, it } from "vitest";
import archive from "../../schemas/customer-archive.json";
import { listFields } from "../schema/fields";
import type { JsonSchema } from "../schema/types";
import { keepRemovedValues } from "./keep-removed-values";

const schema = structuredClone(archive.schema) as unknown as JsonSchema;
schema.properties!.beneficiary["x-removed"] = true;
schema.properties!.basic.properties!.email["x-removed"] = true;
const fields = listFields(schema);

describe("keepRemovedValues", () => {
  const stored = { basic: { name: "张三", email: "a@b.cn" }, beneficiary: { isLegal: false, list: [{ name: "李四", share: 100 }] } };

  it("puts back stored values of removed fields and sections the form did not send", () => {
    const out = keepRemovedValues(fields, stored, { basic: { name: "张三丰" } });
    expect(out).toEqual({ basic: { name: "张三丰", email: "a@b.cn" }, beneficiary: stored.beneficiary });
  });

  it("ignores changes sent for removed fields, and does not invent values", () => {
    expect(keepRemovedValues(fields, stored, { basic: { name: "x", email: "new@b.cn" }, beneficiary: { isLegal: true } })).toEqual({
      basic: { name: "x", email: "a@b.cn" },
      beneficiary: stored.beneficiary,
    });
    expect(keepRemovedValues(fields, { basic: { name: "x" } }, { basic: { name: "y", email: "z@b.cn" } })).toEqual({ basic: { name: "y" } });
  });

  it("leaves non-objects to validation", () => {
    expect(keepRemovedValues(fields, stored, "nope")).toBe("nope");
  });
});
