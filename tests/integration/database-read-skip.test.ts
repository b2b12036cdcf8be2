import fs from "node:fs";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain-JS module shared with the npm scripts
import { ensureFerretDB } from "../../scripts/lib/ferretdb.mjs";
import { prng, startInstance, type Db, type FerretInstance } from "./support/ferretdb-instance";

// Patch sqlite-read-2 (scripts/ferretdb/dossier_skip.go, dossier_read_sjson.go): a find with an
// inclusion projection decodes only the paths it can read — the projection's, the filter's, the
// sort's and _id — and steps over the rest of each stored document. It must never change an
// answer: the same documents are stored in a FerretDB with the patch on and one with it off
// (DOSSIER_READ_SKIP=off: whole documents decoded), the same finds are sent to both, and the two
// must send the same BSON, byte for byte (or the same error). The finds filter and sort on fields
// the projection leaves out, on nested paths, on arrays and into arrays of objects
// ("data.缴费记录.金额"), with $elemMatch, $size, $exists, $or/$and/$nor, indexes into arrays;
// they project sub-documents, paths through scalars and missing paths; and shapes that must decode
// whole (exclusion, positional, $expr, no projection) are compared too. The data mixes the types a
// path holds from one record to the next (an array in one, an object or a string in another).
// A FerretDB that forgets the filter's and sort's paths on purpose (DOSSIER_READ_BREAK=skip) must
// be caught on every find whose filter or sort lies outside its projection — which also proves
// that the pruned decoding, not a fallback to the whole document, answered them.
//
// Patch sqlite-read-3 (scripts/ferretdb/dossier_project.go) builds an inclusion projection in one
// walk of the document instead of FerretDB's copies: the same finds against a FerretDB with it off
// (DOSSIER_READ_PROJECT=off) must get the same bytes, and one that marks each document the walk
// answered (DOSSIER_READ_BREAK=project) shows it answered exactly those it should: every document
// of a plain inclusion projection, except where a path goes on through an array (FerretDB places
// such a key out of the source's order; the walk leaves those documents to it), and none of the
// other projections.

type Doc = Record<string, unknown>;

const TEXTS = ["张三", "客户 🙂 Ärger", "e\u0301", 'quote " back \\ slash', "line\nbreak\ttab", "", "\u0000nul", "𠀀𠀁 (outside the BMP)", "a".repeat(500)];
const DOUBLES = [0.1, -0, 1e-310, 1.7976931348623157e308, 123456.789, -5e-324, 0.30000000000000004, 1 / 3, 1500, 2500.5];

function makeDocs(n: number, seed: number): Doc[] {
  const r = prng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const { Long, Double, Int32, ObjectId } = mongoose.mongo;
  const docs: Doc[] = [];
  for (let i = 0; i < n; i++) {
    const rows = Array.from({ length: Math.floor(r() * 4) }, () => ({
      日期: new Date(Date.UTC(2020, 0, 1) + Math.floor(r() * 2e11)),
      金额: r() < 0.5 ? new Double(pick(DOUBLES)) : new Int32(Math.floor(r() * 3000)),
      备注: r() < 0.3 ? null : pick(TEXTS),
      嵌套: { 列表: [new Long(Math.floor(r() * 1e12)), pick(TEXTS), null, {}], 真: r() < 0.5 },
    }));
    // The same path holds other types in some records: an object instead of the table, one whose
    // key is "0", a scalar in the table, a string for a number, a missing sub-document.
    const table = i % 13 === 0 ? { 金额: new Int32(5), 备注: "对象" } : i % 19 === 0 ? { "0": { 金额: new Int32(7) }, 其他: 1 } : i % 23 === 0 ? [...rows, "散值", new Int32(3)] : rows;
    docs.push({
      _id: new ObjectId(Buffer.from(`skip${String(i).padStart(8, "0")}`).subarray(0, 12)),
      templateKey: i % 7 === 0 ? "other" : "customer-archive",
      seq: i,
      updatedAt: new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 1000) * 1000),
      deletedAt: i % 11 === 0 ? new Date(Date.UTC(2025, 0, 1)) : null,
      searchText: pick(TEXTS) + " " + pick(TEXTS),
      data: i % 29 === 0 ? "not an object" : {
        客户姓名: pick(TEXTS),
        保险金额: new Double(pick(DOUBLES)),
        年龄: i % 17 === 0 ? "三十" : new Int32(Math.floor(r() * 100)),
        大数: new Long("9007199254740993"),
        空: null,
        空对象: {},
        空表: [],
        缴费记录: table,
        标签: r() < 0.5 ? [pick(TEXTS), pick(TEXTS)] : undefined,
        联系: r() < 0.7 ? { 电话: String(13800000000 + i), 地址: { 城市: pick(["上海", "北京", "深圳"]), 街道: pick(TEXTS) } } : undefined,
        owner: new ObjectId(Buffer.from(`own${String(i).padStart(9, "0")}`).subarray(0, 12)),
      },
    });
  }
  return docs;
}

