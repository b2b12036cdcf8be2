import { describe, expect, it } from "vitest";
import archive from "../../schemas/customer-archive.json";
import type { TemplateContent } from "../schema/types";
import { checkCompat } from "./check-compat";
import { designerChecks } from "./check-draft";
import { checkModel, pointerToFieldPath } from "./check-model";
import { fromContent } from "./from-content";
import type { DesignerField, DesignerModel } from "./model";
import { deleteField, removeField } from "./model-paths";
import { blankModel, createField } from "./new-field";
import { toContent } from "./to-content";

const archiveContent = { schema: archive.schema, uiSchema: archive.uiSchema, list: archive.list } as unknown as TemplateContent;

const f = (kind: DesignerField["kind"], key: string, patch: Partial<DesignerField> = {}): DesignerField => ({
  ...createField({ kind, label: key, siblingKeys: [], key }),
  ...patch,
});

function model(children: DesignerField[]): DesignerModel {
  return { ...blankModel("t"), sections: [f("section", "s", { label: "分组", children })] };
}

const problemsOf = (m: DesignerModel) => checkModel(m).map((p) => `${p.path}|${p.property ?? ""}`);

describe("checkModel", () => {
  it("accepts the default template", () => {
    expect(checkModel(fromContent(archiveContent), { publishing: true })).toEqual([]);
  });

  it("finds duplicate and invalid keys", () => {
    const problems = checkModel(model([f("text", "a"), f("text", "a"), f("text", "9x")]));
    expect(problems.map((p) => `${p.path}|${p.property}`)).toEqual(["s.a|key", "s.9x|key"]);
    expect(problems[0].message).toContain("重复");
  });

  it("finds invalid patterns with a Chinese message", () => {
    const [p] = checkModel(model([f("text", "plate", { label: "车牌号", pattern: "[A-Z" })]));
    expect(p).toMatchObject({ path: "s.plate", property: "pattern" });
    expect(p.message).toContain("车牌号");
    expect(p.message).toContain("正则表达式");
  });

  it("finds empty and duplicate choices", () => {
    expect(problemsOf(model([f("select", "a", { options: [] })]))).toEqual(["s.a|options"]);
    const dup = checkModel(model([f("multiselect", "b", { options: ["红", "红"] })]));
    expect(dup[0].message).toContain("“红”重复");
    expect(problemsOf(model([f("select", "c", { options: ["红", " "] })]))).toEqual(["s.c|options"]);
  });

  it("finds inverted ranges and lengths", () => {
    expect(problemsOf(model([f("number", "n", { min: 5, max: 1 }), f("text", "t", { minLength: 9, maxLength: 2 })]))).toEqual(["s.n|min", "s.t|minLength"]);
  });

  it("finds defaults that do not fit the field", () => {
    const problems = checkModel(model([f("select", "a", { options: ["甲"], default: "乙" }), f("integer", "b", { default: 1.5 }), f("text", "c", { maxLength: 2, default: "abc" })]));
    expect(problems.map((p) => p.path)).toEqual(["s.a", "s.b", "s.c"]);
    expect(problems.every((p) => p.property === "default" && p.message.includes("默认值"))).toBe(true);
  });

  it("checks visibility conditions against the fields they refer to", () => {
    const sel = f("select", "rel", { options: ["本人", "配偶"] });
    const cases: [DesignerField, string][] = [
      [f("text", "x", { visibleWhen: { field: "nope", equals: "本人" } }), "不存在"],
      [f("text", "x", { visibleWhen: { field: "rel", equals: "朋友" } }), "不是“rel”的选项"],
      [f("text", "x", { visibleWhen: { field: "rel", notIn: ["本人", "同事"] } }), "“同事”"],
      [f("text", "x", { visibleWhen: { field: "flag", equals: "是" } }), "是/否"],
      [f("text", "x", { visibleWhen: { field: "rel" } }), "缺少取值"],
      [f("text", "x", { visibleWhen: { field: "rel", equals: "" } }), "缺少取值"],
      [f("text", "x", { visibleWhen: { field: "rel", in: [] } }), "缺少取值"],
      [f("text", "x", { visibleWhen: { field: "/s/rows/d", equals: "1" } }), "子表格"],
      [f("text", "x", { visibleWhen: { field: "rows.d", equals: "1" } }), "子表格"],
    ];
    for (const [field, text] of cases) {
      const rows = f("table", "rows", { children: [f("text", "d")] });
      const problems = checkModel(model([sel, f("boolean", "flag"), rows, field]));
      expect(problems, text).toHaveLength(1);
      expect(problems[0]).toMatchObject({ path: "s.x", property: "visibleWhen" });
      expect(problems[0].message).toContain(text);
    }
    expect(checkModel(model([sel, f("text", "x", { visibleWhen: { field: "/s/rel", in: ["配偶"] } })]))).toEqual([]);
  });

  it("finds tables without columns and list columns inside tables", () => {
    expect(problemsOf(model([f("table", "rows")]))).toEqual(["s.rows|children"]);
    expect(problemsOf(model([f("table", "rows", { children: [f("text", "d", { showInList: true })] })]))).toContain("s.rows.d|showInList");
  });

  it("finds removed fields that are still required", () => {
    expect(problemsOf(model([f("text", "a", { removed: true, required: true })]))).toEqual(["s.a|required"]);
  });

  it("reports checkTemplate problems on the compiled content at the field", () => {
    const problems = checkModel(model([f("text", "a", { extras: { schema: { minLength: "x" }, ui: {} } })]));
    expect(problems[0].path).toBe("s.a");
    expect(problems[0].message).toContain("JSON Schema");
    expect(pointerToFieldPath("/schema/properties/pay/items/properties/amount/minimum")).toEqual({ path: "pay.amount", property: "minimum" });
    expect(pointerToFieldPath("/list/columns/2")).toEqual({ path: "", property: "list.columns" });
  });

  it("asks for at least one field before publishing", () => {
    expect(checkModel(blankModel("空"), { publishing: true })).toEqual([{ path: "", message: "模板还没有任何字段，请先添加字段再发布", publishOnly: true }]);
    expect(checkModel(blankModel("空"))).toEqual([]);
  });

  it("shows the designer everything publishing refuses, and keeps only real problems from saving", () => {
    const blank = toContent(blankModel("空"));
    expect(designerChecks(blank, null).all.map((p) => p.message)).toEqual(["模板还没有任何字段，请先添加字段再发布"]);
    expect(designerChecks(blank, null).blocking).toEqual([]);
    const bad = toContent(model([f("text", "a", { pattern: "[" })]));
    const checks = designerChecks(bad, null);
    expect(checks.blocking).toHaveLength(1);
    // …and publishing also wants a record title (a to-do that does not stop autosave).
    expect(checks.all).toEqual([...checks.blocking, expect.objectContaining({ property: "list.titleField", publishOnly: true })]);
  });

  it("flags a template whose records have no title, or whose title field was hidden", () => {
    const withFields = model([f("text", "a"), f("text", "b")]);
    expect(checkModel(withFields, { publishing: true }).map((p) => p.message)).toEqual([expect.stringContaining("记录标题字段")]);
    expect(checkModel(withFields)).toEqual([]);
    const named = { ...withFields, list: { ...withFields.list, titleField: "s.a" } };
    expect(checkModel(named, { publishing: true })).toEqual([]);
    // Hiding the whole section hides its title field too: 客户基础信息 named every record.
    const hidden = checkModel(removeField(fromContent(archiveContent), "basic"), { publishing: true });
    expect(hidden).toContainEqual({ path: "", property: "list.titleField", message: "记录标题字段“客户姓名”已被移除：请恢复它，或在“模板设置”中另选标题字段", publishOnly: true });
  });
});

