import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain-JS module shared with the npm scripts
import { ensureFerretDB, freePort, startFerretDB } from "../../scripts/lib/ferretdb.mjs";
import { prng, startInstance, type Db, type FerretInstance } from "./support/ferretdb-instance";

// The embedded FerretDB hands SQLite the filter, sort, skip, limit and countDocuments of a query
// when it can translate them exactly (scripts/ferretdb/dossier_pushdown.go). It must never change
// a result, only the time it takes. This suite runs every query shape the app sends — list views,
// each filter kind, sorts both ways with empty values, paging edges, search, counts, a grouped
// count — on the same data in three databases: the pushdown on, off (DOSSIER_PUSHDOWN=off, where
// FerretDB's own Go code does all of it), and deliberately broken (`$gte` sent as `>`, arrays not searched), and
// requires the first two to agree on every id, its order, every total and every group, and the
// broken one to be caught. The data has what breaks careless translations: missing fields, nulls,
// empty strings, numbers stored as strings, arrays beside scalars, booleans, dates, unicode and
// regex metacharacters, trashed records.

type Doc = Record<string, unknown>;

const NAMES = ["张三", "李四", "王五", "Zoë", "zoe", "ZOE", "Ärger", "a.b*c", "(x)", "x+y", "Ωmega", "ωmega", "k", "K", "ſ", "s", "", "王小明", "陈 明", "🙂 emoji"];
const CITIES = ["北京", "上海", "广州", "深圳", "", null];
const STATUS = ["生效", "失效", "待审核"];

function makeDocs(n: number, seed: number): Doc[] {
  const r = prng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const docs: Doc[] = [];
  const t0 = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    const data: Doc = {};
    const maybe = (key: string, value: () => unknown, p = 0.85) => {
      if (r() < p) data[key] = value();
    };
    maybe("name", () => `${pick(NAMES)}${r() < 0.3 ? String(Math.floor(r() * 100)) : ""}`);
    maybe("city", () => pick(CITIES));
    // Numbers, with ties; a few stored as strings or null in another field of mixed kinds.
    maybe("amount", () => Math.round(r() * 20) * 50000 + (r() < 0.1 ? 0.5 : 0));
    maybe("mixed", () => (r() < 0.5 ? Math.floor(r() * 10) : r() < 0.5 ? String(Math.floor(r() * 10)) : null));
    maybe("start", () => `202${Math.floor(r() * 5)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 10)}`);
    maybe("end", () => (r() < 0.1 ? "" : `2025-0${1 + Math.floor(r() * 9)}-2${Math.floor(r() * 9)}`));
    maybe("flag", () => (r() < 0.1 ? null : r() < 0.5));
    maybe("phone", () => `13${String(Math.floor(r() * 1e9)).padStart(9, "0")}`);
    maybe("status", () => pick(STATUS));
    // Multiple choice: an array, as the form stores it.
    maybe("tags", () => STATUS.filter(() => r() < 0.4), 0.7);
    // A field that is usually a string, but an array in a few records (older template versions).
    maybe("region", () => (r() < 0.05 ? [pick(CITIES), pick(CITIES)] : pick(CITIES)));
    // A sub-table.
    maybe("payments", () => Array.from({ length: Math.floor(r() * 3) }, () => ({ status: pick(["已缴费", "未缴费"]), due: `2025-0${1 + Math.floor(r() * 9)}-01` })), 0.6);
    maybe("contact", () => ({ city: pick(CITIES), since: `201${Math.floor(r() * 10)}-01-01` }), 0.5);
    // Shapes MongoDB's path lookup treats specially (FerretDB stores no arrays of arrays): objects
    // inside arrays inside objects, scalars in an array or where an object is expected.
    maybe("grid", () => (r() < 0.3 ? ["b", { cell: pick(["a", "b"]) }] : r() < 0.5 ? { cell: "b" } : "b"), 0.4);
    maybe("visits", () => Array.from({ length: Math.floor(r() * 3) }, () => (r() < 0.2 ? "上海" : { place: r() < 0.3 ? [{ city: pick(CITIES) }] : { city: pick(CITIES) } })), 0.5);
    const updatedAt = new Date(t0 + Math.floor(r() * 400) * 86_400_000);
    docs.push({
      _id: new mongoose.Types.ObjectId(),
      templateKey: r() < 0.8 ? "archive" : "other",
      deletedAt: r() < 0.05 ? new Date(t0 + 500 * 86_400_000) : null,
      createdAt: new Date(updatedAt.getTime() - Math.floor(r() * 30) * 86_400_000),
      updatedAt,
      createdByName: pick(["周一", "吴二", "郑三", "admin"]),
      revision: 1 + Math.floor(r() * 3),
      data,
    });
  }
  return docs;
}