interface Shape {
  filter: Doc;
  projection?: Doc;
  sort?: Doc;
  skip?: number;
  limit?: number;
  batchSize?: number;
  /** The filter or the sort names a path the projection leaves out: DOSSIER_READ_BREAK=skip must change the answer. */
  outside?: boolean;
  /** Not a projection the walk of sqlite-read-3 takes (FerretDB's own projection answers). */
  notWalked?: boolean;
}

const SHAPES: Record<string, Shape> = {
  // the list's page and the export's read
  listPage: { filter: { templateKey: "customer-archive", deletedAt: null }, projection: { revision: 1, createdAt: 1, updatedAt: 1, verification: 1, ownerName: 1, deletedAt: 1, "data.客户姓名": 1, "data.年龄": 1, "data.联系.地址.城市": 1 }, sort: { updatedAt: -1, _id: -1 }, skip: 20, limit: 50, outside: true },
  exportRead: { filter: { $and: [{ templateKey: "customer-archive" }, { deletedAt: null }, { "data.年龄": { $ne: null } }] }, projection: { createdAt: 1, updatedAt: 1, ownerId: 1, "data.客户姓名": 1, "data.缴费记录": 1 }, sort: { "data.年龄": 1, _id: 1 }, batchSize: 7, outside: true },
  filterOutside: { filter: { templateKey: "customer-archive", "data.年龄": { $gte: 30 } }, projection: { "data.客户姓名": 1, updatedAt: 1 }, sort: { _id: 1 }, outside: true },
  sortOutside: { filter: {}, projection: { "data.客户姓名": 1 }, sort: { "data.保险金额": -1, _id: 1 }, outside: true },
  sortOutsideNested: { filter: { seq: { $lt: 300 } }, projection: { seq: 1 }, sort: { "data.联系.地址.城市": 1, seq: -1 }, outside: true },
  subDocument: { filter: { deletedAt: null }, projection: { "data.缴费记录": 1, "data.联系": 1, seq: 1 }, sort: { seq: 1 } },
  intoArrayOfObjects: { filter: { "data.缴费记录.金额": { $gt: 1000 } }, projection: { "data.缴费记录.金额": 1 }, sort: { seq: 1 } },
  intoArrayOutside: { filter: { "data.缴费记录.金额": { $gt: 1000 } }, projection: { "data.缴费记录.日期": 1, "data.缴费记录.嵌套.真": 1 }, sort: { seq: 1 }, outside: true },
  twoPathsInArray: { filter: { "data.缴费记录.备注": null }, projection: { "data.缴费记录.金额": 1, "data.缴费记录.嵌套.列表": 1, seq: 1 }, sort: { seq: -1 }, outside: true },
  arrayField: { filter: { "data.标签": "张三" }, projection: { seq: 1 }, sort: { seq: 1 }, outside: true },
  arrayFieldAll: { filter: { "data.标签": { $all: ["张三", "e\u0301"] } }, projection: { "data.标签": 1 }, sort: { seq: 1 } },
  // FerretDB 1.24 refuses $elemMatch with conditions on fields of the elements (the same error both ways)
  elemMatchFields: { filter: { "data.缴费记录": { $elemMatch: { 金额: { $gte: 1000 } } } }, projection: { seq: 1 }, sort: { seq: 1 } },
  elemMatch: { filter: { "data.标签": { $elemMatch: { $eq: "张三" } } }, projection: { seq: 1, "data.客户姓名": 1 }, sort: { seq: 1 }, outside: true },
  // an array pruned by the projection keeps its length
  size: { filter: { "data.缴费记录": { $size: 2 } }, projection: { "data.缴费记录.日期": 1 }, sort: { seq: 1 } },
  sizeOutside: { filter: { "data.缴费记录": { $size: 2 } }, projection: { seq: 1 }, sort: { seq: 1 }, outside: true },
  existsOutside: { filter: { "data.标签": { $exists: false } }, projection: { seq: 1, "data.owner": 1 }, sort: { seq: 1 }, outside: true },
  typeOutside: { filter: { "data.年龄": { $type: "string" } }, projection: { seq: 1 }, sort: { seq: 1 }, outside: true },
  orAndNor: { filter: { $or: [{ "data.年龄": { $lt: 10 } }, { "data.缴费记录.嵌套.真": true }], $nor: [{ deletedAt: { $ne: null } }], $and: [{ seq: { $gte: 10 } }] }, projection: { "data.缴费记录.嵌套.列表": 1 }, sort: { seq: 1 }, outside: true },
  regexOutside: { filter: { searchText: { $regex: "张" } }, projection: { seq: 1 }, sort: { seq: 1 }, skip: 5, limit: 20, outside: true },
  emptyObjectEquality: { filter: { "data.空对象": {} }, projection: { seq: 1 }, sort: { seq: 1 }, limit: 30, outside: true },
  wholeSubDocEquality: { filter: { "data.缴费记录": { 金额: 5, 备注: "对象" } }, projection: { seq: 1 }, sort: { seq: 1 }, outside: true },
  objectWithKeyZero: { filter: { "data.缴费记录.0.金额": { $exists: true } }, projection: { "data.缴费记录.0.金额": 1, seq: 1 }, sort: { seq: 1 } },
  arrayIndexOutside: { filter: { "data.缴费记录.0.金额": { $gt: 1000 } }, projection: { seq: 1 }, sort: { seq: 1 }, outside: true },
  throughScalar: { filter: {}, projection: { "data.客户姓名.x": 1, "data.缴费记录.金额.y": 1 }, sort: { seq: 1 } },
  missingPaths: { filter: { seq: { $lt: 50 } }, projection: { "data.不存在": 1, "nope.x": 1, "data.联系.地址.城市": 1 }, sort: { seq: 1 }, outside: true },
  idOnly: { filter: { deletedAt: { $ne: null } }, projection: { _id: 1 }, sort: { updatedAt: 1, _id: 1 }, outside: true },
  noId: { filter: { templateKey: "other" }, projection: { _id: 0, "data.年龄": 1, seq: 1 }, sort: { seq: 1 }, outside: true },
  numbersAsInclusion: { filter: {}, projection: { seq: 2, "data.保险金额": true, "data.大数": 1.5 }, sort: { seq: 1 } },
  // the projection's paths in another order than the document's, two of them into one sub-document backwards
  projectionOrder: { filter: { seq: { $lt: 200 } }, projection: { seq: 1, "data.联系.地址.城市": 1, "data.客户姓名": 1, templateKey: 1, "data.联系.电话": 1, "data.联系.地址.街道": 1 }, sort: { seq: 1 } },
  // the export's read of every field: tables and sub-documents whole, empty ones, nulls
  wholeTables: { filter: { deletedAt: null }, projection: { createdAt: 1, updatedAt: 1, "data.标签": 1, "data.缴费记录": 1, "data.客户姓名": 1, "data.联系.地址": 1, "data.空对象": 1, "data.空表": 1, "data.大数": 1, "data.空": 1, "data.owner": 1 }, sort: { updatedAt: -1, _id: -1 } },
  // a path into a table before one that comes earlier in the document
  throughArrayThenLeaf: { filter: {}, projection: { "data.缴费记录.金额": 1, "data.客户姓名": 1, seq: 1 }, sort: { seq: 1 } },
  arrayInArray: { filter: { seq: { $lt: 300 } }, projection: { "data.缴费记录.嵌套.列表.x": 1, "data.缴费记录.嵌套.真": 1 }, sort: { seq: 1 }, outside: true },
  // these decode whole documents; the answers must still be the same
  exclusion: { filter: { seq: { $lt: 100 } }, projection: { data: 0 }, sort: { seq: 1 }, notWalked: true },
  positional: { filter: { "data.缴费记录.金额": { $gt: 1000 } }, projection: { "data.缴费记录.$": 1 }, sort: { seq: 1 }, notWalked: true },
  sliceOperator: { filter: {}, projection: { "data.缴费记录": { $slice: 1 } }, sort: { seq: 1 }, notWalked: true },
  expr: { filter: { $expr: { $gt: ["$seq", 100] } }, projection: { seq: 1 }, sort: { seq: 1 } },
  noProjection: { filter: { "data.年龄": { $lt: 20 } }, sort: { seq: 1 }, notWalked: true },
  literalProjection: { filter: { seq: { $lt: 20 } }, projection: { seq: 1, x: "literal" }, sort: { seq: 1 }, notWalked: true },
  // projections the walk leaves to FerretDB
  idSubPath: { filter: { seq: { $lt: 20 } }, projection: { "_id.x": 1, seq: 1 }, sort: { seq: 1 }, notWalked: true },
  pathCollision: { filter: { seq: { $lt: 20 } }, projection: { "data.联系": 1, "data.联系.电话": 1 }, sort: { seq: 1 }, notWalked: true, outside: true },
};

