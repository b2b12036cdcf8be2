import { describe, expect, it } from "vitest";
import { readQuery } from "./read-query";

describe("readQuery", () => {
  it("reads each name's first value, as searchParams.get does", () => {
    expect(readQuery(new URLSearchParams("kind=changes&page=2&kind=all&empty="))).toEqual({ kind: "changes", page: "2", empty: "" });
  });

  it("keeps prototype names as plain fields", () => {
    const query = readQuery(new URLSearchParams("__proto__=x&constructor=y"));
    expect(Object.getPrototypeOf(query)).toBe(Object.prototype);
    expect(Object.keys(query)).toEqual(["__proto__", "constructor"]);
  });
});
