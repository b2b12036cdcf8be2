import { describe, expect, it } from "vitest";
import archive from "../../schemas/customer-archive.json";
import { checkTemplate } from "../schema/check-template";
import type { JsonSchema, TemplateContent } from "../schema/types";
import { prepareData, validateData } from "../schema/validate";
import { fromContent } from "./from-content";
import type { DesignerField, DesignerModel } from "./model";
import { PALETTE } from "./model";
import { removeField, restoreField } from "./model-paths";
import { blankModel, createField } from "./new-field";
import { toContent } from "./to-content";

const archiveContent = { schema: archive.schema, uiSchema: archive.uiSchema, list: archive.list, demo: archive.demo } as unknown as TemplateContent;

/** A field from the palette with overrides. */
function field(kind: DesignerField["kind"], label: string, patch: Partial<DesignerField> = {}): DesignerField {
  return { ...createField({ kind, label, siblingKeys: [] }), ...patch };
}

function modelWith(sections: DesignerField[], patch: Partial<DesignerModel> = {}): DesignerModel {
  return { ...blankModel("测试模板"), sections, ...patch };
}

/** content → model → content must be stable, and model → content → model must give the model back. */
function expectStable(model: DesignerModel) {
  const content = toContent(model);
  expect(checkTemplate(content)).toEqual([]);
  const again = fromContent(content);
  expect(again).toStrictEqual(model);
  expect(toContent(again)).toStrictEqual(content);
  return content;
}

describe("designer model ⇄ content for the default template", () => {
  it("gives back the shipped schema, uiSchema, list and demo hints unchanged", () => {
    const back = toContent(fromContent(archiveContent));
    expect(back.schema).toStrictEqual(archiveContent.schema);
    expect(back.uiSchema).toStrictEqual(archiveContent.uiSchema);
    expect(back.list).toStrictEqual(archiveContent.list);
    expect(back.demo).toStrictEqual(archiveContent.demo);
  });

  it("reads the conditional rules as designer properties, not as raw schema", () => {
    const model = fromContent(archiveContent);
    const holder = model.sections.find((s) => s.key === "policyholder")!;
    const name = holder.children!.find((f) => f.key === "name")!;
    expect(name).toMatchObject({ required: true, visibleWhen: { field: "relation", notIn: ["本人"] }, pii: "name", maxLength: 50 });
    expect(holder.extras.schema).toEqual({ additionalProperties: false });
    const beneficiary = model.sections.find((s) => s.key === "beneficiary")!;
    expect(beneficiary.children!.find((f) => f.key === "list")).toMatchObject({ kind: "table", required: true, max: 20 });
    expect(beneficiary.extras.schema).toEqual({ additionalProperties: false });
    const policyNo = model.sections[1].children!.find((f) => f.key === "policyNo")!;
    expect(policyNo).toMatchObject({ unique: true, pattern: "^[0-9A-Za-z-]+$", patternMessage: "保单号只能包含数字、字母和短横线", showInList: true });
    expect(policyNo.extras.schema).toEqual({});
  });

  it("is stable when the model read from it is compiled again", () => {
    expectStable(fromContent(archiveContent));
  });
});

