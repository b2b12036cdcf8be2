import fs from "node:fs";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain-JS module shared with the npm scripts
import { ensureFerretDB } from "../../scripts/lib/ferretdb.mjs";
import { prng, startInstance, type Db, type FerretInstance } from "./support/ferretdb-instance";

// Patch libc-mem (scripts/ferretdb/libc_mem.go) gives the embedded SQLite Go's own memcmp and
// memcpy instead of musl's loops translated to Go. SQLite compares with memcmp wherever text meets
// text: index keys in its B-trees, and each indexed document with the ones its JSON parse cache
// holds (every index expression of an insert asks it). It must never change an answer: the same
// documents go into a FerretDB with the patch on and one with it off (DOSSIER_LIBC_MEM=off), under
// indexes (one unique) on texts that share long beginnings and differ late, in the first and last
// bytes, or only in length; then every document is looked up by its indexed values, ranges and
// sorts are read, and the two must send the same bytes — and the answers must be the ones the data
// gives. A FerretDB whose memcmp is broken on purpose (DOSSIER_LIBC_MEM_BREAK=memcmp: texts equal
// in their first 64 bytes compare equal) must be caught.

type Doc = { _id: string; seq: number; data: { name: string; code: string; note: string; n: number } };

const PREFIX = "客户档案/保单/".repeat(8); // 160 bytes of UTF-8: several 64-byte blocks alike
function makeDocs(n: number): Doc[] {
  const r = prng(11);
  const docs: Doc[] = [];
  for (let i = 0; i < n; i++) {
    const tail = String(Math.floor(r() * 1e6)).padStart(6, "0");
    docs.push({
      _id: `doc-${String(i).padStart(5, "0")}`,
      seq: i,
      data: {
        // Equal lengths and beginnings, different ends: what the JSON cache compares in full.
        name: `${PREFIX}${tail}-${String(i).padStart(5, "0")}`,
        // Unique: differs only after 200 bytes, sometimes in its last byte only.
        code: `${PREFIX}${"x".repeat(40)}${String(i).padStart(5, "0")}`,
        // Prefixes of each other, and a difference in the first byte.
        note: i % 3 === 0 ? PREFIX.slice(0, 10 + (i % 50)) : `${i % 2 ? "A" : "B"}${PREFIX}`,
        n: i % 17,
      },
    });
  }
  return docs;
}

const DOCS = makeDocs(600);

async function load(db: Db) {
  const c = db.collection<Doc>("records");
  await c.createIndex({ "data.name": 1 });
  await c.createIndex({ "data.code": 1 }, { unique: true });
  await c.createIndex({ "data.note": 1, "data.n": 1 });
  // In batches, as the import writes: the JSON cache holds documents of the same batch.
  for (let i = 0; i < DOCS.length; i += 100) await c.insertMany(DOCS.slice(i, i + 100), { ordered: false });
}

/** What the database answers, as the raw bytes it sent. */
async function answers(db: Db): Promise<Record<string, Buffer[]>> {
  const c = db.collection<Doc>("records");
  const raw = (cursor: { toArray(): Promise<unknown[]> }) => cursor.toArray() as Promise<unknown> as Promise<Buffer[]>;
  const byName: Buffer[] = [];
  const byCode: Buffer[] = [];
  for (const d of DOCS.filter((_, i) => i % 5 === 0)) {
    byName.push(...(await raw(c.find({ "data.name": d.data.name }, { raw: true }))));
    byCode.push(...(await raw(c.find({ "data.code": d.data.code }, { raw: true }))));
  }
  return {
    all: await raw(c.find({}, { raw: true }).sort({ _id: 1 })),
    byName,
    byCode,
    nameOrder: await raw(c.find({}, { raw: true, projection: { "data.name": 1 } }).sort({ "data.name": 1, _id: 1 })),
    noteOrder: await raw(c.find({ "data.n": { $lt: 9 } }, { raw: true, projection: { "data.note": 1, "data.n": 1 } }).sort({ "data.note": -1, "data.n": 1, _id: 1 })),
    codeRange: await raw(c.find({ "data.code": { $gt: DOCS[300].data.code } }, { raw: true, projection: { _id: 1 } }).sort({ "data.code": 1 })),
  };
}

describe("embedded database C library patch (libc-mem)", () => {
  let on: FerretInstance, off: FerretInstance, broken: FerretInstance;
  const loaded = new Map<FerretInstance, unknown>();

  beforeAll(async () => {
    ensureFerretDB();
    [on, off, broken] = await Promise.all([
      startInstance({}, { prefix: "dossier-libc-on-" }),
      startInstance({ DOSSIER_LIBC_MEM: "off" }, { prefix: "dossier-libc-off-" }),
      startInstance({ DOSSIER_LIBC_MEM_BREAK: "memcmp" }, { prefix: "dossier-libc-broken-" }),
    ]);
    for (const i of [on, off, broken]) loaded.set(i, await load(i.db).catch((err: Error) => err));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([on, off, broken].filter(Boolean).map((i) => i.stop()));
  });

  it("takes effect only when not switched off", () => {
    expect(fs.readFileSync(on.log, "utf8")).toContain("dossier libc-mem");
    expect(fs.readFileSync(off.log, "utf8")).not.toContain("dossier libc-mem");
  });

  it("sends the same bytes with the patch on and off, and the answers the data gives", async () => {
    expect(loaded.get(on)).toBeUndefined();
    expect(loaded.get(off)).toBeUndefined();
    const [a, b] = await Promise.all([answers(on.db), answers(off.db)]);
    for (const name of Object.keys(b)) {
      expect(a[name].length, name).toBe(b[name].length);
      expect(a[name].filter((buf, i) => !buf.equals(b[name][i])).length, name).toBe(0);
    }
    // Each lookup finds its own document, once; the orders are those of the texts' bytes.
    expect(a.all.length).toBe(DOCS.length);
    expect(a.byName.length).toBe(DOCS.length / 5);
    expect(a.byCode.length).toBe(DOCS.length / 5);
    const ids = (bufs: Buffer[]) => bufs.map((buf) => String(mongoose.mongo.BSON.deserialize(buf)._id));
    const every5 = DOCS.filter((_, i) => i % 5 === 0).map((d) => d._id);
    expect(ids(a.byName)).toEqual(every5);
    expect(ids(a.byCode)).toEqual(every5);
    const bytes = (s: string) => Buffer.from(s, "utf8");
    const byNameBytes = [...DOCS].sort((x, y) => Buffer.compare(bytes(x.data.name), bytes(y.data.name)) || (x._id < y._id ? -1 : 1)).map((d) => d._id);
    expect(ids(a.nameOrder)).toEqual(byNameBytes);
    expect(ids(a.codeRange)).toEqual(DOCS.slice(301).map((d) => d._id));
  }, 120_000);

  it("catches a memcmp broken on purpose", async () => {
    // Unique codes alike in their first 64 bytes are refused as duplicates, or lookups miss.
    const failedLoad = loaded.get(broken) instanceof Error;
    const [a, b] = await Promise.all([answers(broken.db), answers(off.db)]);
    const differing = Object.keys(b).filter((name) => a[name].length !== b[name].length || a[name].some((buf, i) => !buf.equals(b[name][i])));
    expect(failedLoad || differing.length > 0).toBe(true);
    expect(differing.length).toBeGreaterThan(0);
  }, 120_000);
});
