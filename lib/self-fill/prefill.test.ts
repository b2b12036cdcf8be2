import { describe, expect, it } from "vitest";
import customerArchive from "../../schemas/customer-archive.json";
import type { JsonSchema } from "../schema/types";
import { narrowSchema } from "./narrow-schema";
import { keepStoredPii, prefill, setAtPointer } from "./prefill";

const schema = narrowSchema(customerArchive.schema as unknown as JsonSchema, ["basic", "beneficiary"]);
const stored = {
  basic: { name: "张三", idNumber: "11010519491231002X", gender: "女", address: "北京市朝阳区某街道 1 号" },
  beneficiary: { isLegal: false, list: [{ name: "李四", idNumber: "11010519491231002X", share: 100, relation: "子女" }] },
  policy: { policyNo: "P-1" },
};

describe("prefilling a customer's form", () => {
  it("never sends personal data in full: masked hints for a section's fields, left out of table rows", () => {
    const { data, placeholders, optional } = prefill(schema, stored);
    expect(JSON.stringify(data)).not.toContain("11010519491231002X");
    expect(JSON.stringify(data)).not.toContain("某街道");
    expect(JSON.stringify(data)).not.toContain("李四");
    expect(JSON.stringify(data)).not.toContain("P-1");
    // The customer's name is personal data in the archive (PIPL): a masked hint too.
    expect(JSON.stringify(data)).not.toContain("张三");
    expect(data.basic).toEqual({ gender: "女" });
    expect(data.beneficiary).toEqual({ isLegal: false, list: [{ share: 100, relation: "子女" }] });
    expect(placeholders).toMatchObject({ basic: { name: { "ui:placeholder": expect.stringMatching(/^张\*+$/) }, idNumber: { "ui:placeholder": "1101**********002X" }, address: { "ui:placeholder": "北京市朝阳区******" } } });
    expect(optional.sort()).toEqual(["basic.address", "basic.idNumber", "basic.name"]);
  });

  it("keeps stored section-level personal data the customer left blank, never in table rows", () => {
    const merged = keepStoredPii(schema, stored, { basic: { name: "张三", idNumber: "", gender: "女" }, beneficiary: { isLegal: false, list: [{ share: 100 }] } });
    expect(merged.basic).toMatchObject({ name: "张三", idNumber: "11010519491231002X", address: "北京市朝阳区某街道 1 号" });
    expect(merged.beneficiary).toEqual({ isLegal: false, list: [{ share: 100 }] });
    expect(keepStoredPii(schema, stored, { basic: { idNumber: "110101199003077777" } }).basic).toMatchObject({ idNumber: "110101199003077777" });
  });
});

describe("setting a proposed value at a pointer", () => {
  it("makes rows on the way, removes values, drops emptied rows and ignores prototype keys", () => {
    const data: Record<string, unknown> = { basic: { name: "a" } };
    setAtPointer(data, "/beneficiary/list/0/name", "李四");
    setAtPointer(data, "/beneficiary/list/0/share", 100);
    expect(data.beneficiary).toEqual({ list: [{ name: "李四", share: 100 }] });
    setAtPointer(data, "/beneficiary/list/0/name", undefined);
    setAtPointer(data, "/beneficiary/list/0/share", undefined);
    expect(data.beneficiary).toEqual({ list: [] });
    setAtPointer(data, "/__proto__/polluted", 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