type Answer = Buffer[] | string;

/** Every shape's answer: the raw BSON the server sent, in order, or its error. */
async function answers(db: Db): Promise<Record<string, Answer>> {
  const c = db.collection("records");
  const out: Record<string, Answer> = {};
  for (const [name, s] of Object.entries(SHAPES)) {
    try {
      let cursor = c.find(s.filter, { raw: true, projection: s.projection, batchSize: s.batchSize ?? 1000 });
      if (s.sort) cursor = cursor.sort(s.sort as never);
      if (s.skip) cursor = cursor.skip(s.skip);
      if (s.limit) cursor = cursor.limit(s.limit);
      out[name] = (await cursor.toArray()) as unknown as Buffer[];
    } catch (e) {
      out[name] = `error: ${(e as Error).message}`;
    }
  }
  return out;
}

const same = (a: Answer, b: Answer) => (typeof a === "string" || typeof b === "string" ? a === b : a.length === b.length && a.every((buf, i) => buf.equals(b[i])));

const MARK = "dossierProjected";

/** Whether FerretDB's own projection would place a key out of the document's order: some path of the projection goes on through an array. */
function throughArray(doc: Doc, projection: Doc): boolean {
  return Object.keys(projection).some((path) => {
    let node: unknown = doc;
    for (const part of path.split(".").slice(0, -1)) {
      if (Array.isArray(node)) return true;
      if (!node || typeof node !== "object") return false;
      node = (node as Doc)[part];
    }
    // FerretDB keeps such an array on the way (of the projected rows), so the answer shows it.
    return Array.isArray(node);
  });
}

