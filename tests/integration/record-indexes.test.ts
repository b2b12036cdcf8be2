import { afterAll, describe, expect, it } from "vitest";
import { connectDb } from "@/lib/db/connect";
import { RecordModel } from "@/lib/db/models/record";
import { ensureRecordIndexes, indexName, indexSpec, listIndexKeys } from "@/lib/records/record-indexes";
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
    const ours = all.filter((i) => !i.name?.startsWith("dx_search_"));
    expect(ours).toHaveLength(3);
    expect(result.unindexed.length).toBeGreaterThan(0);
    expect(ours.map((i) => i.name)).toContain(indexName("updatedAt"));
    delete process.env.DOSSIER_INDEX_BUDGET;
    expect((await ensureRecordIndexes()).unindexed).toEqual([]);
  });
});
