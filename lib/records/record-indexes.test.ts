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

  it("puts a template's own default sort first, and ignores columns of removed fields", () => {
    const list = { ...content.list, defaultSort: { field: "policy.endDate", dir: "asc" as const }, columns: ["policy.policyNo", "@owner"] };
    const gone = fields.map((f) => (f.path === "policy.policyNo" ? { ...f, removed: true } : f));
    const keys = listIndexKeys(gone, list);
    expect(keys.slice(0, 5)).toEqual(["data.policy.endDate", "updatedAt", "createdAt", "ownerId", "ownerName"]);
    expect(keys).not.toContain("data.policy.policyNo");
  });

  it("indexes the owner, and last the fields the dashboard groups by (one value per record only)", () => {
    const keys = listIndexKeys(fields, content.list, { grouped: ["policy.applicationDate", "payments.date", "policy.insuranceType", "nope"] });
    expect(keys.slice(0, 3)).toEqual(["updatedAt", "createdAt", "ownerId"]);
    expect(keys.at(-1)).toBe("data.policy.applicationDate");
    expect(listIndexKeys(fields, content.list)).not.toContain("data.policy.applicationDate");
    expect(keys.filter((k) => k === "data.policy.insuranceType")).toHaveLength(1);
    expect(keys.some((k) => k.startsWith("data.payments") || k.includes("nope"))).toBe(false);
  });

  it("names indexes stably and apart", () => {
    expect(indexName("data.a")).toBe(indexName("data.a"));
    expect(indexName("data.a")).not.toBe(indexName("data.b"));
    expect(indexName("data.a")).toMatch(/^dx_[0-9a-f]{12}$/);
  });
});