describe("every palette kind", () => {
  it("round-trips with its properties", () => {
    const fields = PALETTE.filter((p) => p.kind !== "section" && p.kind !== "table").map((p, i) =>
      field(p.kind, `${p.label}字段`, { key: `f${i}`, help: `帮助${i}`, required: i % 2 === 0, showInList: i < 3, filterable: i % 3 === 0 }),
    );
    const byKind = Object.fromEntries(fields.map((f) => [f.kind, f]));
    Object.assign(byKind.text, { minLength: 2, maxLength: 20, pattern: "^[A-Z]", patternMessage: "须以大写字母开头", placeholder: "如 ABC", unique: true, default: "ABC" });
    Object.assign(byKind.number, { min: 0, max: 10 });
    Object.assign(byKind.money, { min: 0, pii: "text" });
    Object.assign(byKind.select, { options: ["甲", "乙"], widget: "radio", default: "甲" });
    Object.assign(byKind.multiselect, { options: ["红", "绿", "蓝"], min: 1, max: 2 });
    Object.assign(byKind.boolean, { widget: "radio", default: false });
    Object.assign(byKind.mobile, { pii: "phone" });
    const table = field("table", "明细", { key: "rows", min: 1, max: 5, children: [field("date", "日期", { key: "d", required: true }), field("money", "金额", { key: "amt" })] });
    const inner = field("section", "内层分组", { key: "inner", children: [field("text", "备注", { key: "memo" })] });
    const section = field("section", "基本", { key: "basic", children: [...fields, inner, table] });
    const model = modelWith([section], { list: { columns: ["@updatedAt", "basic.f0", "basic.f1", "basic.f2"], defaultSort: { field: "@updatedAt", dir: "desc" }, titleField: "basic.f0", extras: {} } });
    const content = expectStable(model);
    const basic = content.schema.properties!.basic;
    expect(basic.properties!.f7).toEqual({ type: "string", title: "单选字段", enum: ["甲", "乙"], default: "甲" });
    expect(basic.properties!.f8).toMatchObject({ type: "array", items: { type: "string", enum: ["红", "绿", "蓝"] }, uniqueItems: true, minItems: 1, maxItems: 2 });
    expect(basic.properties!.f0).toMatchObject({ pattern: "^[A-Z]", "x-messages": { pattern: "须以大写字母开头" }, "x-unique": true, minLength: 2 });
    expect(basic.properties!.rows).toMatchObject({ type: "array", minItems: 1, maxItems: 5, items: { type: "object", additionalProperties: false, required: ["d"] } });
    expect(content.uiSchema.basic).toMatchObject({ f1: { "ui:widget": "textarea" }, f7: { "ui:widget": "radio" }, f8: { "ui:widget": "checkboxes" }, f9: { "ui:widget": "radio" } });
    expect(content.list.columns).toEqual(["@updatedAt", "basic.f0", "basic.f1", "basic.f2"]);
  });
});

describe("conditional visibility and conditional required", () => {
  const relation = field("select", "关系", { key: "relation", options: ["本人", "配偶", "其他"] });
  const spouse = field("text", "配偶姓名", { key: "spouse", required: true, visibleWhen: { field: "relation", equals: "配偶" } });
  const other = field("text", "说明", { key: "other", required: true, visibleWhen: { field: "relation", in: ["其他"] } });
  const note = field("text", "备注", { key: "note", visibleWhen: { field: "relation", notEquals: "本人" } });
  const follow = field("boolean", "需跟进", { key: "follow" });
  const rows = field("table", "跟进", {
    key: "rows",
    required: true,
    visibleWhen: { field: "follow", equals: true },
    children: [
      field("select", "方式", { key: "how", options: ["电话", "面谈"] }),
      field("date", "日期", { key: "when", required: true, visibleWhen: { field: "how", equals: "面谈" } }),
    ],
  });
  const a = field("section", "甲", { key: "a", children: [relation, spouse, other, note, follow, rows] });
  const b = field("section", "乙", { key: "b", children: [field("text", "车牌", { key: "plate", required: true, visibleWhen: { field: "/a/relation", notIn: ["本人"] } })] });
  const model = modelWith([a, b]);

  it("compiles to if/then (allOf for several) and reads back", () => {
    const content = expectStable(model);
    const sa = content.schema.properties!.a;
    expect(sa.allOf).toHaveLength(3);
    expect(sa.allOf![0]).toEqual({ if: { properties: { relation: { const: "配偶" } }, required: ["relation"] }, then: { required: ["spouse"] } });
    expect(sa.allOf![2]).toEqual({
      if: { properties: { follow: { const: true } }, required: ["follow"] },
      then: { required: ["rows"], properties: { rows: { type: "array", minItems: 1 } } },
    });
    expect(sa.properties!.rows.items!.if).toEqual({ properties: { how: { const: "面谈" } }, required: ["how"] });
    expect(content.schema.if).toEqual({ properties: { a: { type: "object", properties: { relation: { not: { const: "本人" } } }, required: ["relation"] } }, required: ["a"] });
    expect(content.schema.then).toEqual({ properties: { b: { type: "object", required: ["plate"] } } });
    expect(sa.properties!.note["x-visibleWhen"]).toEqual({ field: "relation", notEquals: "本人" });
  });

  it("requires the fields only while they are visible", () => {
    const schema = toContent(model).schema as JsonSchema;
    const check = (data: unknown) => validateData(schema, prepareData(schema, data)).map((e) => e.path);
    expect(check({ a: { relation: "本人" } })).toEqual([]);
    expect(check({ a: { relation: "配偶" }, b: {} })).toEqual(expect.arrayContaining(["/a/spouse", "/b/plate"]));
    expect(check({ a: { relation: "本人", follow: true, rows: [] } })).toEqual(["/a/rows"]);
    expect(check({ a: { relation: "本人", follow: true, rows: [{ how: "面谈" }] } })).toEqual(["/a/rows/0/when"]);
  });
});

