import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain-JS module shared with the npm scripts
import { ensureFerretDB } from "../../scripts/lib/ferretdb.mjs";
import { prng, startInstance, type Db, type FerretInstance } from "./support/ferretdb-instance";

// Patch sqlite-read-4 (scripts/ferretdb/dossier_read_schema.go): the schema of an object or an
// array in a stored document ($s) is taken from a cache keyed by its exact bytes once those bytes
// were seen twice, instead of being parsed again. It must never change an answer: the same
// documents are stored in a FerretDB with the cache on and one with it off
// (DOSSIER_READ_SCHEMA=off), read back in several shapes twice (the cache fills during the first
// reads), and the two must send the same BSON, byte for byte. The documents repeat their
// sections' schemas with small differences in the same places (an int or a long or a double, a
// string or null, a key more or a key in another order, tables of 0–4 rows), which a cache keyed
// on anything less than the exact bytes answers wrongly. A FerretDB whose cache reads "long" as
// "int" in its keys (DOSSIER_READ_BREAK=schema) must be caught — which proves that cached schemas
// answered, not the parse; the instance that is off runs with that break too, which proves the
// switch turns the cache off.

type Doc = Record<string, unknown>;

function makeDocs(n: number, seed: number): Doc[] {
  const r = prng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const { Long, Double, Int32, ObjectId } = mongoose.mongo;
  const number = () => pick([() => new Int32(Math.floor(r() * 100)), () => new Long(Math.floor(r() * 100)), () => new Double(Math.floor(r() * 100) + 0.5), () => null])();
  const text = () => pick(["张三", "李四", 'quote " \\ x', "line\nbreak", "", null, "🙂"]);
  const docs: Doc[] = [];
  for (let i = 0; i < n; i++) {
    const section: Doc = r() < 0.5 ? { 编号: number(), 姓名: text(), 备注: "同一节" } : { 姓名: text(), 编号: number(), 备注: "同一节" };
    if (r() < 0.3) section.多一个键 = new Int32(1);
    const rows = Array.from({ length: Math.floor(r() * 5) }, () => ({ 金额: number(), 日期: new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 2e11)), 说明: text(), 嵌套: { 值: number(), 列表: [number(), text()] } }));
    docs.push({
      _id: new ObjectId(Buffer.from(`schm${String(i).padStart(8, "0")}`).subarray(0, 12)),
      seq: i,
      updatedAt: new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 1000) * 1000),
      data: { 基本: section, 缴费记录: rows, 空: {}, 空表: [], 固定: { 甲: new Long(1), 乙: "不变的一节", 丙: [new Int32(1), new Int32(2)] }, 序号: new Int32(i) },
    });
  }
  return docs;
}

/** Every answer of one shape as the raw BSON the server sent, in order. */
async function shapes(db: Db): Promise<Record<string, Buffer[]>> {
  const c = db.collection("records");
  const raw = <T,>(cursor: { toArray(): Promise<T[]> }) => cursor.toArray() as Promise<unknown> as Promise<Buffer[]>;
  return {
    all: await raw(c.find({}, { raw: true, batchSize: 101 }).sort({ _id: 1 })),
    projected: await raw(c.find({}, { raw: true, projection: { "data.基本.姓名": 1, updatedAt: 1 } }).sort({ updatedAt: -1, _id: -1 })),
    table: await raw(c.find({ "data.缴费记录.金额": { $gte: 10 } }, { raw: true, projection: { "data.缴费记录": 1, "data.固定": 1 } }).sort({ seq: 1 })),
    aggregated: await raw(c.aggregate([{ $match: { seq: { $gte: 100 } } }, { $sort: { seq: -1 } }], { raw: true })),
  };
}

describe("embedded database read patch (sqlite-read-4: schemas from a cache)", () => {
  let on: FerretInstance, off: FerretInstance, broken: FerretInstance;
  const count = 600;

  beforeAll(async () => {
    ensureFerretDB();
    [on, off, broken] = await Promise.all([
      startInstance({}, { prefix: "dossier-schema-on-" }),
      startInstance({ DOSSIER_READ_SCHEMA: "off", DOSSIER_READ_BREAK: "schema" }, { prefix: "dossier-schema-off-" }),
      startInstance({ DOSSIER_READ_BREAK: "schema" }, { prefix: "dossier-schema-broken-" }),
    ]);
    // Built afresh for each: structuredClone would turn the BSON numbers into plain objects.
    for (const i of [on, off, broken]) await i.db.collection("records").insertMany(makeDocs(count, 11) as never[]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([on, off, broken].filter(Boolean).map((i) => i.stop()));
  });

  it("sends the same bytes with the cache on and off, in every shape, as it fills and once full", async () => {
    for (let round = 0; round < 2; round++) {
      const [a, b] = await Promise.all([shapes(on.db), shapes(off.db)]);
      expect(a.all.length).toBe(count);
      expect(a.table.length).toBeGreaterThan(50);
      for (const name of Object.keys(b)) {
        expect(a[name].length, name).toBe(b[name].length);
        expect(a[name].filter((buf, i) => !buf.equals(b[name][i])).length, `${name}, round ${round}`).toBe(0);
      }
    }
  }, 120_000);

  it("catches a cache keyed wrongly (long read as int), so cached schemas answered", async () => {
    await shapes(broken.db);
    const [a, b] = await Promise.all([shapes(broken.db), shapes(off.db)]);
    const differing = a.all.filter((buf, i) => !buf.equals(b.all[i])).length;
    expect(differing).toBeGreaterThan(count / 10);
  }, 120_000);
});
