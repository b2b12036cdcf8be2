import fs from "node:fs";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain-JS module shared with the npm scripts
import { ensureFerretDB } from "../../scripts/lib/ferretdb.mjs";
import { prng, startInstance, type Db, type FerretInstance } from "./support/ferretdb-instance";

// Patch sqlite-read-1 (scripts/ferretdb/dossier_read*.go) makes the embedded FerretDB read faster
// (no leak tracking of in-memory document iterators, a lazier garbage collector, the stored JSON
// decoded in one pass instead of encoding/json once per nesting level). It must never
// change an answer: the same documents are stored in a FerretDB with the patch on and one with it
// off (DOSSIER_READ=off: FerretDB as released), read back in several shapes (every document in
// small and large batches, sorted, projected, aggregated), and the two must send the same BSON,
// byte for byte. The data has what a decoder gets wrong: unicode (CJK, emoji, combining marks,
// escapes), nested tables, doubles (-0, tiny, huge, long fractions), ints and longs, dates, nulls,
// empty objects and arrays, booleans, ObjectIds. A planted difference (one double a bit apart)
// proves the comparison sees a single bit; the log line proves the switch took effect; and a
// FerretDB with the decoder broken on purpose (DOSSIER_READ_BREAK=double: the last bit of every
// double it decodes flipped) must be caught — which also proves the fast decoder, not the
// fallback to FerretDB's own, answered.
//
// Patch sqlite-read-5 (scripts/ferretdb/dossier_batch.go) decodes a find's rows a batch at a time
// on more than one goroutine: the same comparison covers it (DOSSIER_READ=off turns it off too),
// and a FerretDB that hands out two documents of each batch decoded in parallel the wrong way round
// (DOSSIER_READ_BREAK=batch) must be caught — which also proves such batches were decoded in
// parallel (GOMAXPROCS=2 there, so a one-core machine runs the same check).

type Doc = Record<string, unknown>;

const TEXTS = ["张三", "客户 🙂 Ärger", "e\u0301", 'quote " back \\ slash', "line\nbreak\ttab", "", "\u0000nul", "𠀀𠀁 (outside the BMP)", "a".repeat(3000)];
const DOUBLES = [0.1, -0, 1e-310, 1.7976931348623157e308, 123456.789, -5e-324, 0.30000000000000004, 2 ** 53 + 0.5, 1 / 3];

function makeDocs(n: number, seed: number): Doc[] {
  const r = prng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const { Long, Double, Int32, ObjectId } = mongoose.mongo;
  const docs: Doc[] = [];
  for (let i = 0; i < n; i++) {
    const rows = Array.from({ length: Math.floor(r() * 4) }, () => ({
      日期: new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 2e11)),
      金额: r() < 0.5 ? new Double(pick(DOUBLES)) : new Int32(Math.floor(r() * 1e6)),
      备注: r() < 0.2 ? null : pick(TEXTS),
      嵌套: { 列表: [new Long(Math.floor(r() * 1e12)), pick(TEXTS), null, {}] /* no array in an array: FerretDB 1.x refuses them */, 真: r() < 0.5 },
    }));
    docs.push({
      _id: new ObjectId(Buffer.from(`read${String(i).padStart(8, "0")}`).subarray(0, 12)),
      templateKey: i % 7 === 0 ? "other" : "customer-archive",
      seq: i,
      updatedAt: new Date(Date.UTC(2024, 0, 1) + i * 1000),
      deletedAt: i % 11 === 0 ? new Date(Date.UTC(2025, 0, 1)) : null,
      data: {
        客户姓名: pick(TEXTS),
        保险金额: new Double(pick(DOUBLES)),
        年龄: new Int32(Math.floor(r() * 100)),
        大数: new Long("9007199254740993"),
        空: null,
        空对象: {},
        空表: [],
        缴费记录: rows,
        标签: r() < 0.5 ? [pick(TEXTS), pick(TEXTS)] : undefined,
        owner: new ObjectId(Buffer.from(`own${String(Math.floor(r() * 1e9)).padStart(9, "0")}`).subarray(0, 12)),
      },
    });
  }
  return docs;
}

/** Every answer of one shape as the raw BSON the server sent, in order. */
async function shapes(db: Db): Promise<Record<string, Buffer[]>> {
  const c = db.collection("records");
  const raw = <T,>(cursor: { toArray(): Promise<T[]> }) => cursor.toArray() as Promise<unknown> as Promise<Buffer[]>;
  return {
    all: await raw(c.find({}, { raw: true }).sort({ _id: 1 })),
    smallBatches: await raw(c.find({}, { raw: true, batchSize: 7 }).sort({ seq: 1 })),
    listOrder: await raw(c.find({ templateKey: "customer-archive", deletedAt: null }, { raw: true, batchSize: 500 }).sort({ updatedAt: -1, _id: -1 })),
    projected: await raw(c.find({ templateKey: "customer-archive" }, { raw: true, projection: { "data.客户姓名": 1, "data.缴费记录": 1, updatedAt: 1 } }).sort({ _id: -1 })),
    aggregated: await raw(c.aggregate([{ $match: { deletedAt: null } }, { $sort: { seq: -1 } }, { $limit: 100 }], { raw: true })),
  };
}

