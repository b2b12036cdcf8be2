import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { defaultContent } from "@/tests/support/default-template";
import { checkTemplate } from "./check-template";
import type { JsonSchema, TemplateContent } from "./types";

/** The default template with one change applied. */
function broken(change: (c: TemplateContent & { schema: JsonSchema & { properties: Record<string, JsonSchema> } }) => void): TemplateContent {
  const c = defaultContent() as Parameters<typeof change>[0];
  change(c);
  return c;
}

const basic = (c: TemplateContent) => c.schema.properties!.basic.properties!;
/** Sets a keyword to any value, well-formed or not. */
const set = (node: JsonSchema, keyword: string, value: unknown) => ((node as Record<string, unknown>)[keyword] = value);

describe("checkTemplate", () => {
  it("passes the default template: meta-schema, strict ajv, keys and list settings", () => {
    expect(checkTemplate(defaultContent())).toEqual([]);
  });

  it("the default template is valid against the draft-07 meta-schema on a plain ajv too", () => {
    // Independent of our keyword registration: the standard meta-schema alone.
    const { schema } = defaultContent();
    const ajv = new Ajv({ strict: false });
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
  });

  it("refuses a root that is not an object with properties", () => {
    expect(checkTemplate({ ...defaultContent(), schema: { type: "array" } })).toEqual([{ path: "/schema", message: "模板的根必须是包含 properties 的 object" }]);
  });

  it("refuses a pattern whose matching time can explode, wherever it is", () => {
    const problems = checkTemplate(broken((c) => (basic(c).customerNo.pattern = "^(a+)+$")));
    expect(problems).toEqual([{ path: "/schema/properties/basic/properties/customerNo/pattern", message: expect.stringContaining("“(a+)+”是嵌套的重复") }]);
    const nested = checkTemplate(broken((c) => set(basic(c).customerNo, "anyOf", [{ maxLength: 3 }, { pattern: "(x*)*y" }])));
    expect(nested.map((p) => p.path)).toContain("/schema/properties/basic/properties/customerNo/anyOf/1/pattern");
    expect(checkTemplate(broken((c) => (basic(c).customerNo.pattern = "^\\w+(\\s\\w+)*$")))).toEqual([]);
  });

  it("refuses an unknown keyword that is not one of ours", () => {
    const problems = checkTemplate(broken((c) => (basic(c).name.minLenght = 1)));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe("/schema");
    expect(problems[0].message).toContain("minLenght");
  });

  it("refuses an x- keyword that is not registered", () => {
    const problems = checkTemplate(broken((c) => (basic(c).name["x-colour"] = "red")));
    expect(problems[0].message).toContain("x-colour");
  });

  it("refuses a bad type with the path of the mistake", () => {
    const problems = checkTemplate(broken((c) => (basic(c).name.type = "strin")));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].path).toBe("/schema/properties/basic/properties/name/type");
    expect(problems[0].message).toMatch(/^不符合 JSON Schema 规范/);
  });

  it("refuses a bad value of a standard keyword", () => {
    const problems = checkTemplate(broken((c) => (basic(c).name.maxLength = -1)));
    expect(problems[0].path).toBe("/schema/properties/basic/properties/name/maxLength");
  });

  it("refuses field keys that are not identifiers", () => {
    const problems = checkTemplate(broken((c) => (basic(c)["客户 名"] = { type: "string", title: "客户名" })));
    expect(problems).toEqual([{ path: "/schema/properties/basic/properties/客户 名", message: "字段键“客户 名”只能包含字母、数字和下划线，且不能以数字开头" }]);
    expect(checkTemplate(broken((c) => (basic(c)["1st"] = { type: "string", title: "x" })))[0].message).toContain("1st");
    expect(checkTemplate(broken((c) => (basic(c)["a.b"] = { type: "string", title: "x" })))[0].message).toContain("a.b");
  });

  it("refuses fields without a title, also in table rows", () => {
    const problems = checkTemplate(broken((c) => (c.schema.properties.payments.items!.properties!.note = { type: "string" })));
    expect(problems).toEqual([{ path: "/schema/properties/payments/items/properties/note", message: "字段“note”缺少标题（title）" }]);
  });

  it("refuses list columns that are not fields, or live in tables", () => {
    const problems = checkTemplate(
      broken((c) => {
        c.list.columns = ["basic.name", "basic.nope", "payments.amount", "@updatedAt", "@nope"];
      }),
    );
    expect(problems).toEqual([
      { path: "/list/columns/1", message: "列“basic.nope”不是模板中的字段" },
      { path: "/list/columns/2", message: "列“payments.amount”位于子表格中，不能作为列表列" },
      { path: "/list/columns/4", message: "列“@nope”不是模板中的字段" },
    ]);
  });

  it("refuses a missing column list, a bad default sort and a bad title field", () => {
    const problems = checkTemplate(
      broken((c) => {
        c.list = { columns: undefined as unknown as string[], defaultSort: { field: "basic.nope", dir: "asc" }, titleField: "basic.alias" };
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(["/list/columns", "/list/defaultSort/field", "/list/titleField"]);
  });

  it.each([
    ["without a field", { equals: "x" }],
    ["with only a field", { field: "relation" }],
    ["with an unknown condition", { field: "relation", like: "x" }],
    ["with a field that is not a name", { field: "relation; drop", equals: "x" }],
    ["as a string", "relation"],
  ])("refuses an x-visibleWhen %s", (_why, rule) => {
    const problems = checkTemplate(broken((c) => set(c.schema.properties.policyholder.properties!.name, "x-visibleWhen", rule)));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain("x-visibleWhen");
  });

  it("refuses bad shapes of the other x- keywords", () => {
    expect(checkTemplate(broken((c) => set(basic(c).name, "x-pii", "secret")))[0].message).toContain("x-pii");
    expect(checkTemplate(broken((c) => (c.schema.properties.policy.properties!.endDate["x-notBefore"] = "start date")))[0].message).toContain("x-notBefore");
    expect(checkTemplate(broken((c) => set(c.schema.properties.beneficiary.properties!.list, "x-sumEquals", { field: "share" })))[0].message).toContain("x-sumEquals");
    expect(checkTemplate(broken((c) => (basic(c).idNumber["x-idDerive"] = {})))[0].message).toContain("x-idDerive");
  });

  it("accepts a draft 2020-12 template", () => {
    const c = defaultContent();
    c.schema.$schema = "https://json-schema.org/draft/2020-12/schema";
    expect(checkTemplate(c)).toEqual([]);
  });
});
