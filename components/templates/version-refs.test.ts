import { describe, expect, it } from "vitest";
import { compareRefs, defaultPair, parseRef, toggleRef } from "./version-refs";

describe("parseRef", () => {
  const refs = [3, 2, 1, "draft"] as const;
  it("reads numbers and draft that exist", () => {
    expect(parseRef("2", refs)).toBe(2);
    expect(parseRef("draft", refs)).toBe("draft");
  });
  it("rejects what is not there", () => {
    expect(parseRef("4", refs)).toBeNull();
    expect(parseRef("draft", [1])).toBeNull();
    expect(parseRef("1.5", refs)).toBeNull();
    expect(parseRef("", refs)).toBeNull();
    expect(parseRef(null, refs)).toBeNull();
  });
});

describe("defaultPair", () => {
  it("compares the current version with the draft", () => {
    expect(defaultPair([1, 2], true)).toEqual({ from: 2, to: "draft" });
  });
  it("else the previous version with the current one", () => {
    expect(defaultPair([3, 1, 2], false)).toEqual({ from: 2, to: 3 });
  });
  it("is null with one version and no draft", () => {
    expect(defaultPair([1], false)).toBeNull();
    expect(defaultPair([], false)).toBeNull();
  });
});

describe("toggleRef and compareRefs", () => {
  it("keeps two picks sorted, dropping the earlier pick for a third", () => {
    expect(toggleRef([], 3)).toEqual([3]);
    expect(toggleRef([3], 1)).toEqual([1, 3]);
    expect(toggleRef([1, 3], "draft")).toEqual([3, "draft"]);
    expect(toggleRef([1, 3], 3)).toEqual([1]);
  });
  it("sorts the draft after every version", () => {
    expect(["draft", 2, 10, 1].sort((a, b) => compareRefs(a as never, b as never))).toEqual([1, 2, 10, "draft"]);
  });
});
