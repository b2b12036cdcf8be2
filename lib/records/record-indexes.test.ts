import { describe, expect, it } from "vitest";
import { content, fields } from "../../tests/support/default-template";
import { MAX_SUM_INDEXES, indexName, listIndexKeys, sumIndexes } from "./record-indexes";

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

describe("sumIndexes", () => {
  it("gives each widget that sums a record's field an index of its filter, the other filterable fields, owner, grouping field and the amount, and each table a rows index", () => {
    const widgets = [
      { kind: "number", sum: "policy.premium", filter: "f.status.state.in=生效" },
      { kind: "topN", field: "policy.productName", sum: "policy.sumInsured" },
      { kind: "byMonth", field: "payments.date", sum: "payments.amount", filter: "f.payments.status.in=已缴费" },
      { kind: "byMonth", field: "claims.applyDate", sum: "claims.amount" },
    ];
    const indexes = sumIndexes(widgets, fields);
    // The archive's filterable fields with one value per record, tested on the index too.
    const filterable = ["data.policy.endDate", "data.policy.insuranceType", "data.policy.paymentMethod", "data.policy.startDate", "data.policy.sumInsured", "data.status.state"];
    const but = (k: string) => filterable.filter((f) => f !== k);
    expect(indexes.map((i) => Object.keys(i.spec))).toEqual([
      ["templateKey", "deletedAt", "data.status.state", ...but("data.status.state"), "ownerId", "data.policy.premium"],
      ["templateKey", "deletedAt", ...but("data.policy.sumInsured"), "ownerId", "data.policy.productName", "data.policy.sumInsured"],
      ["templateKey", "deletedAt", "ownerId", "data.payments"],
      ["templateKey", "deletedAt", "ownerId", "data.claims"],
    ]);
    expect(indexes.map((i) => i.name.replace(/[0-9a-f]{12}$/, ""))).toEqual(["dx_sum_", "dx_sum_", "dx_rows_", "dx_rows_"]);
    // Stable names: the same widgets give the same indexes.
    expect(sumIndexes(widgets, fields)).toEqual(indexes);
  });

  it("makes none for counts, removed or unknown fields, or stored data that is not a widget; one for two widgets of the same shape; at most MAX_SUM_INDEXES", () => {
    const gone = fields.map((f) => (f.path === "policy.premium" ? { ...f, removed: true } : f));
    expect(sumIndexes([{ kind: "number" }, { kind: "byChoice", field: "status.state" }, { kind: "number", sum: "policy.premium" }, { kind: "number", sum: "nope" }, null, "x"], gone)).toEqual([]);
    const twice = sumIndexes([{ kind: "number", sum: "policy.sumInsured" }, { kind: "number", sum: "policy.sumInsured", title: "again" }], fields);
    expect(twice).toHaveLength(1);
    // Ten different shapes: the first MAX_SUM_INDEXES are kept.
    const filters = ["status.state", "policy.insuranceType", "policy.paymentMethod", "basic.gender", "policyholder.relation"];
    const wide = filters.flatMap((f) => ["policy.sumInsured", "policy.premium"].map((sum) => ({ kind: "number", sum, filter: `f.${f}.in=x` })));
    const kept = sumIndexes(wide, fields);
    expect(kept).toHaveLength(MAX_SUM_INDEXES);
    expect(Object.keys(kept[0].spec).slice(0, 3)).toEqual(["templateKey", "deletedAt", "data.status.state"]);
    expect(Object.keys(kept[0].spec).slice(-2)).toEqual(["ownerId", "data.policy.sumInsured"]);
  });
});