type Query = { name: string; filter: Doc; sort?: Record<string, 1 | -1>; skip?: number; limit?: number };

const base = (more: Doc[] = [], trash = false): Doc => ({ $and: [{ templateKey: "archive" }, { deletedAt: trash ? { $ne: null } : null }, ...more] });
const byUpdated = { updatedAt: -1, _id: -1 } as const;

function queries(total: number): Query[] {
  const lastPage = Math.floor(total / 20) * 20;
  const q: Query[] = [
    { name: "default page 1", filter: base(), sort: byUpdated, limit: 20 },
    { name: "default page 2", filter: base(), sort: byUpdated, skip: 20, limit: 20 },
    { name: "near the end", filter: base(), sort: byUpdated, skip: lastPage - 20, limit: 20 },
    { name: "past the end", filter: base(), sort: byUpdated, skip: total + 5, limit: 20 },
    { name: "trash", filter: base([], true), sort: byUpdated, limit: 20 },
    { name: "every record, no limit", filter: base(), sort: byUpdated },
    { name: "created ascending", filter: base(), sort: { createdAt: 1, _id: 1 }, skip: 40, limit: 20 },
    { name: "owner name", filter: base(), sort: { createdByName: 1, _id: 1 }, skip: 10, limit: 30 },
    { name: "flat filter without $and", filter: { templateKey: "archive", deletedAt: null, "data.city": "北京" }, sort: byUpdated, limit: 20 },
    { name: "no sort, limit", filter: base([{ "data.status": "生效" }]), limit: 5 },
    { name: "sort without _id", filter: base(), sort: { "data.amount": -1 }, limit: 10 },
  ];
  for (const dir of [1, -1] as const) {
    for (const field of ["name", "city", "amount", "start", "end", "mixed", "flag", "tags", "region", "phone", "contact.city"]) {
      q.push({ name: `sort ${field} ${dir}`, filter: base(), sort: { [`data.${field}`]: dir, _id: dir }, skip: 15, limit: 25 });
      // The list's "empty values last" shape (build-mongo-query.ts): valued first, then empty.
      q.push({ name: `valued ${field} ${dir}`, filter: base([{ [`data.${field}`]: { $nin: [null, ""] } }]), sort: { [`data.${field}`]: dir, _id: dir }, limit: 20 });
      q.push({ name: `empty ${field}`, filter: base([{ [`data.${field}`]: { $in: [null, ""] } }]), sort: { _id: 1 }, limit: 20 });
    }
  }
  const filters: [string, Doc][] = [
    ["eq string", { "data.city": "上海" }],
    ["eq empty string", { "data.city": "" }],
    ["eq null", { "data.city": null }],
    ["eq on an array field", { "data.tags": "生效" }],
    ["eq on a sometimes-array field", { "data.region": "北京" }],
    ["eq sub-table column", { "data.payments.status": "未缴费" }],
    ["eq nested object", { "data.contact.city": "广州" }],
    ["eq number", { "data.amount": 500000 }],
    ["eq number on mixed", { "data.mixed": 3 }],
    ["eq string on mixed", { "data.mixed": "3" }],
    ["is true", { "data.flag": true }],
    ["is false", { "data.flag": false }],
    ["in", { "data.status": { $in: ["生效", "待审核"] } }],
    ["in with null", { "data.city": { $in: ["北京", null] } }],
    ["in on array", { "data.tags": { $in: ["失效"] } }],
    ["nin", { "data.status": { $nin: ["生效"] } }],
    ["ne", { "data.city": { $ne: "北京" } }],
    ["ne null", { "data.city": { $ne: null } }],
    ["ne true", { "data.flag": { $ne: true } }],
    ["gte number", { "data.amount": { $gte: 500000 } }],
    ["range number", { "data.amount": { $gte: 200000, $lte: 600000 } }],
    ["gt lt number", { "data.amount": { $gt: 200000, $lt: 600000 } }],
    ["gte on mixed", { "data.mixed": { $gte: 5 } }],
    ["gte string on mixed", { "data.mixed": { $gte: "5" } }],
    ["date range", { "data.start": { $gte: "2022-01-01", $lte: "2023-06-30" } }],
    ["gte date on array", { "data.payments.due": { $gte: "2025-05-01" } }],
    ["gte real date", { updatedAt: { $gte: new Date(Date.UTC(2024, 5, 1)) } }],
    ["lte real date", { createdAt: { $lte: new Date(Date.UTC(2024, 3, 1)) } }],
    ["contains", { "data.name": { $regex: "王", $options: "i" } }],
    ["contains case", { "data.name": { $regex: "zoe", $options: "i" } }],
    ["contains unicode case", { "data.name": { $regex: "ωMEGA", $options: "i" } }],
    ["contains k folds to Kelvin", { "data.name": { $regex: "k", $options: "i" } }],
    ["contains metacharacters", { "data.name": { $regex: "a\\.b\\*c", $options: "i" } }],
    ["case-sensitive", { "data.name": { $regex: "Zo" } }],
    ["ends with", { "data.phone": { $regex: "12$" } }],
    ["contains on array", { "data.tags": { $regex: "效", $options: "i" } }],
    // Paths through arrays (a table's column, a multiple choice): a superset searched element by
    // element in SQL, then decided by the handler.
    ["range on a sub-table column", { "data.payments.due": { $gte: "2025-03-01", $lte: "2025-05-01" } }],
    ["gt lt on a sub-table column", { "data.payments.due": { $gt: "2025-03-01", $lt: "2025-06-01" } }],
    ["in on a sub-table column", { "data.payments.status": { $in: ["未缴费"] } }],
    ["eq operator on a sub-table column", { "data.payments.status": { $eq: "已缴费" } }],
    ["contains on a sub-table column", { "data.payments.status": { $regex: "未", $options: "i" } }],
    ["range on a sometimes-array field", { "data.region": { $gte: "上海", $lte: "北京" } }],
    ["in on a sometimes-array field", { "data.region": { $in: ["广州", "深圳"] } }],
    ["eq beside scalars in an array", { "data.grid.cell": "b" }],
    ["eq through an object in an array", { "data.visits.place.city": "上海" }],
    [
      "reminder rules: one $or of table ranges and a top-level range",
      {
        $or: [
          { "data.payments.status": "未缴费", "data.payments.due": { $gte: "2025-02-01", $lte: "2025-04-01" } },
          { "data.end": { $gte: "2025-03-01", $lte: "2025-06-30" } },
          { "data.tags": "待审核", "data.start": { $gte: "2023-01-01", $lte: "2024-12-31" } },
        ],
      },
    ],
    ["exists (not translated)", { "data.city": { $exists: true } }],
    ["search or", { $or: [{ "data.name": { $regex: "王", $options: "i" } }, { "data.phone": "13000000000" }, { "data.phone": { $regex: "34$" } }] }],
    ["or with an untranslatable branch", { $or: [{ "data.city": "北京" }, { "data.tags": { $size: 2 } }] }],
    ["nothing", { _id: null }],
    ["revision", { revision: 2 }],
  ];
  for (const [name, f] of filters) {
    q.push({ name: `${name}, page`, filter: base([f]), sort: byUpdated, limit: 20 });
    q.push({ name: `${name}, page 2 by amount`, filter: base([f]), sort: { "data.amount": -1, _id: -1 }, skip: 20, limit: 20 });
  }
  return q;
}

