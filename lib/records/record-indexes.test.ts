import { describe, expect, it } from "vitest";
import { content, fields } from "../../tests/support/default-template";
import { indexName, listIndexKeys } from "./record-indexes";

describe("listIndexKeys", () => {
  it("lists the archive's list keys, the default sort first, without tables or multiple choices", () => {
    const keys = listIndexKeys(fields, content.list);
    expect(keys[0]).toBe("updatedAt");
    expect(keys).toContain("createdAt");
    expect(keys).toContain("data.policy.endDate");
    expect(keys).toContain("data.policy.sumInsured");
    expect(keys).toContain("data.status.state");
    // Sub-table columns (one value per row) and arrays never get a list index.
    expect(keys.some((k) => k.startsWith("data.payments") || k.startsWith("data.claims") || k.startsWith("data.beneficiary.list"))).toBe(false);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("indexes the verification state right after the two orders when the template uses verification", () => {
    // (The archive lists the state as a column; without it and without verification, no index.)
    const withoutColumn = { ...content.list, columns: content.list.columns.filter((c) => c !== "@verification") };
    expect(listIndexKeys(fields, withoutColumn)).not.toContain("verification");
    expect(listIndexKeys(fields, content.list, { verification: true }).slice(0, 3)).toEqual(["updatedAt", "createdAt", "verification"]);
  });

  it("indexes the owner right after the two orders when a role reads only its own or its team's records", () => {
    expect(listIndexKeys(fields, content.list)).not.toContain("ownerId");
    expect(listIndexKeys(fields, content.list, { scoped: true, verification: true }).slice(0, 4)).toEqual(["updatedAt", "createdAt", "ownerId", "verification"]);
  });

  it("puts a template's own default sort first, and ignores columns of removed fields", () => {
    const list = { ...content.list, defaultSort: { field: "policy.endDate", dir: "asc" as const }, columns: ["policy.policyNo", "@owner"] };
    const gone = fields.map((f) => (f.path === "policy.policyNo" ? { ...f, removed: true } : f));
    const keys = listIndexKeys(gone, list);
    expect(keys.slice(0, 4)).toEqual(["data.policy.endDate", "updatedAt", "createdAt", "ownerName"]);
    expect(keys).not.toContain("data.policy.policyNo");
  });

  it("names indexes stably and apart", () => {
    expect(indexName("data.a")).toBe(indexName("data.a"));
    expect(indexName("data.a")).not.toBe(indexName("data.b"));
    expect(indexName("data.a")).toMatch(/^dx_[0-9a-f]{12}$/);
  });
});
