import { describe, expect, it } from "vitest";
import archive from "../../schemas/customer-archive.json";
import type { TemplateContent } from "../schema/types";
import { diffContents } from "./diff-content";
import { fromContent } from "./from-content";
import { insertField, moveField, removeField, restoreField, setShowInList, updateField } from "./model-paths";
import { renameKey } from "./rename-key";
import { createField } from "./new-field";
import { toContent } from "./to-content";

const v1 = { schema: archive.schema, uiSchema: archive.uiSchema, list: archive.list } as unknown as TemplateContent;

describe("diffContents", () => {
  it("says nothing for identical versions", () => {
    expect(diffContents(v1, toContent(fromContent(v1)))).toEqual([]);
  });

  it("describes added, hidden, restored and relabelled fields, rule changes and list columns", () => {
    let m = fromContent(v1);
    const job = { ...createField({ kind: "select", label: "职业", siblingKeys: [] }), options: ["教师", "医生", "工程师", "个体经营", "其他"], filterable: true };
    m = insertField(m, "basic", job);
    m = setShowInList(m, "basic.zhiye", true);
    m = removeField(m, "beneficiary");
    m = updateField(m, "basic.name", (f) => ({ ...f, label: "姓名" }));
    m = updateField(m, "basic.mobile", (f) => ({ ...f, required: true }));
    m = updateField(m, "policy.paymentMethod", (f) => ({ ...f, options: ["趸交", "年缴", "月缴", "周缴"] }));
    m = updateField(m, "basic.customerNo", (f) => ({ ...f, kind: "textarea" }));
    m = updateField(m, "policy.productName", (f) => ({ ...f, maxLength: 200 }));
    m = moveField(m, "notes", 0);
    const v2 = toContent(m);
    const messages = diffContents(v1, v2).map((d) => `${d.type}:${d.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "added:新增单选“职业”（在“客户基础信息”中）",
        "removed:移除（隐藏）了“受益人信息”，已有数据保留",
        "label:“客户姓名”改名为“姓名”",
        "required:“手机号码”改为必填",
        "options:“缴费方式”的选项：新增 周缴；删除 半年缴、季缴",
        "kind:“客户编号”的类型从“单行文本”改为“多行文本”",
        "rules:“保险产品名称”的最多字数：100 → 200",
        "order:调整了“模板”中字段的顺序",
        "columns:列表新增列“职业”",
      ]),
    );
    const back = diffContents(v2, toContent(restoreField(fromContent(v2), "beneficiary")));
    expect(back.map((d) => d.type)).toEqual(["restored"]);
  });

  it("says when a field's import aliases changed (what an import maps to it)", () => {
    const m = updateField(fromContent(v1), "basic.mobile", (f) => ({ ...f, importAliases: ["手机号码", "联系电话"] }));
    expect(diffContents(v1, toContent(m)).map((d) => d.message)).toEqual(["“手机号码”的导入别名：联系方式、手机、手机号、联系电话、电话 → 手机号码、联系电话"]);
    expect(diffContents(v1, toContent(m), { locale: "en" }).map((d) => d.message)).toEqual([expect.stringContaining("Import aliases")]);
  });

  it("reports fields that disappeared", () => {
    const m = fromContent(v1);
    m.sections[0].children = m.sections[0].children!.filter((f) => f.key !== "email");
    const diff = diffContents(v1, toContent(m));
    expect(diff).toEqual([{ type: "deleted", path: "basic.email", label: "电子邮箱", message: "删除了邮箱“电子邮箱”" }]);
  });

  it("reads a key moved by a migration as a key change, with the field's other changes, not as delete + add", () => {
    let m = renameKey(fromContent(v1), "basic.name", "fullName");
    m = updateField(m, "basic.fullName", (f) => ({ ...f, label: "姓名", maxLength: 30 }));
    const v2 = toContent(m);
    const renames = [{ from: "basic.name", to: "basic.fullName" }];
    const diff = diffContents(v1, v2, { renames });
    expect(diff.map((d) => `${d.type}:${d.path}:${d.message}`)).toEqual([
      "key:basic.fullName:“姓名”的键从 name 改为 fullName（记录中的值已随之迁移）",
      "label:basic.fullName:“客户姓名”改名为“姓名”",
      "rules:basic.fullName:“姓名”的最多字数：50 → 30",
    ]);
    expect(diff[0]).toMatchObject({ before: "name", after: "fullName" });
    // Without the migration's record the same change can only read as two fields.
    expect(diffContents(v1, v2).map((d) => d.type).sort()).toEqual(["added", "columns", "columns", "deleted", "list"]);
    // Backwards, the rename reverses.
    expect(diffContents(v2, v1, { renames: renames.map((r) => ({ from: r.to, to: r.from })) }).map((d) => `${d.type}:${d.before}→${d.after}`)).toContain("key:fullName→name");
  });

  it("follows a renamed section: its fields, order and list columns are not reported as changed", () => {
    const m = renameKey(fromContent(v1), "basic", "customer");
    const diff = diffContents(v1, toContent(m), { renames: [{ from: "basic", to: "customer" }] });
    expect(diff.map((d) => `${d.type}:${d.path}`)).toEqual(["key:customer"]);
  });

  it("writes English for an English reader", () => {
    let m = fromContent(v1);
    m = updateField(m, "basic.mobile", (f) => ({ ...f, required: true }));
    m = updateField(m, "policy.paymentMethod", (f) => ({ ...f, options: ["趸交", "年缴", "月缴", "周缴"] }));
    m = updateField(m, "basic.customerNo", (f) => ({ ...f, kind: "textarea" }));
    m = removeField(m, "beneficiary");
    m = renameKey(m, "basic.name", "fullName");
    const diff = diffContents(v1, toContent(m), { renames: [{ from: "basic.name", to: "basic.fullName" }], locale: "en" });
    const messages = diff.map((d) => d.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        "“手机号码” is now required",
        "Choices of “缴费方式”: added 周缴; removed 半年缴, 季缴",
        "The type of “客户编号” changed from “Text” to “Long text”",
        "Hid “受益人信息”; stored values are kept",
        "The key of “客户姓名” changed from name to fullName (stored values moved with it)",
      ]),
    );
    expect(messages.join(" ")).not.toMatch(/[的了为改]/);
  });

  it("names the field a visibility rule depends on by its label", () => {
    const m = updateField(fromContent(v1), "policyholder.name", (f) => ({ ...f, visibleWhen: { field: "relation", equals: "配偶" } }));
    const [entry] = diffContents(v1, toContent(m));
    expect(entry.message).toBe("“投保人姓名”的显示条件：当“与被保险人关系”不为 本人时显示 → 当“与被保险人关系”等于 配偶时显示");
  });

  it("names meta columns and the default sort the way the list does", () => {
    let m = fromContent(v1);
    m = { ...m, list: { ...m.list, columns: [...m.list.columns.filter((c) => c !== "@updatedAt"), "@createdAt"], defaultSort: { field: "policy.startDate", dir: "asc" } } };
    const messages = diffContents(v1, toContent(m)).map((d) => d.message);
    expect(messages).toEqual(expect.arrayContaining(["列表新增列“创建时间”", "列表去掉列“更新时间”", "默认排序：更新时间（降序） → 保险起始日期（升序）"]));
  });
});