describe("embedded database projected read (sqlite-read-2, sqlite-read-3)", () => {
  let on: FerretInstance, off: FerretInstance, broken: FerretInstance, ownProjection: FerretInstance, marked: FerretInstance;
  const docs = makeDocs(600, 11);

  beforeAll(async () => {
    ensureFerretDB();
    [on, off, broken, ownProjection, marked] = await Promise.all([
      startInstance({}, { prefix: "dossier-skip-on-" }),
      startInstance({ DOSSIER_READ_SKIP: "off" }, { prefix: "dossier-skip-off-" }),
      startInstance({ DOSSIER_READ_BREAK: "skip" }, { prefix: "dossier-skip-broken-" }),
      startInstance({ DOSSIER_READ_PROJECT: "off" }, { prefix: "dossier-project-off-" }),
      startInstance({ DOSSIER_READ_BREAK: "project" }, { prefix: "dossier-project-marked-" }),
    ]);
    // A fresh copy each (the same seed): structuredClone would turn the BSON numbers into plain objects.
    for (const i of [on, off, broken, ownProjection, marked]) await i.db.collection("records").insertMany(makeDocs(docs.length, 11) as never[]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([on, off, broken, ownProjection, marked].filter(Boolean).map((i) => i.stop()));
  });

  it("sends the same bytes with the projection's walk on and off (sqlite-read-3), for every find", async () => {
    const [a, b] = await Promise.all([answers(on.db), answers(ownProjection.db)]);
    for (const name of ["projectionOrder", "wholeTables", "throughArrayThenLeaf", "arrayInArray", "missingPaths", "noId"]) expect((b[name] as Buffer[]).length, name).toBeGreaterThan(0);
    expect(Object.keys(b).filter((name) => !same(a[name], b[name]))).toEqual([]);
    expect(fs.readFileSync(on.log, "utf8")).not.toMatch(/panic/);
  }, 120_000);

  it("walks exactly the documents it should (DOSSIER_READ_BREAK=project marks them)", async () => {
    const [a, b] = await Promise.all([answers(marked.db), answers(ownProjection.db)]);
    const { deserialize } = mongoose.mongo.BSON;
    const wrong: string[] = [];
    let walked = 0;
    let left = 0;
    for (const [name, shape] of Object.entries(SHAPES)) {
      if (typeof b[name] === "string") {
        if (a[name] !== b[name]) wrong.push(`${name}: ${String(a[name])}`);
        continue;
      }
      const got = (a[name] as Buffer[]).map((buf) => deserialize(buf));
      (b[name] as Buffer[]).forEach((buf, i) => {
        const expected = !shape.notWalked && !throughArray(deserialize(buf), shape.projection ?? {});
        const isMarked = got[i] !== undefined && MARK in got[i];
        if (isMarked !== expected) wrong.push(`${name} #${i}: ${isMarked ? "walked" : "left to FerretDB"}`);
        if (isMarked) walked++;
        else if (!shape.notWalked) left++;
      });
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    // Both kinds are there: documents the walk answered, and ones with a path through a table it left.
    expect(walked).toBeGreaterThan(1000);
    expect(left).toBeGreaterThan(100);
  }, 120_000);

  it("sends the same bytes with the patch on and off, for every find", async () => {
    const [a, b] = await Promise.all([answers(on.db), answers(off.db)]);
    // The comparison means something only if the finds answer with documents.
    for (const name of ["listPage", "exportRead", "filterOutside", "intoArrayOfObjects", "elemMatch", "sizeOutside", "idOnly", "objectWithKeyZero", "arrayIndexOutside", "twoPathsInArray", "size", "typeOutside"])
      expect((b[name] as Buffer[]).length, name).toBeGreaterThan(0);
    const differing = Object.keys(b).filter((name) => !same(a[name], b[name]));
    expect(differing).toEqual([]);
    expect(fs.readFileSync(on.log, "utf8")).not.toMatch(/panic/);
  }, 120_000);

  it("catches a FerretDB that forgets the filter's and the sort's paths (DOSSIER_READ_BREAK=skip)", async () => {
    const [a, b] = await Promise.all([answers(broken.db), answers(off.db)]);
    const outside = Object.keys(SHAPES).filter((name) => SHAPES[name].outside);
    const caught = outside.filter((name) => !same(a[name], b[name]));
    expect(caught).toEqual(outside);
    // The finds whose filter and sort lie inside the projection are still answered right.
    const inside = Object.keys(SHAPES).filter((name) => !SHAPES[name].outside);
    expect(inside.filter((name) => !same(a[name], b[name]))).toEqual([]);
  }, 120_000);
});
