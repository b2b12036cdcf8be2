import { describe, expect, it } from "vitest";
import { buildOp, newKeyProblem, parseOptionsText, renamedPath, suggestFieldKey, targetKinds } from "./migration-form";

describe("newKeyProblem", () => {
  it("accepts a free, well-formed key", () => {
    expect(newKeyProblem("fullName", "name", ["gender"])).toBeNull();
    expect(newKeyProblem("_x1", "name")).toBeNull();
  });
  it("names what is wrong", () => {
    expect(newKeyProblem(" ", "name")).toBe("empty");
    expect(newKeyProblem("1name", "name")).toBe("pattern");
    expect(newKeyProblem("full-name", "name")).toBe("pattern");
    expect(newKeyProblem("姓名", "name")).toBe("pattern");
    expect(newKeyProblem("x".repeat(65), "name")).toBe("tooLong");
    expect(newKeyProblem("name", "name")).toBe("same");
    expect(newKeyProblem("gender", "name", ["gender"])).toBe("taken");
  });
});

describe("suggestFieldKey", () => {
  it("derives pinyin from a Chinese label", () => {
    expect(suggestFieldKey("车牌号", "plate")).toBe("chepaihao");
  });
  it("avoids sibling keys but not the field's own", () => {
    expect(suggestFieldKey("职业", "job", ["zhiye"])).toBe("zhiye2");
  });
  it("is null when the label already gives the current key", () => {
    expect(suggestFieldKey("职业", "zhiye", ["zhiye", "name"])).toBeNull();
  });
});

describe("targetKinds", () => {
  it("offers every other value kind", () => {
    const kinds = targetKinds("text");
    expect(kinds).not.toContain("text");
    expect(kinds).toEqual(expect.arrayContaining(["number", "select", "multiselect", "date", "percent", "phone"]));
    expect(kinds).not.toContain("table");
    expect(kinds).not.toContain("section");
  });
  it("offers nothing for sections and tables", () => {
    expect(targetKinds("section")).toEqual([]);
    expect(targetKinds("table")).toEqual([]);
  });
});

describe("parseOptionsText", () => {
  it("takes one choice per line, trimmed, reporting duplicates once", () => {
    expect(parseOptionsText(" 教师\n医生\r\n\n教师\n其他\n教师")).toEqual({ options: ["教师", "医生", "其他"], duplicates: ["教师"] });
  });
});

describe("buildOp and renamedPath", () => {
  it("builds a key rename", () => {
    expect(buildOp({ mode: "renameKey", path: "basic.name", newKey: " fullName ", kind: "", optionsText: "" })).toEqual({ type: "renameKey", path: "basic.name", newKey: "fullName" });
    expect(buildOp({ mode: "renameKey", path: "basic.name", newKey: "", kind: "", optionsText: "" })).toBeNull();
  });
  it("builds a kind change, with choices only for choice kinds", () => {
    expect(buildOp({ mode: "changeKind", path: "a.b", newKey: "", kind: "integer", optionsText: "x" })).toEqual({ type: "changeKind", path: "a.b", kind: "integer" });
    expect(buildOp({ mode: "changeKind", path: "a.b", newKey: "", kind: "select", optionsText: "甲\n乙" })).toEqual({ type: "changeKind", path: "a.b", kind: "select", options: ["甲", "乙"] });
    expect(buildOp({ mode: "changeKind", path: "a.b", newKey: "", kind: "", optionsText: "" })).toBeNull();
  });
  it("replaces the last path segment", () => {
    expect(renamedPath("basic.name", "fullName")).toBe("basic.fullName");
    expect(renamedPath("notes", "remarks")).toBe("remarks");
  });
});
