import { describe, expect, it } from "vitest";
import { movePath, renamesBetween } from "./diff-renames";

describe("renamesBetween", () => {
  const versions = [
    { version: 1 },
    { version: 2, migration: { type: "renameKey" as const, path: "basic.name", newKey: "fullName" } },
    { version: 3, migration: { type: "changeKind" as const, path: "basic.age", kind: "integer" } },
    { version: 4, migration: { type: "renameKey" as const, path: "basic.fullName", newKey: "customerName" } },
    { version: 5, migration: { type: "renameKey" as const, path: "basic", newKey: "customer" } },
  ];
  it("collects the renames of the versions in between", () => {
    expect(renamesBetween(versions, 1, 2)).toEqual([{ from: "basic.name", to: "basic.fullName" }]);
    expect(renamesBetween(versions, 2, 3)).toEqual([]);
  });
  it("composes chained renames, also through a renamed section", () => {
    expect(renamesBetween(versions, 1, 4)).toEqual([{ from: "basic.name", to: "basic.customerName" }]);
    expect(renamesBetween(versions, 1, "draft")).toEqual([
      { from: "basic.name", to: "customer.customerName" },
      { from: "basic", to: "customer" },
    ]);
  });
  it("reverses for a diff that goes back in time", () => {
    expect(renamesBetween(versions, 2, 1)).toEqual([{ from: "basic.fullName", to: "basic.name" }]);
  });
});

describe("movePath", () => {
  it("moves a path and everything under it, the deepest rename first", () => {
    const renames = [
      { from: "basic", to: "customer" },
      { from: "basic.name", to: "customer.fullName" },
    ];
    expect(movePath("basic.name", renames)).toBe("customer.fullName");
    expect(movePath("basic.mobile", renames)).toBe("customer.mobile");
    expect(movePath("basics.x", renames)).toBe("basics.x");
    expect(movePath("@updatedAt", renames)).toBe("@updatedAt");
  });
});
