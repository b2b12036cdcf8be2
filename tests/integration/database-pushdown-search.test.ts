import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fields } from "@/tests/support/default-template";
import { buildMongoQuery } from "@/lib/records/build-mongo-query";
import { EVERY_RECORD } from "@/lib/records/records-filter";
import type { ListQuery } from "@/lib/records/list-query";
import { SEARCH_INDEX } from "@/lib/records/record-indexes";
import { searchText } from "@/lib/records/search-text";
// @ts-expect-error plain-JS module shared with the npm scripts
import { ensureFerretDB } from "../../scripts/lib/ferretdb.mjs";
import { prng, startInstance, type Db, type FerretInstance } from "./support/ferretdb-instance";

// The search box asks each record's search text (lib/records/search-text.ts) instead of an $or
// over `data.*`, and the embedded database answers it from the search index alone
// (scripts/ferretdb/dossier_search.go). Neither may change who matches what. On the same data —
// unicode whose case folding leaves ASCII (K/k and the Kelvin sign, s/ſ, Ω/ω), mixed case,
// separators inside values, personal numbers, records without a search text or with a stale one,
// trashed records, another template — this suite requires:
//  - the pushdown on and off to give the same ids, order and totals for every search shape;
//  - the search text (beside the old way for stale records) to match exactly what the old way
//    matches, for readers with and without personal data;
//  - a deliberately broken scan (DOSSIER_PUSHDOWN_BREAK=search drops a branch) and a contains
//    translated to SQLite's ASCII-only lower() where Go folds more (=fold: k and the Kelvin sign)
//    to be caught.

type Doc = Record<string, unknown>;

const NAMES = ["张三", "李四", "王小明", "Zoë", "ZOË", "zoe", "Kate", "kate", "\u212Aate", "Sam", "ſam", "Ωmega", "ωMEGA", "a.b*c", "(x)", "陈 明", "🙂 emoji", ""];
const NOTES = ["VIP 客户", "续保\n电话回访", "Kelvin \u212A", "tab\u001fsep\u001eand\u001dmore", "备注 100%", "", null];
const IDS = ["11010519491231002X", "110105194912310021", "310104198001011234", "440305199003075551"];

function makeDocs(n: number, seed: number): Doc[] {
  const r = prng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const t0 = Date.UTC(2024, 0, 1);
  return Array.from({ length: n }, () => {
    const basic: Doc = {};
    if (r() < 0.9) basic.name = `${pick(NAMES)}${r() < 0.3 ? String(Math.floor(r() * 100)) : ""}`;
    if (r() < 0.8) basic.customerNo = r() < 0.1 ? ["KH01", "kh02"] : `KH${String(Math.floor(r() * 1000)).padStart(4, "0")}`;
    if (r() < 0.8) basic.idNumber = pick(IDS);
    if (r() < 0.8) basic.mobile = `13${String(Math.floor(r() * 1e9)).padStart(9, "0")}`;
    if (r() < 0.3) basic.address = pick(["北京市朝阳区", "上海", "Kensington"]);
    const data: Doc = { basic, policy: { policyNo: r() < 0.5 ? `00${Math.floor(r() * 1e4)}` : 12345, productName: pick(["Safe Life", "健康险 Plus", "意外险"]) }, notes: { remarks: pick(NOTES) } };
    if (r() < 0.2) data.policyholder = { name: pick(NAMES), idNumber: pick(IDS), contact: `0755-${Math.floor(r() * 1e8)}` };
    const updatedAt = new Date(t0 + Math.floor(r() * 400) * 86_400_000);
    const doc: Doc = {
      _id: new mongoose.Types.ObjectId(),
      templateKey: r() < 0.9 ? "archive" : "other",
      deletedAt: r() < 0.05 ? new Date(t0 + 500 * 86_400_000) : null,
      updatedAt,
      data,
    };
    // Most records hold a current search text; some none (from before it), some a stale one
    // (an older version's fields: here, a text that would wrongly match everything).
    const state = r();
    if (state < 0.8) doc.search = searchText(fields, data);
    else if (state < 0.9) doc.search = { k: "s0-old", t: "\u001fKH 张 a k s 1 ω zoë\u001f", n: "\u001f", p: "\u001e" };
    return doc;
  });
}

const list = (q: string, trash = false): ListQuery => ({ filters: [], q, sort: { field: "@updatedAt", dir: "desc" }, page: 1, size: 20, trash });

/** The filter and sort the list builds for a search (build-mongo-query.ts). */
function search(q: string, opts: { personalData: boolean; searchText?: "only" | "mixed"; trash?: boolean }) {
  const { filter, sort } = buildMongoQuery("archive", fields, list(q, opts.trash), { personalData: opts.personalData, actor: null, scope: EVERY_RECORD, searchText: opts.searchText });
  return { filter: filter as Doc, sort };
}

async function answer(db: Db, filter: Doc, sort: Record<string, 1 | -1>) {
  const col = db.collection("records");
  const ids = (await col.find(filter, { projection: { _id: 1 } }).sort(sort).limit(20).toArray()).map((d) => String(d._id));
  const all = (await col.find(filter, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)).sort();
  return { ids, total: await col.countDocuments(filter), capped: await col.countDocuments(filter, { limit: 11 }), all };
}

type Instance = FerretInstance;

const start = (env: Record<string, string>): Promise<Instance> => startInstance(env, { prefix: "dossier-search-diff-" });

