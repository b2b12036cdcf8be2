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

describe("prefill and keepStoredPii at the edges", () => {
  it("fills stored personal data only into the sections the customer sent", () => {
    const merged = keepStoredPii(schema, stored, { beneficiary: { isLegal: false, list: [{ share: 100 }] } });
    expect(Object.keys(merged)).toEqual(["beneficiary"]);
    expect(JSON.stringify(merged)).not.toContain("11010519491231002X");
  });

  it("skips fields taken out of the template (x-removed), personal or not", () => {
    const withRemoved = structuredClone(schema);
    withRemoved.properties!.basic.properties!.gender["x-removed"] = true;
    withRemoved.properties!.basic.properties!.address["x-removed"] = true;
    const { data, placeholders, optional } = prefill(withRemoved, stored);
    expect(data.basic).toEqual({});
    expect(JSON.stringify(placeholders)).not.toContain("北京");
    expect(optional).not.toContain("basic.address");
  });

  it("strips personal data at every depth: tables of objects inside objects inside tables", () => {
    const deep: JsonSchema = {
      type: "object",
      properties: {
        family: {
          type: "object",
          properties: {
            note: { type: "string" },
            head: { type: "object", properties: { phone: { type: "string", "x-pii": "phone" }, city: { type: "string" } } },
            members: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  relation: { type: "string" },
                  old: { type: "string", "x-removed": true },
                  contacts: { type: "array", items: { type: "object", properties: { kind: { type: "string" }, phone: { type: "string", "x-pii": "phone" } } } },
                  id: { type: "object", properties: { number: { type: "string", "x-pii": "idNumber" } } },
                },
              },
            },
          },
        },
      },
    };
    const data = {
      family: {
        note: "n",
        head: { phone: "13800138000", city: "上海" },
        members: [{ relation: "子女", old: "gone", contacts: [{ kind: "手机", phone: "13900139000" }], id: { number: "11010519491231002X" } }],
      },
    };
    const out = prefill(deep, data).data;
    expect(out).toEqual({ family: { note: "n", head: { city: "上海" }, members: [{ relation: "子女", contacts: [{ kind: "手机" }], id: {} }] } });
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