describe("checkCompat", () => {
  it("refuses to lose a published field but allows hiding it", () => {
    const m = fromContent(archiveContent);
    expect(checkCompat(archiveContent, toContent(removeField(m, "basic.mobile")))).toEqual([]);
    const lost = checkCompat(archiveContent, toContent(deleteField(m, "basic.mobile")));
    expect(lost).toMatchObject([{ path: "basic.mobile", property: "key" }]);
    expect(lost[0].message).toContain("移除");
    const section = checkCompat(archiveContent, toContent(deleteField(m, "beneficiary")));
    expect(section).toHaveLength(1);
  });

  it("refuses storage type changes (they are migrations)", () => {
    const m = fromContent(archiveContent);
    m.sections[0].children![0] = { ...m.sections[0].children![0], kind: "integer", maxLength: undefined };
    expect(checkCompat(archiveContent, toContent(m))).toMatchObject([{ path: "basic.customerNo", property: "kind" }]);
  });
});

describe("checks in English", () => {
  it("speak English to an English reader, for every kind of problem the designer shows", () => {
    const sel = f("select", "rel", { label: "Relation", options: ["self", "self", ""] });
    const fields = [
      sel,
      f("text", "name", { label: "Name", pattern: "[a-", minLength: 5, maxLength: 2 }),
      f("integer", "age", { label: "Age", min: 9, max: 1, default: "x" }),
      f("table", "rows", { label: "Rows", showInList: true }),
      f("text", "note", { label: "Note", visibleWhen: { field: "rel", equals: "other" } }),
      f("text", "gone", { label: "Gone", removed: true, required: true }),
      f("text", "1bad", { label: "" }),
    ];
    const problems = checkModel(model(fields), { locale: "en", publishing: true });
    expect(problems.length).toBeGreaterThanOrEqual(10);
    for (const p of problems) expect(p.message, p.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        "The pattern (regular expression) of “Name” is invalid: a bracket [ ] is not closed",
        "The choice “self” of “Relation” is repeated",
        "The minimum of “Age” (9) is greater than its maximum (1)",
        "The condition value “other” of “Note” is not a choice of “Relation”",
        "“Gone” is hidden and cannot be required",
      ]),
    );
    expect(checkModel(blankModel("x"), { locale: "en", publishing: true })[0].message).toBe("The template has no fields yet; add a field before publishing");
    const lost = checkCompat(archiveContent, toContent(deleteField(fromContent(archiveContent), "basic.mobile")), "en");
    expect(lost[0].message).toBe("The published field “手机号码” (basic.mobile) cannot be deleted or moved; hide it with “Remove” instead, its data is kept");
  });
});