async function answer(db: Db, query: Query) {
  const col = db.collection("records");
  let cursor = col.find(query.filter, { projection: { _id: 1 } });
  if (query.sort) cursor = cursor.sort(query.sort);
  if (query.skip) cursor = cursor.skip(query.skip);
  if (query.limit) cursor = cursor.limit(query.limit);
  const ids = (await cursor.toArray()).map((d) => String(d._id));
  const total = await col.countDocuments(query.filter);
  // Only a sort ending in the unique _id defines an order; without one, MongoDB promises the set
  // (or, under a limit, only how many).
  if (query.sort && "_id" in query.sort) return { ids, total };
  return { ids: query.limit ? ids.length : ids.sort(), total };
}

async function groups(db: Db, field: string, filter: Doc, sums: Record<string, unknown> = {}) {
  const out = await db
    .collection("records")
    .aggregate([{ $match: filter }, { $group: { _id: `$${field}`, n: { $sum: 1 }, ...sums } }], { promoteValues: false })
    .toArray();
  // The BSON types of the counts and sums matter too (int32 vs long vs double).
  const typed = (v: unknown) => `${JSON.stringify(v)}:${v === null || v === undefined ? "null" : ((v as { _bsontype?: string })._bsontype ?? typeof v)}`;
  return out.map((g) => Object.entries(g).map(([k, v]) => `${k}=${typed(v)}`).join(" ")).sort();
}

// structuredClone would turn the ObjectIds into plain objects.
const copy = (d: Doc): Doc => ({ ...d, data: structuredClone(d.data) });

type Instance = FerretInstance;

const start = (env: Record<string, string>): Promise<Instance> => startInstance(env, { prefix: "dossier-pushdown-diff-" });