describe("extras", () => {
  it("keeps keywords and ui settings the model has no property for", () => {
    const content = toContent(modelWith([field("section", "甲", { key: "a", children: [field("date", "起", { key: "start" }), field("date", "止", { key: "end" })] })]));
    const a = content.schema.properties!.a;
    Object.assign(a.properties!.end, { "x-notBefore": "start", $comment: "任意注释" });
    a.properties!.nick = { type: ["string", "null"], title: "昵称", "x-messages": { required: "请填写昵称", pattern: "只能是字母" }, pattern: "^[a-z]*$" };
    a.if = { properties: { start: { const: "2020-01-01" } } };
    a.then = { properties: { end: { const: "2020-12-31" } } };
    content.uiSchema.a = { ...(content.uiSchema.a as object), "ui:order": ["start", "end", "nick"], start: { "ui:options": { inline: true } }, nick: { "ui:widget": "password", "ui:autofocus": true } };
    content.uiSchema["ui:rootFieldId"] = "root";
    const json = JSON.parse(JSON.stringify(content));
    const model = fromContent(json);
    const nick = model.sections[0].children!.find((f) => f.key === "nick")!;
    expect(nick).toMatchObject({ kind: "text", label: "昵称", pattern: "^[a-z]*$", patternMessage: "只能是字母" });
    expect(nick.extras.schema).toEqual({ type: ["string", "null"], "x-messages": { required: "请填写昵称" } });
    expect(nick.extras.ui).toEqual({ "ui:widget": "password", "ui:autofocus": true });
    expect(model.sections[0].extras.schema).toMatchObject({ if: json.schema.properties.a.if, then: json.schema.properties.a.then });
    expect(toContent(model)).toStrictEqual(json);
    // Editing a property the model knows still wins over what extras keep.
    nick.patternMessage = "只能是小写字母";
    expect(toContent(model).schema.properties!.a.properties!.nick["x-messages"]).toEqual({ required: "请填写昵称", pattern: "只能是小写字母" });
  });
});

describe("removed fields", () => {
  it("stay in the schema with x-removed, keep their data valid, and can be shown again", () => {
    const archiveModel = fromContent(archiveContent);
    const hidden = removeField(archiveModel, "beneficiary");
    const content = toContent(hidden);
    expect(content.schema.properties!.beneficiary["x-removed"]).toBe(true);
    expect(content.schema.properties!.beneficiary.properties!.list).toBeDefined();
    const data = { beneficiary: { isLegal: false, list: [{ name: "李四", idNumber: "11010519491231002X", share: 100 }] } };
    const errors = validateData(content.schema, prepareData(content.schema, { ...data, basic: { name: "张三", idNumber: "11010519491231002X" }, policy: { policyNo: "P1", insuranceType: "车险" } }));
    expect(errors).toEqual([]);
    expect(fromContent(content).sections.find((s) => s.key === "beneficiary")!.removed).toBe(true);
    const shown = restoreField(fromContent(content), "beneficiary");
    expect(toContent(shown).schema.properties!.beneficiary).toStrictEqual(archiveContent.schema.properties!.beneficiary);
  });

  it("return to the list columns they had when shown again, also after a save and reload", () => {
    const columns = archiveContent.list.columns;
    for (const path of ["basic.mobile", "basic"]) {
      const hidden = toContent(removeField(fromContent(archiveContent), path));
      expect(hidden.list.columns.some((c) => c === path || c.startsWith(`${path}.`))).toBe(false);
      // The draft is stored as content: the places survive it.
      const shown = toContent(restoreField(fromContent(hidden), path));
      expect(shown.list.columns).toEqual(columns);
      expect(JSON.stringify(shown.schema)).not.toContain("x-removedColumn");
    }
  });

  it("stop being required and listed when removed", () => {
    const model = removeField(fromContent(archiveContent), "basic.name");
    const content = toContent(model);
    expect(content.schema.properties!.basic.required).toEqual(["idNumber"]);
    expect(content.list.columns).not.toContain("basic.name");
  });
});