const copy = (d: Doc): Doc => ({ ...d, data: structuredClone(d.data), ...(d.search ? { search: structuredClone(d.search) } : {}) });

const QUERIES = ["张", "王小明", "zoë", "ZOE", "k", "K", "\u212A", "kate", "s", "ſ", "S", "SAM", "ω", "Ω", "a.b*c", "(x)", "kh0", "KH01", "safe", "PLUS", "续保", "回访", "%", "1", "0021", "1234", "002x", "11010519491231002X", "110105194912310021", "138", "0755", "北京", "上海", "🙂", "明", "tab", "sep"];

describe("the search text, answered by the embedded database from its index", () => {
  const docs = makeDocs(700, 20261204);
  let on: Instance, off: Instance, broken: Instance, folded: Instance;

  beforeAll(async () => {
    ensureFerretDB({ quiet: true });
    [on, off, broken, folded] = await Promise.all([start({}), start({ DOSSIER_PUSHDOWN: "off" }), start({ DOSSIER_PUSHDOWN_BREAK: "search" }), start({ DOSSIER_PUSHDOWN_BREAK: "fold" })]);
    for (const i of [on, off, broken, folded]) {
      await i.db.collection("records").insertMany(docs.map(copy) as never[]);
      await i.db.collection("records").createIndex({ templateKey: 1, deletedAt: 1, updatedAt: 1, _id: 1 });
      await i.db.collection("records").createIndex(SEARCH_INDEX);
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all([on, off, broken, folded].filter(Boolean).map((i) => i.stop()));
  });

  it("gives the same ids, order and totals with the pushdown on and off, for every search shape", async () => {
    const differ: string[] = [];
    let matched = 0;
    for (const q of QUERIES)
      for (const personalData of [true, false])
        for (const searchText of ["only", "mixed"] as const)
          // The trash for a few (the same shape, another base filter).
          for (const trash of QUERIES.indexOf(q) < 5 ? [false, true] : [false]) {
            const { filter, sort } = search(q, { personalData, searchText, trash });
            const [a, b] = [await answer(on.db, filter, sort), await answer(off.db, filter, sort)];
            if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(`${q} ${personalData} ${searchText} ${trash}: on ${JSON.stringify(a).slice(0, 150)} off ${JSON.stringify(b).slice(0, 150)}`);
            if (b.total > 0) matched++;
          }
    expect(differ).toEqual([]);
    // Not a comparison of empty answers.
    expect(matched).toBeGreaterThan(80);
  }, 300_000);

  it("matches exactly what the old $or over data.* matched (stale and missing texts asked the old way)", async () => {
    const differ: string[] = [];
    for (const q of QUERIES)
      for (const personalData of [true, false]) {
        const old = search(q, { personalData });
        const mixed = search(q, { personalData, searchText: "mixed" });
        const [a, b] = [await answer(on.db, mixed.filter, mixed.sort), await answer(off.db, old.filter, old.sort)];
        if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(`${q} ${personalData}: text ${JSON.stringify(a).slice(0, 150)} old ${JSON.stringify(b).slice(0, 150)}`);
      }
    expect(differ).toEqual([]);
    // Who may not reveal personal data never finds a record by it.
    const byId = search("11010519491231002X", { personalData: false, searchText: "mixed" });
    expect((await answer(on.db, byId.filter, byId.sort)).total).toBe(0);
    const withId = search("11010519491231002X", { personalData: true, searchText: "mixed" });
    expect((await answer(on.db, withId.filter, withId.sort)).total).toBeGreaterThan(0);
  }, 300_000);

  it("reads the search text from the index: the records only for the page", async () => {
    // ω: a letter whose case folding the trigram index does not share with Go's regexp, so the
    // search index answers (dossier_fts.go leaves it to this scan).
    const { filter, sort } = search("ω", { personalData: true, searchText: "only" });
    const e = (await on.db.collection("records").find(filter).sort(sort).limit(20).explain()) as { filterPushdown?: boolean; sortPushdown?: boolean; queryPlanner?: { Plan?: string[] } };
    const plan = (e.queryPlanner?.Plan ?? []).join(" | ");
    expect(e).toMatchObject({ filterPushdown: true, sortPushdown: true });
    // The index-on-expressions scan (SQLite says "USING INDEX": it reads the texts from the index).
    expect(plan).toMatch(/LIST SUBQUERY/);
    expect(plan).toMatch(/SCAN \S+ USING (COVERING )?INDEX \S+search/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it("catches a scan that loses a branch of the search", async () => {
    let caught = 0;
    for (const q of QUERIES) {
      const { filter, sort } = search(q, { personalData: true, searchText: "only" });
      if (JSON.stringify(await answer(broken.db, filter, sort)) !== JSON.stringify(await answer(off.db, filter, sort))) caught++;
    }
    expect(caught).toBeGreaterThan(0);
    // And a contains whose case folding SQLite's lower() cannot do (k, s: their variants leave ASCII).
    let folds = 0;
    for (const q of ["kate", "KATE", "sam", "SAM"]) {
      const { filter, sort } = search(q, { personalData: true, searchText: "only" });
      if (JSON.stringify(await answer(folded.db, filter, sort)) !== JSON.stringify(await answer(off.db, filter, sort))) folds++;
    }
    expect(folds).toBeGreaterThan(0);
  }, 120_000);
});