describe("embedded database read patch (sqlite-read-1)", () => {
  let on: FerretInstance, off: FerretInstance, broken: FerretInstance, misordered: FerretInstance;
  // The same seeded documents built afresh for each instance: structuredClone would turn the
  // BSON Double, Int32 and Long into plain objects ({ value }) and the doubles would never be read.
  const docs = makeDocs(400, 7);

  beforeAll(async () => {
    ensureFerretDB();
    [on, off, broken, misordered] = await Promise.all([
      startInstance({ GOMAXPROCS: "2" }, { prefix: "dossier-read-on-" }),
      startInstance({ DOSSIER_READ: "off" }, { prefix: "dossier-read-off-" }),
      startInstance({ DOSSIER_READ_BREAK: "double" }, { prefix: "dossier-read-broken-" }),
      startInstance({ DOSSIER_READ_BREAK: "batch", GOMAXPROCS: "2" }, { prefix: "dossier-read-misordered-" }),
    ]);
    for (const i of [on, off, broken, misordered]) await i.db.collection("records").insertMany(makeDocs(400, 7) as never[]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([on, off, broken, misordered].filter(Boolean).map((i) => i.stop()));
  });

  it("takes effect only when not switched off", () => {
    expect(fs.readFileSync(on.log, "utf8")).toContain("dossier sqlite-read-1");
    expect(fs.readFileSync(off.log, "utf8")).not.toContain("dossier sqlite-read-1");
    expect(fs.readFileSync(on.log, "utf8")).toContain("dossier sqlite-read-5: a find's rows decoded in batches on up to 2 goroutines");
    expect(fs.readFileSync(off.log, "utf8")).not.toContain("dossier sqlite-read-5");
  });

  it("sends the same bytes with the patch on and off, in every shape", async () => {
    const [a, b] = await Promise.all([shapes(on.db), shapes(off.db)]);
    expect(a.all.length).toBe(docs.length);
    // What was stored kept its BSON types: the comparison covers the decoder's doubles, ints and longs.
    const first = mongoose.mongo.BSON.deserialize(a.all[1], { promoteValues: false }) as { data: Record<string, { _bsontype?: string }> };
    expect([first.data.保险金额._bsontype, first.data.年龄._bsontype, first.data.大数._bsontype, first.data.owner._bsontype]).toEqual(["Double", "Int32", "Long", "ObjectId"]);
    expect(a.listOrder.length).toBeGreaterThan(100);
    for (const name of Object.keys(b)) {
      expect(a[name].length, name).toBe(b[name].length);
      const differing = a[name].filter((buf, i) => !buf.equals(b[name][i])).length;
      expect(differing, name).toBe(0);
    }
  }, 120_000);

  it("catches a decoder broken on purpose in every document (the fast decoder answers them all)", async () => {
    const [a, b] = await Promise.all([shapes(broken.db), shapes(off.db)]);
    const differing = a.all.filter((buf, i) => !buf.equals(b.all[i])).length;
    expect(differing).toBe(docs.length);
  }, 120_000);

  it("catches batches decoded in parallel but handed out out of order (the order is the rows')", async () => {
    const [a, b] = await Promise.all([shapes(misordered.db), shapes(off.db)]);
    // Batches of 1, 2, 4, … 64 rows: those of 8 or more are decoded on two goroutines, and the
    // break swaps their first two documents — 2 × 9 of the 400 sorted by _id (8, 16, 32, 64 × 5, 17).
    expect(a.all.filter((buf, i) => !buf.equals(b.all[i])).length).toBe(18);
    // The same documents: only their order differs.
    expect(new Set(a.all.map((x) => x.toString("hex")))).toEqual(new Set(b.all.map((x) => x.toString("hex"))));
    // The list's own read (its filter and sort handed to SQLite, the rows' order final) too.
    expect(a.listOrder.filter((buf, i) => !buf.equals(b.listOrder[i])).length).toBeGreaterThan(0);
  }, 120_000);

  it("would see a difference of one bit in one double", async () => {
    const { Double } = mongoose.mongo;
    const planted = { _id: "planted", seq: -1, data: { x: new Double(0.1) } };
    await on.db.collection("records").insertOne(planted as never);
    await off.db.collection("records").insertOne({ ...planted, data: { x: new Double(0.1 + 2 ** -56) } } as never);
    try {
      const [a, b] = await Promise.all([shapes(on.db), shapes(off.db)]);
      expect(a.all.filter((buf, i) => !buf.equals(b.all[i])).length).toBe(1);
    } finally {
      await Promise.all([on, off].map((i) => i.db.collection("records").deleteOne({ _id: "planted" } as never)));
    }
  }, 120_000);
});
