import { describe, expect, it } from "vitest";
import { importProblems, isKeyConflict, readImportFile } from "./import-file";

const file = { format: "dossier-template", formatVersion: 1, key: "auto", name: "车险客户档案", productLine: "车险", version: 2, content: {} };

describe("readImportFile", () => {
  it("summarizes an exported template", () => {
    const r = readImportFile(JSON.stringify(file));
    expect(r).toMatchObject({ ok: true, summary: { name: "车险客户档案", key: "auto", version: "2", productLine: "车险" } });
  });
  it("accepts a byte-order mark and surrounding blanks", () => {
    expect(readImportFile(`\uFEFF  ${JSON.stringify(file)}\n`).ok).toBe(true);
  });
  it("tells an empty file from one that is not JSON", () => {
    expect(readImportFile("  ")).toEqual({ ok: false, reason: "empty" });
    const r = readImportFile("姓名,手机\n张三,139");
    expect(r).toMatchObject({ ok: false, reason: "notJson", line: 1, column: 1 });
  });
  it("says where a file stops being JSON, and refuses property names given twice", () => {
    const text = JSON.stringify(file, null, 2);
    expect(readImportFile(text.slice(0, text.indexOf("\"name\"") - 1))).toMatchObject({ ok: false, reason: "notJson", line: 4, detail: "内容不完整：缺少右花括号 }" });
    // JSON.parse would keep the second "name" and lose the first without a word.
    const twice = text.replace('"name": "车险客户档案",', '"name": "车险客户档案",\n  "name": "健康险",');
    expect(readImportFile(twice)).toEqual({ ok: false, reason: "notJson", detail: "属性“name”在同一对象中重复出现", line: 6, column: 3 });
  });
  it("refuses JSON that is not a Dossier template", () => {
    expect(readImportFile(JSON.stringify({ name: "x", schema: {} }))).toEqual({ ok: false, reason: "notTemplate" });
    expect(readImportFile("[1,2]")).toEqual({ ok: false, reason: "notTemplate" });
    expect(readImportFile("null")).toEqual({ ok: false, reason: "notTemplate" });
  });
});

describe("importProblems and isKeyConflict", () => {
  const keyTaken = [{ path: "/key", label: "模板键", message: "模板键“auto”已存在", keyword: "unique" }];
  it("lists problems by their label path", () => {
    expect(importProblems([{ path: "/basic/zhiye", label: "客户基础信息 › 职业", message: "选项重复", keyword: "options" }])).toEqual([
      { where: "客户基础信息 › 职业", pointer: "/basic/zhiye", message: "选项重复" },
    ]);
  });
  it("recognizes a key collision only on 409 with a /key error", () => {
    expect(isKeyConflict(409, keyTaken)).toBe(true);
    expect(isKeyConflict(422, keyTaken)).toBe(false);
    expect(isKeyConflict(409, [])).toBe(false);
  });
});