describe("the embedded database's pushdown, compared with FerretDB's own evaluation", () => {
  const N = 600;
  let on: Instance, off: Instance, broken: Instance;
  const docs = makeDocs(N, 20261204);
  const live = docs.filter((d) => d.templateKey === "archive" && d.deletedAt === null).length;

  beforeAll(async () => {
    ensureFerretDB({ quiet: true });
    [on, off, broken] = await Promise.all([start({ DOSSIER_PUSHDOWN_TRACE: "1" }), start({ DOSSIER_PUSHDOWN: "off" }), start({ DOSSIER_PUSHDOWN_BREAK: "gte,array,cents,narrow" })]);
    for (const i of [on, off, broken]) {
      await i.db.collection("records").insertMany(docs.map(copy) as never[]);
      // The indexes the app asks for; the queries must give the same answers with and without.
      await i.db.collection("records").createIndex({ templateKey: 1, deletedAt: 1, updatedAt: -1, _id: -1 });
      await i.db.collection("records").createIndex({ templateKey: 1, deletedAt: 1, "data.amount": 1, _id: 1 });
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all([on, off, broken].filter(Boolean).map((i) => i.stop()));
  });

  it("gives the same ids, in the same order, and the same totals for every list query", async () => {
    const all = queries(live);
    expect(all.length).toBeGreaterThan(100);
    const differ: string[] = [];
    for (const query of all) {
      const [a, b] = [await answer(on.db, query), await answer(off.db, query)];
      if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(`${query.name}: on ${JSON.stringify(a).slice(0, 200)} off ${JSON.stringify(b).slice(0, 200)}`);
    }
    expect(differ).toEqual([]);
    // The data is not degenerate: pages are full and filters select something.
    expect((await answer(off.db, all[0])).ids).toHaveLength(20);
    expect((await answer(off.db, all[0])).total).toBe(live);
  }, 300_000);

  it("hands the list's queries to SQLite, through the indexes (explain)", async () => {
    const explain = async (q: Query) => {
      let cursor = on.db.collection("records").find(q.filter);
      if (q.sort) cursor = cursor.sort(q.sort);
      if (q.skip) cursor = cursor.skip(q.skip);
      if (q.limit) cursor = cursor.limit(q.limit);
      const e = (await cursor.explain()) as { filterPushdown?: boolean; sortPushdown?: boolean; limitPushdown?: boolean; queryPlanner?: { Plan?: string[] } };
      return { filter: e.filterPushdown, sort: e.sortPushdown, limit: e.limitPushdown, plan: (e.queryPlanner?.Plan ?? []).join(" | ") };
    };
    // (FerretDB's explain refuses a skip the driver sends as int32: pages past the first are
    // compared by the differential test above.)
    const page = await explain({ name: "default", filter: base(), sort: byUpdated, limit: 20 });
    expect(page).toMatchObject({ filter: true, sort: true, limit: true });
    expect(page.plan).toMatch(/USING INDEX/);
    expect(page.plan).not.toMatch(/TEMP B-TREE/);
    const byAmount = await explain({ name: "amount", filter: base([{ "data.amount": { $gte: 500000 } }]), sort: { "data.amount": 1, _id: 1 }, limit: 20 });
    expect(byAmount).toMatchObject({ filter: true, sort: true, limit: true });
    expect(byAmount.plan).toMatch(/USING INDEX/);
    expect(await explain({ name: "search", filter: base([{ "data.name": { $regex: "王", $options: "i" } }]), sort: byUpdated, limit: 20 })).toMatchObject({ filter: true, sort: true, limit: true });
    // An array on the path: nothing exact, so the handler filters, sorts and pages in Go.
    expect(await explain({ name: "tags", filter: base([{ "data.tags": "生效" }]), sort: byUpdated, limit: 20 })).toMatchObject({ filter: false, sort: false, limit: false });
    // And with the pushdown off, none of it.
    const offPlan = (await off.db.collection("records").find(base()).sort(byUpdated).limit(20).explain()) as { filterPushdown?: boolean; sortPushdown?: boolean };
    expect(offPlan).toMatchObject({ filterPushdown: false, sortPushdown: false });
  });

  it("gives the same capped counts (countDocuments with skip and limit, as a search's total is capped)", async () => {
    const filters = queries(live).filter((q) => q.name.endsWith(", page"));
    expect(filters.length).toBeGreaterThan(30);
    const count = (db: Db, f: Doc, options: { skip?: number; limit?: number }) => db.collection("records").countDocuments(f, options);
    for (const q of filters) {
      for (const options of [{ limit: 101 }, { skip: 3, limit: 7 }, { skip: 50 }]) {
        expect(await count(on.db, q.filter, options), `${q.name} ${JSON.stringify(options)}`).toBe(await count(off.db, q.filter, options));
      }
    }
    expect(await count(off.db, base(), { limit: 101 })).toBe(101);
  }, 120_000);

  it("gives the same groups, counts and sums for grouped aggregates (a statistics widget)", async () => {
    // One accumulator per $group: FerretDB 1.24's own evaluation computes only the first of
    // several (the others come back 0), so the reference can only be asked one at a time.
    const sums = { revisions: { $sum: "$revision" }, amount: { $sum: "$data.amount" }, mixed: { $sum: "$data.mixed" } };
    for (const field of ["data.city", "data.status", "data.tags", "createdByName", "data.flag", "data.region", "data.contact.city", "updatedAt", "data.amount", "data.nothing"]) {
      for (const filter of [base(), base([{ "data.amount": { $gte: 300000 } }]), base([{ "data.tags": "生效" }])]) {
        const where = `${field} ${JSON.stringify(filter)}`;
        expect(await groups(on.db, field, filter), where).toEqual(await groups(off.db, field, filter));
        for (const [name, sum] of Object.entries(sums)) {
          const one = async (db: Db) => (await db.collection("records").aggregate([{ $match: filter }, { $group: { _id: `$${field}`, [name]: sum } }], { promoteValues: false }).toArray()).map((g) => `${JSON.stringify(g._id)} ${JSON.stringify(g[name])}:${g[name]?._bsontype}`).sort();
          expect(await one(on.db), `${where} ${name}`).toEqual(await one(off.db));
        }
      }
    }
    expect(await groups(off.db, "data.status", base())).toHaveLength(4);
    // Several accumulators at once, where the pushdown answers: each as when asked alone.
    const both = await on.db.collection("records").aggregate([{ $match: base() }, { $group: { _id: "$data.status", n: { $sum: 1 }, r: { $sum: "$revision" } } }]).toArray();
    const alone = await off.db.collection("records").aggregate([{ $match: base() }, { $group: { _id: "$data.status", r: { $sum: "$revision" } } }]).toArray();
    const byId = (xs: Doc[]) => Object.fromEntries(xs.map((g) => [String(g._id), g.r]));
    expect(byId(both)).toEqual(byId(alone));
    expect(Object.values(byId(both)).every((r) => (r as number) > 0)).toBe(true);
  }, 180_000);

  it("catches a translation that is not exact", async () => {
    const all = queries(live).filter((q) => JSON.stringify(q.filter).includes("$gte"));
    let caught = 0;
    for (const query of all) if (JSON.stringify(await answer(broken.db, query)) !== JSON.stringify(await answer(off.db, query))) caught++;
    expect(caught).toBeGreaterThan(0);
    // And a superset that skips the arrays it should search (queries with no $gte, so only that
    // break can make them differ).
    const arrays = queries(live).filter((q) => /sub-table column|sometimes-array|through an object/.test(q.name) && !JSON.stringify(q.filter).includes("$gte"));
    expect(arrays.length).toBeGreaterThan(5);
    let arraysCaught = 0;
    for (const query of arrays) if (JSON.stringify(await answer(broken.db, query)) !== JSON.stringify(await answer(off.db, query))) arraysCaught++;
    expect(arraysCaught).toBeGreaterThan(0);
    // In the grouped aggregates too.
    const filter = base([{ "data.amount": { $gte: 500000 } }]);
    expect(await groups(broken.db, "data.status", filter)).not.toEqual(await groups(off.db, "data.status", filter));
  }, 120_000);

  it("reads a filter of several fields from one index that holds them all (a dashboard's sum index), with the same answers", async () => {
    // As the app's sum indexes do: the template, the trash, then the template's filterable fields.
    const cover = { templateKey: 1, deletedAt: 1, "data.status": 1, "data.start": 1, "data.amount": 1, "data.city": 1, ownerId: 1 };
    for (const i of [on, off, broken]) await i.db.collection("records").createIndex(cover, { name: "dx_sum_cover" });
    const several: [string, Doc[]][] = [
      ["a choice and a date range", [{ "data.status": { $in: ["生效", "待审核"] } }, { "data.start": { $gte: "2022-01-01", $lte: "2023-06-30" } }]],
      ["three fields", [{ "data.status": { $in: ["生效", "失效"] } }, { "data.amount": { $gte: 200000 } }, { "data.city": { $ne: null } }]],
      ["a city and an amount range", [{ "data.city": "上海" }, { "data.amount": { $gt: 100000, $lt: 800000 } }]],
      ["a choice with null, and a date", [{ "data.city": { $in: ["北京", null] } }, { "data.start": { $lte: "2023-01-01" } }]],
      ["nothing matches", [{ "data.status": "无此状态" }, { "data.amount": { $gte: 0 } }]],
    ];
    const sorts: Record<string, 1 | -1>[] = [byUpdated, { "data.amount": -1, _id: -1 }, { "data.start": 1, _id: 1 }];
    const differ: string[] = [];
    let caught = 0;
    let matched = 0;
    for (const [name, f] of several)
      for (const sort of sorts)
        for (const skip of [0, 20]) {
          const query: Query = { name: `${name} ${JSON.stringify(sort)} ${skip}`, filter: base(f), sort, skip, limit: 20 };
          const [a, b, c] = [await answer(on.db, query), await answer(off.db, query), await answer(broken.db, query)];
          if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(`${query.name}: on ${JSON.stringify(a).slice(0, 200)} off ${JSON.stringify(b).slice(0, 200)}`);
          if (JSON.stringify(c) !== JSON.stringify(b)) caught++;
          if (b.total > 20) matched++;
        }
    expect(differ).toEqual([]);
    expect(matched).toBeGreaterThan(10);
    // The build whose index scan keeps every row is caught.
    expect(caught).toBeGreaterThan(10);
    // The page walks the sort's own index and tests membership in what the covering index found.
    const plan = (
      (await on.db.collection("records").find(base(several[0][1])).sort(byUpdated).limit(20).explain()) as { queryPlanner?: { Plan?: string[] } }
    ).queryPlanner?.Plan?.join(" | ") ?? "";
    expect(plan).toMatch(/LIST SUBQUERY/);
    expect(plan).toMatch(/dx_sum_cover/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    for (const i of [on, off, broken]) await i.db.collection("records").dropIndex("dx_sum_cover");
  }, 300_000);

  it("follows writes: a value that turns into an array stops the exact translation of its path", async () => {
    const query: Query = { name: "eq city", filter: base([{ "data.city": "深圳" }]), sort: byUpdated, limit: 50 };
    expect(await answer(on.db, query)).toEqual(await answer(off.db, query));
    // An array holding the value: MongoDB matches it, a scalar comparison in SQL would not.
    const target = docs.find((d) => d.templateKey === "archive" && d.deletedAt === null && (d.data as Doc).city !== "深圳")!;
    // The same new document in both (its id decides its place among ties).
    const added = { ...copy(docs[0]), _id: new mongoose.Types.ObjectId(), data: { city: ["x", "深圳"] } };
    for (const i of [on, off]) {
      await i.db.collection("records").updateOne({ _id: target._id } as never, { $set: { "data.city": ["深圳", "北京"], updatedAt: new Date(Date.UTC(2030, 0, 1)) } });
      await i.db.collection("records").insertOne(copy(added) as never);
    }
    const after = await answer(on.db, query);
    expect(after).toEqual(await answer(off.db, query));
    expect((after.ids as string[])[0]).toBe(String(target._id));
  });

  it("handles long lists: $in of every id, $in of 3,000 values, and an $or too deep for SQLite (answered without the pushdown)", async () => {
    const ids = docs.map((d) => d._id);
    const many = Array.from({ length: 3000 }, (_, i) => `值${i}`).concat(["北京"]);
    const deep = { $or: Array.from({ length: 1500 }, (_, i) => ({ "data.amount": i * 50000 })) };
    for (const filter of [{ _id: { $in: ids } }, { "data.city": { $in: many } }, { "data.city": { $nin: many } }, deep]) {
      const query: Query = { name: "long", filter: base([filter]), sort: byUpdated, skip: 5, limit: 20 };
      const a = await answer(on.db, query);
      expect(a).toEqual(await answer(off.db, query));
      expect(a.total).toBeGreaterThan(0);
    }
  }, 120_000);

  it("sums money with cents as whole cents and shows the same figures as FerretDB's float64 sum, rounded to cents as the app does", async () => {
    // 保费 with decimals: a double with at most two decimals, a whole number (int), or nothing.
    const r = prng(20261205);
    const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
    const money = Array.from({ length: 400 }, (_, i) => {
      const u = r();
      const premium = u < 0.1 ? undefined : u < 0.15 ? null : u < 0.4 ? Math.floor(r() * 6000) * 10 : Math.floor(r() * 6_000_000) / 100;
      return { _id: `m${i}`, templateKey: "archive", deletedAt: null, data: { type: pick(["寿险", "车险", "财产险"]), ...(premium === undefined ? {} : { premium }) } };
    });
    const row = (i: number, premium: unknown) => ({ _id: `x${i}`, templateKey: "archive", deletedAt: null, data: { type: "寿险", premium } });
    const { Double } = mongoose.mongo;
    const collections: [string, Doc[]][] = [
      ["money", money],
      // Three decimals are not whole cents: 0.125 + 0.125 would show 0.26 (round(12.5) twice).
      ["money3", [...money.slice(0, 50), row(1, 0.125), row(2, 0.125)]],
      // Past the bound: FerretDB's float64 sum of 5e13 and ten 0.01 is 5e13 + 0.078125.
      ["moneyBig", [row(0, new Double(5e13)), ...Array.from({ length: 10 }, (_, i) => row(i + 1, 0.01))]],
    ];
    for (const i of [on, off, broken]) {
      for (const [name, d] of collections) {
        await i.db.collection(name).insertMany(d as never[]);
        // A sum index as the app makes it for a dashboard (lib/records/record-indexes.ts): SQLite then
        // reads the amounts and their stored types from the index (scripts/ferretdb/dossier_index.go).
        // Not on moneyBig: there FerretDB answers, adding doubles in the order it reads them, and
        // with the pushdown on it reads them in the index's order (0.01 ten times, then 5e13: shown
        // 0.10), off in the table's (5e13 first: 0.08) — FerretDB's own float sum depends on order.
        // The accepted rule: where SQLite answers, the figure shown equals FerretDB's (this suite);
        // where it refuses (sums past the bound of dossierCentsProvable), FerretDB's float sum is
        // shown as FerretDB computes it, in whatever order it reads — any float64 sum's rounding
        // (at most n·2⁻⁵³ of the magnitudes summed: here 0.02 beside 5e13), as on any MongoDB.
        if (name !== "moneyBig") await i.db.collection(name).createIndex({ templateKey: 1, deletedAt: 1, "data.type": 1, ownerId: 1, "data.premium": 1 }, { name: "dx_sum_premium" });
      }
    }
    const round = (n: number) => Math.round(n * 100) / 100;
    /** The groups as the app shows them (lib/statistics/shape-widget-result.ts): each rounded to cents, and the total. */
    const shown = async (db: Db, coll: string, key: string, filter: Doc) => {
      const out = await db.collection(coll).aggregate([{ $match: filter }, { $group: { _id: key, value: { $sum: "$data.premium" } } }], { promoteValues: false }).toArray();
      const value = (v: unknown) => (typeof v === "object" && v !== null && "valueOf" in v ? Number((v as { valueOf(): unknown }).valueOf()) : Number(v));
      const groups = out.map((g) => `${JSON.stringify(g._id)}=${round(value(g.value))}:${(g.value as { _bsontype?: string })?._bsontype}`).sort();
      return [...groups, `total=${round(out.reduce((s, g) => s + value(g.value), 0))}`];
    };
    const answered = () => fs.readFileSync(on.log, "utf8").split("dossier group: SQLite answered").length - 1;
    // By a choice field, and a number card's sum (grouped by the template key), with and without a filter.
    const asks: [string, Doc][] = [
      ["$data.type", base()],
      ["$templateKey", base()],
      ["$data.type", base([{ "data.type": { $in: ["寿险", "车险"] } }])],
    ];
    for (const [key, filter] of asks) {
      const before = answered();
      const expected = await shown(off.db, "money", key, filter);
      expect(await shown(on.db, "money", key, filter), key).toEqual(expected);
      expect(answered(), `SQLite answered ${key}`).toBe(before + 1);
      expect(expected.some((g) => /=\d+\.\d{1,2}:Double/.test(g)), key).toBe(true);
    }
    // Values the cents translation does not prove: FerretDB answers, and without the guards the figures differ.
    for (const coll of ["money3", "moneyBig"]) {
      const before = answered();
      const expected = await shown(off.db, coll, "$data.type", base());
      expect(await shown(on.db, coll, "$data.type", base()), coll).toEqual(expected);
      expect(answered(), coll).toBe(before);
      expect(await shown(broken.db, coll, "$data.type", base()), coll).not.toEqual(expected);
    }
  }, 120_000);

  it("keeps other BSON types apart: binData, regex and timestamps stored like strings and numbers; sums typed per group", async () => {
    const { Binary, Timestamp, Int32, Long, BSONRegExp } = mongoose.mongo;
    const odd = [
      { _id: "o1", k: "a", v: new Int32(1), a: new Binary(Buffer.from([1, 2, 3])), t: new Timestamp({ t: 1, i: 1 }) },
      { _id: "o2", k: "b", v: Long.fromNumber(2), a: "b", t: 5 },
      { _id: "o3", k: "b", v: new Int32(3), a: new BSONRegExp("^AQ", "i"), t: new Date(Date.UTC(2024, 0, 1)) },
      { _id: "o4", k: "c", v: new Int32(4), a: "Z", t: 7 },
    ];
    for (const i of [on, off]) await i.db.collection("odd").insertMany(odd as never[]);
    const ask = async (db: Db, filter: Doc) => {
      const col = db.collection("odd");
      return { ids: (await col.find(filter).sort({ _id: 1 }).limit(10).toArray()).map((d) => String(d._id)), n: await col.countDocuments(filter) };
    };
    for (const filter of [{ a: { $gte: "A" } }, { a: { $lt: "c" } }, { t: { $gt: 0 } }, { t: { $gt: new Date(0) } }, { a: "b" }, { t: 5 }, { a: { $regex: "^[AZb]" } }]) {
      expect(await ask(on.db, filter), JSON.stringify(filter)).toEqual(await ask(off.db, filter));
    }
    const sums = async (db: Db) =>
      (await db.collection("odd").aggregate([{ $group: { _id: "$k", s: { $sum: "$v" } } }], { promoteValues: false }).toArray())
        .map((g) => `${g._id}=${JSON.stringify(g.s)}:${g.s?._bsontype}`)
        .sort();
    expect(await sums(on.db)).toEqual(await sums(off.db));
    expect(await sums(on.db)).toContain("a=1:Int32");
  });

  it("keeps MongoDB's uniqueness: true and 1 are different values, two nulls are the same", async () => {
    for (const i of [on, off]) {
      const col = i.db.collection(`unique_${i === on ? "on" : "off"}`);
      await col.createIndex({ code: 1 }, { unique: true });
      await col.insertOne({ code: true });
      await col.insertOne({ code: 1 });
      await col.insertOne({ code: null });
      await expect(col.insertOne({ code: null })).rejects.toMatchObject({ code: 11000 });
      expect(await col.countDocuments({})).toBe(3);
    }
  });

  it("turns hostile values into parameters, never SQL", async () => {
    const hostile = ["' OR 1=1 --", "\") OR 1=1 --", "x'); DROP TABLE records; --", "\\", "%", "_", "\u0000", "a".repeat(20_000)];
    for (const v of hostile) {
      for (const f of [{ "data.city": v }, { "data.amount": { $gte: v } }, { "data.name": { $regex: v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), $options: "i" } }, { "data.start": { $gte: v } }]) {
        const query: Query = { name: v.slice(0, 20), filter: base([f]), sort: byUpdated, limit: 20 };
        expect(await answer(on.db, query), JSON.stringify(f).slice(0, 80)).toEqual(await answer(off.db, query));
      }
    }
    // Nothing was dropped or written by the hostile values.
    expect(await on.db.collection("records").countDocuments({})).toBe(await off.db.collection("records").countDocuments({}));
    expect(await on.db.collection("records").countDocuments({})).toBeGreaterThanOrEqual(N);
  }, 120_000);
});

describe("a database file from an older build", () => {
  it("gets its indexes rebuilt in the spelling the queries use when it opens", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dossier-reindex-"));
    const open = async (env: Record<string, string>) => {
      const server = await startFerretDB({ port: await freePort(), dataDir: dir, logFile: path.join(dir, "ferretdb.log"), env });
      const client = await mongoose.mongo.MongoClient.connect(server.uri);
      return { col: client.db("old").collection("records"), close: async () => (await client.close(), await server.stop()) };
    };
    const plan = async (col: mongoose.mongo.Collection) =>
      ((await col.find({ "data.n": { $gte: 5 } }).sort({ "data.n": 1, _id: 1 }).limit(3).explain()) as { queryPlanner?: { Plan?: string[] } }).queryPlanner?.Plan?.join(" | ") ?? "";
    try {
      ensureFerretDB({ quiet: true });
      // FerretDB's own spelling (`->"data"->"n"`), as every build before this patch level made it.
      const before = await open({ DOSSIER_INDEX_LEGACY: "1" });
      await before.col.insertMany(Array.from({ length: 50 }, (_, i) => ({ data: { n: i } })));
      await before.col.createIndex({ "data.n": 1, _id: 1 }, { name: "by_n" });
      expect(await plan(before.col)).not.toMatch(/USING INDEX \S+_by_n/);
      await before.close();
      const after = await open({});
      expect(await plan(after.col)).toMatch(/USING INDEX \S+_by_n/);
      expect((await after.col.find({ "data.n": { $gte: 45 } }).sort({ "data.n": 1, _id: 1 }).toArray()).map((d) => d.data.n)).toEqual([45, 46, 47, 48, 49]);
      expect((await after.col.indexes()).map((i) => i.name).sort()).toEqual(["_id_", "by_n"]);
      await after.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
