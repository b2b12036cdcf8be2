import { describe, expect, it } from "vitest";
import type { DiffEntry } from "@/lib/template-model/diff-content";
import { groupChanges, optionChanges, showValue, valueChange } from "./diff-groups";

const words = { yes: "是", no: "否", none: "（无）", kinds: { text: "单行文本", select: "单选" } };
const entry = (e: Partial<DiffEntry>): DiffEntry => ({ type: "label", path: "basic.x", label: "X", message: "m", ...e });

describe("groupChanges", () => {
  it("groups by type in reading order, keeping each group's order", () => {
    const changes = [
      entry({ type: "columns", path: "a" }),
      entry({ type: "added", path: "b" }),
      entry({ type: "label", path: "c" }),
      entry({ type: "added", path: "d" }),
      entry({ type: "removed", path: "e" }),
    ];
    const groups = groupChanges(changes);
    expect(groups.map((g) => g.type)).toEqual(["added", "removed", "label", "columns"]);
    expect(groups[0].entries.map((e) => e.path)).toEqual(["b", "d"]);
  });
  it("is empty for no changes", () => {
    expect(groupChanges([])).toEqual([]);
  });
});

describe("showValue and valueChange", () => {
  it("names kinds, booleans and missing values", () => {
    expect(showValue("select", words, "kind")).toBe("单选");
    expect(showValue(true, words)).toBe("是");
    expect(showValue(undefined, words)).toBe("（无）");
    expect(showValue(["a", "b"], words)).toBe("a、b");
    expect(showValue(3, words)).toBe("3");
  });
  it("gives old → new for plain values", () => {
    expect(valueChange(entry({ type: "kind", before: "text", after: "select" }), words)).toEqual({ before: "单行文本", after: "单选" });
    expect(valueChange(entry({ type: "required", before: false, after: true }), words)).toEqual({ before: "否", after: "是" });
    expect(valueChange(entry({ type: "rules", before: undefined, after: "^[A-Z]" }), words)).toEqual({ before: "（无）", after: "^[A-Z]" });
  });
  it("leaves messages alone where values would not help", () => {
    expect(valueChange(entry({ type: "added" }), words)).toBeNull();
    expect(valueChange(entry({ type: "visibility", before: { field: "a", equals: 1 }, after: undefined }), words)).toBeNull();
    expect(valueChange(entry({ type: "rules", before: { type: "string" }, after: { type: "string", format: "x" } }), words)).toBeNull();
  });
});

describe("optionChanges", () => {
  it("splits choices into added, dropped and kept", () => {
    expect(optionChanges(entry({ type: "options", before: ["教师", "医生", "其他"], after: ["教师", "工程师", "其他"] }))).toEqual({
      added: ["工程师"],
      dropped: ["医生"],
      kept: ["教师", "其他"],
    });
  });
});
