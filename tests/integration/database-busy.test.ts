import { afterAll, describe, expect, it } from "vitest";
import { SEARCH_INDEX } from "@/lib/records/record-indexes";
import { startInstance, type FerretInstance } from "./support/ferretdb-instance";

// In CI a template migration's findOneAndUpdate failed at once with "database is locked (5)
// (SQLITE_BUSY)" while the search-text backfill wrote beside it. The cause: a write on the records
// collection fires the triggers of the trigram index (an FTS5 table, scripts/ferretdb/
// dossier_fts.go); after another connection changed the schema (an index made on publish), the
// connection reopens that table while preparing the write, which reads under FerretDB's deferred
// BEGIN — and a transaction that read first cannot wait for the write lock: SQLite answers BUSY at
// once whenever another connection holds it. The embedded database now begins its transactions
// IMMEDIATE (scripts/lib/ferretdb.mjs). This suite races writes against index changes as the
// backfill and a migration did, on the database as the app starts it (no write may fail busy) and
// on one started the old way (the same race must fail busy there, or it proves nothing).

const instances: FerretInstance[] = [];
afterAll(async () => {
  for (const i of instances) await i.stop();
});

const id = (i: number) => `r${String(i).padStart(4, "0")}`;
const isBusy = (err: unknown) => /SQLITE_BUSY|database is locked/.test(String((err as Error).message));

/**
 * A records collection with the search index and its trigram index, then `rounds` rounds of: an
 * index made (a schema change), then four findOneAndUpdate at once, while a loop of updateOne (the
 * backfill) writes all along. Stops early once `stopAtBusy` busy failures are seen.
 */
async function race(txlock: "immediate" | "deferred", rounds: number, stopAtBusy = Infinity) {
  const instance = await startInstance({}, { prefix: `dossier-busy-${txlock}-`, dbName: "dossier", txlock });
  instances.push(instance);
  const records = instance.db.collection<{ _id: string }>("records");
  await records.createIndex(SEARCH_INDEX, { name: "dx_search_test" });
  await records.insertMany(Array.from({ length: 200 }, (_, i) => ({ _id: id(i), templateKey: "t1", revision: 1, search: { k: "", t: `客户 ${i}`, n: `name ${i}`, p: "" } })));
  // A search as the list's warm-up asks it: the trigram index and its triggers are made.
  const re = { $regex: "预热" };
  await records.find({ templateKey: "t1", "search.k": "", $or: [{ "search.t": re }, { "search.n": re }, { "search.p": re }] }).limit(1).toArray();

  const tally = { busy: 0, other: [] as string[], migrated: 0, backfilled: 0 };
  const note = (err: unknown) => (isBusy(err) ? tally.busy++ : tally.other.push(String((err as Error).message)));
  let stop = false;
  const backfill = (async () => {
    for (let i = 0; !stop; i = (i + 1) % 100) {
      await records.updateOne({ _id: id(i) }, { $set: { "search.t": `回填 ${Date.now()}` } }).then(() => tally.backfilled++, note);
    }
  })();
  for (let round = 0; round < rounds && tally.busy < stopAtBusy; round++) {
    await records.createIndex({ [`g${round}`]: 1 });
    await Promise.all(
      Array.from({ length: 4 }, (_, j) => records.findOneAndUpdate({ _id: id(100 + ((round * 4 + j) % 100)) }, { $set: { "search.n": `迁移 ${round}` } }).then(() => tally.migrated++, note)),
    );
  }
  stop = true;
  await backfill;
  return tally;
}

describe("writes beside index changes on the embedded database", () => {
  it("never fail busy as the app starts the database (transactions begin immediate)", async () => {
    const tally = await race("immediate", 20);
    expect(tally.other).toEqual([]);
    expect(tally.busy).toBe(0);
    expect(tally.migrated).toBe(80);
    expect(tally.backfilled).toBeGreaterThan(0);
  });

  it("fail busy at once when transactions begin deferred (what the race above guards against)", async () => {
    const tally = await race("deferred", 200, 1);
    expect(tally.other).toEqual([]);
    expect(tally.busy).toBeGreaterThan(0);
  });
});
