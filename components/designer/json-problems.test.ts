import { describe, expect, it } from "vitest";
import archive from "../../schemas/customer-archive.json";
import type { TemplateContent } from "@/lib/schema/types";
import { checkDraft } from "@/lib/template-model/check-draft";
import { locateProblems, problemPointer, readJsonText } from "./json-problems";

/** What the JSON view shows: its own reading of the text, then the server's checks (checkDraft) located in it. */
function checkJsonText(source: string, published: TemplateContent | null) {
  const read = readJsonText(source);
  if (!read.content) return read;
  return { content: read.content, problems: locateProblems(source, read.content, checkDraft(read.content, published).problems) };
}

const content = { schema: archive.schema, uiSchema: archive.uiSchema, list: archive.list } as unknown as TemplateContent;
const text = (c: unknown) => JSON.stringify(c, null, 2);

describe("problemPointer", () => {
  it("walks sections and table rows to the keyword at fault", () => {
    expect(problemPointer(content, { path: "basic.gender", property: "options" })).toBe("/schema/properties/basic/properties/gender/enum");
    expect(problemPointer(content, { path: "payments.amount" })).toBe("/schema/properties/payments/items/properties/amount");
    expect(problemPointer(content, { path: "basic.name", property: "pattern" })).toBe("/schema/properties/basic/properties/name");
    expect(problemPointer(content, { path: "", property: "list.columns" })).toBe("/list/columns");
  });
});

describe("checkJsonText", () => {
  it("finds nothing wrong with the shipped template, every part of its content included (verification, reminders…)", () => {
    expect(checkJsonText(text(content), content).problems).toEqual([]);
    const { key: _key, name: _name, productLine: _line, description: _description, ...whole } = archive;
    expect(Object.keys(whole)).toEqual(expect.arrayContaining(["verification", "reminders", "demo"]));
    expect(checkJsonText(text(whole), whole as unknown as TemplateContent).problems).toEqual([]);
  });

  it("reports a syntax error on its line", () => {
    const bad = text(content).replace('"title": "客户编号",', '"title": "客户编号"');
    const r = checkJsonText(bad, content);
    expect(r.content).toBeNull();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].message).toBe("此处应为逗号 , 或右花括号 }");
    expect(bad.split("\n")[r.problems[0].line - 1]).toContain('"maxLength"');
  });

  it("reports template problems with the line of the field", () => {
    const c = structuredClone(content) as unknown as { schema: { properties: { basic: { properties: Record<string, Record<string, unknown>> } } } };
    c.schema.properties.basic.properties.name.pattern = "[a-";
    const t = text(c);
    const r = checkJsonText(t, content);
    expect(r.problems.length).toBeGreaterThan(0);
    const p = r.problems.find((x) => x.message.includes("正则表达式"))!;
    expect(p.pointer).toBe("/schema/properties/basic/properties/name/pattern");
    expect(t.split("\n")[p.line - 1]).toContain('"pattern": "[a-"');
  });

  it("reports a lost published field and a bad shape", () => {
    const c = structuredClone(content) as unknown as { schema: { properties: { basic: { properties: Record<string, unknown> } } } };
    delete c.schema.properties.basic.properties.customerNo;
    expect(checkJsonText(text(c), content).problems.some((p) => p.message.includes("客户编号"))).toBe(true);
    expect(checkJsonText("[]", content).problems[0].message).toContain("JSON 对象");
    expect(checkJsonText(text({ schema: {}, uiSchema: {}, list: { columns: [] }, extra: 1 }), null).problems[0].message).toContain("extra");
  });
});
