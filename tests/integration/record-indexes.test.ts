import { afterAll, describe, expect, it } from "vitest";
import { connectDb } from "@/lib/db/connect";
import { RecordModel } from "@/lib/db/models/record";
import { ensureRecordIndexes, indexName, indexSpec, listIndexKeys, sumIndexes } from "@/lib/records/record-indexes";
import { shippedDashboards } from "@/lib/templates/shipped";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";
import { seedTemplates } from "@/lib/templates/seed-templates";
import { TEMPLATE } from "./support/fixtures";

const SYSTEM = { id: "x", name: "x", email: "x@x", role: "admin" as const };

describe("ensureRecordIndexes", () => {
  afterAll(() => {
    delete process.env.DOSSIER_INDEX_BUDGET;
  });

  it("creates one index per list key of the published templates, ending in _id, and is idempotent", async () => {
    await connectDb();
    await seedTemplates();
    await ensureRecordIndexes();
    const template = await getPublishedTemplate(SYSTEM, TEMPLATE);
    const keys = listIndexKeys(template.fields, template.content.list);
    const indexes = await RecordModel.collection.indexes();
    for (const key of keys) {
      const index = indexes.find((i) => i.name === indexName(key));
      expect(index?.key, key).toEqual(indexSpec(key));
      expect(Object.keys(index!.key).slice(0, 3), key).toEqual(["templateKey", "deletedAt", key]);
      expect(Object.keys(index!.key).at(-1), key).toBe("_id");
    }
    // The archive's agents read only their own records: their lists ask by owner.
    expect(indexes.find((i) => i.name === indexName("ownerId"))?.key).toEqual(indexSpec("ownerId"));
    expect(await ensureRecordIndexes()).toMatchObject({ created: [], dropped: [] });
  });

  it("drops indexes nothing needs any more, and the old ones without the _id tiebreak", async () => {
    await RecordModel.collection.createIndex({ templateKey: 1, deletedAt: 1, "data.gone": 1, _id: 1 }, { name: indexName("data.gone") });
    await RecordModel.collection.createIndex({ templateKey: 1, deletedAt: 1, updatedAt: -1 }, { name: "templateKey_1_deletedAt_1_updatedAt_-1" });
    const result = await ensureRecordIndexes();
    expect(result.dropped.sort()).toEqual([indexName("data.gone"), "templateKey_1_deletedAt_1_updatedAt_-1"].sort());
    const names = (await RecordModel.collection.indexes()).map((i) => i.name);
    expect(names).not.toContain(indexName("data.gone"));
    expect(names).toContain("_id_");
  });

  it("keeps within the budget and says which keys went without", async () => {
    process.env.DOSSIER_INDEX_BUDGET = "3";
    const result = await ensureRecordIndexes();
    // The search text's index is one for all templates, outside the budget (record-indexes.ts).
    const all = (await RecordModel.collection.indexes()).filter((i) => i.name?.startsWith("dx_"));
    expect(all.filter((i) => i.name?.startsWith("dx_search_"))).toHaveLength(1);
    // So are the dashboard's sum indexes (below).
    const ours = all.filter((i) => !/^dx_(search|sum|rows)_/.test(i.name ?? ""));
    expect(ours).toHaveLength(3);
    expect(result.unindexed.length).toBeGreaterThan(0);
    expect(ours.map((i) => i.name)).toContain(indexName("updatedAt"));
    delete process.env.DOSSIER_INDEX_BUDGET;
    expect((await ensureRecordIndexes()).unindexed).toEqual([]);
  });

  it("makes the dashboard's sum indexes on the embedded database, outside the budget, and drops them when the dashboard no longer sums", async () => {
    const template = await getPublishedTemplate(SYSTEM, TEMPLATE);
    const widgets = shippedDashboards.find((d) => d.templateKey === TEMPLATE)!.widgets;
    const wanted = sumIndexes(widgets, template.fields);
    // The archive's default dashboard: two number cards, the top products, and two charts over table rows.
    expect(wanted.map((i) => i.name.replace(/_[0-9a-f]+$/, "")).sort()).toEqual(["dx_rows", "dx_rows", "dx_sum", "dx_sum", "dx_sum"]);
    await ensureRecordIndexes();
    const indexes = await RecordModel.collection.indexes();
    for (const index of wanted) expect(indexes.find((i) => i.name === index.name)?.key, index.name).toEqual(index.spec);
    const premium = wanted.find((i) => "data.policy.premium" in i.spec)!;
    const keys = Object.keys(premium.spec);
    expect(keys.slice(0, 3)).toEqual(["templateKey", "deletedAt", "data.status.state"]);
    expect(keys).toContain("data.policy.insuranceType");
    expect(keys.slice(-2)).toEqual(["ownerId", "data.policy.premium"]);
    expect(wanted.find((i) => "data.payments" in i.spec)?.spec).toEqual({ templateKey: 1, deletedAt: 1, ownerId: 1, "data.payments": 1 });
    // A sum index nothing asks for any more goes.
    await RecordModel.collection.createIndex({ templateKey: 1, deletedAt: 1, "data.gone": 1 }, { name: "dx_sum_000000000000" });
    expect((await ensureRecordIndexes()).dropped).toEqual(["dx_sum_000000000000"]);
  });
});
