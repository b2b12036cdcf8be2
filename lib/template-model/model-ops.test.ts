import { describe, expect, it } from "vitest";
import archive from "../../schemas/customer-archive.json";
import type { TemplateContent } from "../schema/types";
import { changeKind } from "./change-kind";
import { fromContent } from "./from-content";
import { designerModelInput } from "./model-input";
import { getField, insertField, moveField } from "./model-paths";
import { createField } from "./new-field";
import { renameKey } from "./rename-key";
import { toContent } from "./to-content";

const v1 = { schema: archive.schema, uiSchema: archive.uiSchema, list: archive.list, demo: archive.demo } as unknown as TemplateContent;

describe("renameKey", () => {
  it("renames a field and every reference to it", () => {
    const m = renameKey(renameKey(fromContent(v1), "policyholder.relation", "rel"), "policy.startDate", "begin");
    const c = toContent(m);
    const holder = c.schema.properties!.policyholder;
    expect(Object.keys(holder.properties!)).toEqual(["rel", "name", "idNumber", "contact"]);
    expect(holder.properties!.name["x-visibleWhen"]).toEqual({ field: "rel", notIn: ["本人"] });
    expect(holder.if).toEqual({ properties: { rel: { not: { const: "本人" } } }, required: ["rel"] });
    expect(holder.required).toEqual(["rel"]);
    expect(c.schema.properties!.policy.properties!.endDate["x-notBefore"]).toBe("begin");
    expect((c.uiSchema.policyholder as Record<string, unknown>)["ui:order"]).toEqual(["rel", "name", "idNumber", "contact"]);
  });

  it("renames sections in list settings, demo hints and absolute conditions", () => {
    let m = fromContent(v1);
    m = insertField(m, "policy", { ...createField({ kind: "text", label: "车牌号", siblingKeys: [] }), visibleWhen: { field: "/basic/gender", equals: "男" } });
    m = renameKey(m, "basic", "customer");
    const c = toContent(m);
    expect(c.list.columns).toContain("customer.name");
    expect(c.list.titleField).toBe("customer.name");
    expect(c.demo!["customer.customerNo"]).toBeDefined();
    expect(c.schema.required).toEqual(["customer", "policy"]);
    expect(c.schema.properties!.policy.properties!.chepaihao["x-visibleWhen"]).toEqual({ field: "/customer/gender", equals: "男" });
    expect(c.schema.properties!.customer.properties!.idNumber["x-idDerive"]).toEqual({ birthDate: "birthDate", gender: "gender" });
  });

  it("renames a table column referenced by x-sumEquals and x-idDerive siblings", () => {
    const m = renameKey(renameKey(fromContent(v1), "beneficiary.list.share", "ratio"), "basic.gender", "sex");
    const c = toContent(m);
    expect(c.schema.properties!.beneficiary.properties!.list["x-sumEquals"]).toEqual({ field: "ratio", value: 100 });
    expect(c.schema.properties!.basic.properties!.idNumber["x-idDerive"]).toEqual({ birthDate: "birthDate", gender: "sex" });
  });
});

describe("model helpers", () => {
  it("changes kinds without leaving incompatible settings behind", () => {
    const m = fromContent(v1);
    const gender = getField(m, "basic.gender")!;
    const asText = changeKind(gender, "text");
    expect(asText.options).toBeUndefined();
    expect(asText.widget).toBeUndefined();
    const asNumber = changeKind({ ...getField(m, "basic.customerNo")!, extras: { schema: { type: ["string", "null"] }, ui: {} } }, "integer");
    expect(asNumber.maxLength).toBeUndefined();
    expect(asNumber.extras.schema).toEqual({});
    expect(changeKind(asText, "table").children).toEqual([]);
  });

  it("reorders fields within their holder", () => {
    const m = moveField(fromContent(v1), "basic.address", 0);
    expect((toContent(m).uiSchema.basic as Record<string, string[]>)["ui:order"][0]).toBe("address");
  });

  it("accepts the model it produces as API input and rejects malformed ones", () => {
    const m = fromContent(v1);
    const parsed = designerModelInput.safeParse(JSON.parse(JSON.stringify(m)));
    expect(parsed.success).toBe(true);
    expect(parsed.data).toStrictEqual(m);
    expect(designerModelInput.safeParse({ ...m, sections: [{ key: "a" }] }).success).toBe(false);
  });
});
