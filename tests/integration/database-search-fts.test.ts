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

// A search of three characters or more is answered on the embedded database from the candidates of
// a trigram index of the search text (scripts/ferretdb/dossier_fts.go), kept by SQLite triggers.
// The index is only a pre-filter: it may never lose a record. On data with unicode whose case
// folding leaves ASCII (the Kelvin sign, ſ, Ω), mixed case, quotes and FTS5 query words inside
// values, personal numbers, stale and missing texts, trashed records and another template, this
// suite requires the same ids, order and totals with the index on, off (DOSSIER_SEARCH_FTS=off)
// and without any pushdown — for texts filled in when the index is built and for texts written
// after (insert, edit, delete, drop and recreate) — and that it catches an index that folds case
// where Go's regexp does not (DOSSIER_PUSHDOWN_BREAK=ftsfold), misses edits (=ftswrite) or, for a
// search of one or two characters, the ends of the values (=ftsshort).

type Doc = Record<string, unknown>;

const NAMES = ["张三丰", "李四", "王小明", "Zoë", "ZOË", "zoe", "Kate", "kate", "\u212Aate", "Sam", "ſam", "ΩMEGA", "ωmega", "a.b*c", 'say "hi"', "AND OR NEAR", "Აბგდ", "陈 明", "🙂 emoji", ""];
const NOTES = ["VIP 客户", "续保\n电话回访", "Kelvin \u212A", "tab\u001fsep\u001eand\u001dmore", "备注 100%", "{t} : x*", "", null];
const IDS = ["11010519491231002X", "110105194912310021", "310104198001011234", "440305199003075551"];

function makeDoc(r: () => number): Doc {
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const basic: Doc = {};
  if (r() < 0.9) basic.name = `${pick(NAMES)}${r() < 0.3 ? String(Math.floor(r() * 100)) : ""}`;
  if (r() < 0.8) basic.customerNo = r() < 0.1 ? ["KH01", "kh02"] : `KH${String(Math.floor(r() * 1000)).padStart(4, "0")}`;
  if (r() < 0.8) basic.idNumber = pick(IDS);
  if (r() < 0.8) basic.mobile = `13${String(Math.floor(r() * 1e9)).padStart(9, "0")}`;
  if (r() < 0.3) basic.address = pick(["北京市朝阳区", "上海", "Kensington"]);
  const data: Doc = { basic, policy: { policyNo: `00${Math.floor(r() * 1e4)}`, productName: pick(["Safe Life", "健康险 Plus", "意外险"]) }, notes: { remarks: pick(NOTES) } };
  if (r() < 0.2) data.policyholder = { name: pick(NAMES), idNumber: pick(IDS), contact: `0755-${Math.floor(r() * 1e8)}` };
  const doc: Doc = {
    _id: new mongoose.Types.ObjectId(),
    templateKey: r() < 0.9 ? "archive" : "other",
    deletedAt: r() < 0.05 ? new Date(Date.UTC(2025, 5, 1)) : null,
    updatedAt: new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 400) * 86_400_000),
    data,
  };
  // Most records hold a current search text; some none (from before it), some a stale one.
  const state = r();
  if (state < 0.8) doc.search = searchText(fields, data);
  else if (state < 0.9) doc.search = { k: "s0-old", t: "\u001fKH 张三丰 kate sam ωmega zoë\u001f", n: "\u001f", p: "\u001e" };
  return doc;
}

const list = (q: string, trash = false): ListQuery => ({ filters: [], q, sort: { field: "@updatedAt", dir: "desc" }, page: 1, size: 20, trash });

/** The filter and sort the list builds for a search (build-mongo-query.ts). */
function search(q: string, opts: { personalData: boolean; searchText: "only" | "mixed"; trash?: boolean }) {
  const { filter, sort } = buildMongoQuery("archive", fields, list(q, opts.trash), { personalData: opts.personalData, actor: null, scope: EVERY_RECORD, searchText: opts.searchText });
  return { filter: filter as Doc, sort };
}

async function answer(db: Db, filter: Doc, sort: Record<string, 1 | -1>) {
  const col = db.collection("records");
  const ids = (await col.find(filter, { projection: { _id: 1 } }).sort(sort).limit(20).toArray()).map((d) => String(d._id));
  const all = (await col.find(filter, { projection: { _id: 1 } }).toArray()).map((d) => String(d._id)).sort();
  return { ids, total: await col.countDocuments(filter), capped: await col.countDocuments(filter, { limit: 11 }), all };
}

type Instance = FerretInstance & { name: string };

async function start(name: string, env: Record<string, string>): Promise<Instance> {
  return { name, ...(await startInstance(env, { prefix: "dossier-search-fts-", dbName: "fts" })) };
}

// structuredClone would turn the ObjectId into a plain object.
const copy = (d: Doc): Doc => ({ ...d, data: structuredClone(d.data), ...(d.search ? { search: structuredClone(d.search) } : {}) });

const LONG = ["张三丰", "王小明", "zoë", "ZOË", "ZOE", "kate", "KATE", "\u212Aate", "sam", "SAM", "ſam", "ωmega", "ΩMEGA", "a.b*c", '"hi"', 'y "h', "and or", "NEAR", "{t} : x*", "kh0", "KH01", "kh02", "safe life", "PLUS", "续保\n电", "电话回访", "100%", "0021", "1234", "002x", "002X", "11010519491231002X", "110105194912310021", "138", "0755", "北京市", "🙂 e", "tab", "sep", "Kelvin", "kelvin \u212A", " 客户", "健康险 pl", "kensington", "აბგ", "ᲐᲑᲒ", "没有这个"];
// One or two characters: every trigram that begins with them, in the part or in its ends (the last
// two characters of each part, then two fillers) — so also at the end of a value and in values
// shorter than three (李四, 四; the last name of n; KH01's "01").
const SHORT = ["张", "明", "k", "13", "zo", "%", "四", "丰", "李四", "Ka", "\u212A", "ſ", "S", "ω", "Ω", "ë", "01", "1X", "x", "2x", '"', '"h', "*", "{t", "🙂", " ", "AN", "ab", "c", "z"];

/** Every search shape on the three instances: the differences found, and how many asked shapes matched. */
async function compare(instances: Instance[], queries: string[]) {
  const differ: string[] = [];
  let matched = 0;
  for (const q of queries)
    for (const personalData of [true, false])
      for (const searchText of queries.indexOf(q) < 12 ? (["only", "mixed"] as const) : (["only"] as const))
        for (const trash of queries.indexOf(q) < 4 ? [false, true] : [false]) {
          const { filter, sort } = search(q, { personalData, searchText, trash });
          const [ref, ...rest] = await Promise.all(instances.map((i) => answer(i.db, filter, sort)));
          rest.forEach((a, i) => {
            if (JSON.stringify(a) !== JSON.stringify(ref)) differ.push(`${JSON.stringify(q)} ${personalData} ${searchText} ${trash}: ${instances[i + 1].name} ${JSON.stringify(a).slice(0, 120)} ref ${JSON.stringify(ref).slice(0, 120)}`);
          });
          if (ref.total > 0) matched++;
        }
  return { differ, matched };
}

describe("the search through the trigram index of the search text", () => {
  const r = prng(20261205);
  const docs = Array.from({ length: 600 }, () => makeDoc(r));
  // Texts holding a NUL character (the app refuses control characters, older data may hold them):
  // SQLite's trigram tokenizer stops reading there, the search does not. (Only words that SQLite's
  // instr() answers after the NUL: Go's regexp, which answers k, s and letters with case outside
  // ASCII, is handed the text only up to its NUL — with the trigram index or without it.)
  for (const [t, n] of [["\u001fab\u0000王小明 1234\u001f", "\u001f"], ["\u001f", "\u001fx\u0000张三丰 abc\u001f"]])
    docs.push({ _id: new mongoose.Types.ObjectId(), templateKey: "archive", deletedAt: null, updatedAt: new Date(Date.UTC(2024, 1, 1)), data: {}, search: { k: searchText(fields, {}).k, t, n, p: "\u001e" } });
  let on: Instance, ftsOff: Instance, off: Instance, fold: Instance, write: Instance, short: Instance;
  let all: Instance[];

  beforeAll(async () => {
    ensureFerretDB({ quiet: true });
    [on, ftsOff, off, fold, write, short] = await Promise.all([
      start("on", {}),
      start("fts off", { DOSSIER_SEARCH_FTS: "off" }),
      start("pushdown off", { DOSSIER_PUSHDOWN: "off" }),
      start("broken fold", { DOSSIER_PUSHDOWN_BREAK: "ftsfold" }),
      start("broken writes", { DOSSIER_PUSHDOWN_BREAK: "ftswrite" }),
      start("broken ends", { DOSSIER_PUSHDOWN_BREAK: "ftsshort" }),
    ]);
    all = [on, ftsOff, off, fold, write, short];
    for (const i of all) {
      await i.db.collection("records").insertMany(docs.map(copy) as never[]);
      await i.db.collection("records").createIndex({ templateKey: 1, deletedAt: 1, updatedAt: 1, _id: 1 });
      await i.db.collection("records").createIndex(SEARCH_INDEX);
      // The first search of three characters builds the trigram index (as the app's warm-up does).
      const { filter, sort } = search("warm-up", { personalData: true, searchText: "only" });
      await answer(i.db, filter, sort);
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all((all ?? []).map((i) => i.stop()));
  });

  it("gives the same answers with the index on, off and without pushdown, for texts there when it is built", async () => {
    const { differ, matched } = await compare([off, on, ftsOff], [...LONG, ...SHORT]);
    expect(differ).toEqual([]);
    // Not a comparison of empty answers.
    expect(matched).toBeGreaterThan(100);
  }, 300_000);

  it("asks the trigram index for a search of any length", async () => {
    const plan = async (q: string) => {
      const { filter, sort } = search(q, { personalData: true, searchText: "only" });
      const e = (await on.db.collection("records").find(filter).sort(sort).limit(20).explain()) as { filterPushdown?: boolean; queryPlanner?: { Plan?: string[] } };
      expect(e.filterPushdown).toBe(true);
      return (e.queryPlanner?.Plan ?? []).join(" | ");
    };
    expect(await plan("王小明")).toMatch(/VIRTUAL TABLE INDEX/);
    expect(await plan("1234")).toMatch(/VIRTUAL TABLE INDEX/);
    expect(await plan("王小")).toMatch(/VIRTUAL TABLE INDEX/);
    expect(await plan("张")).toMatch(/VIRTUAL TABLE INDEX/);
    expect(await plan("k")).toMatch(/VIRTUAL TABLE INDEX/);
    // A letter whose case the tokenizer may fold otherwise than Go's regexp: the search index.
    expect(await plan("ω")).not.toMatch(/VIRTUAL TABLE/);
    expect(await plan("ω")).toMatch(/USING (COVERING )?INDEX \S+search/);
    // Without the trigram index the same search scans the search index.
    const { filter, sort } = search("王小明", { personalData: true, searchText: "only" });
    const e = (await ftsOff.db.collection("records").find(filter).sort(sort).limit(20).explain()) as { queryPlanner?: { Plan?: string[] } };
    expect((e.queryPlanner?.Plan ?? []).join(" | ")).not.toMatch(/VIRTUAL TABLE/);
  });

  it("keeps the index current through inserts, edits and deletes", async () => {
    const w = prng(7);
    const added = Array.from({ length: 80 }, () => makeDoc(w));
    const edited = docs.filter((d) => d.templateKey === "archive" && d.deletedAt === null && d.search).slice(0, 60);
    for (const i of all) {
      const col = i.db.collection("records");
      await col.insertMany(added.map(copy) as never[]);
      for (const [n, d] of edited.entries()) {
        const data = structuredClone(d.data) as { basic: Doc };
        data.basic = { ...data.basic, name: n % 2 ? `改名 Quincy ${n}` : `独一无二 ${n}` };
        await col.updateOne({ _id: d._id as never }, { $set: { data, search: searchText(fields, data) } });
      }
      await col.deleteMany({ _id: { $in: docs.slice(400, 440).map((d) => d._id) as never[] } });
      // An edit that leaves the search text as it was.
      await col.updateMany({ templateKey: "other" }, { $set: { updatedAt: new Date(Date.UTC(2026, 0, 1)) } });
    }
    const { differ, matched } = await compare([off, on, ftsOff], [...LONG, ...SHORT, "独一无二", "quincy", "改名 q", "独", "一", "Qu"]);
    expect(differ).toEqual([]);
    expect(matched).toBeGreaterThan(80);
    // The edited names are found by their new text, on the trigram index.
    const { filter, sort } = search("独一无二", { personalData: true, searchText: "only" });
    expect((await answer(on.db, filter, sort)).total).toBe(30);
  }, 300_000);

  it("catches an index that folds case where Go's regexp does not, or misses edits", async () => {
    const folds = await compare([off, fold], ["აბგ", "ᲐᲑᲒ"]);
    expect(folds.differ.length).toBeGreaterThan(0);
    const writes = await compare([off, write], ["独一无二", "quincy", "改名 q"]);
    expect(writes.differ.length).toBeGreaterThan(0);
    // Without the ends, a character that ends the last value of a part is lost (四 of 李四).
    const ends = await compare([off, short], ["四", "丰", "01"]);
    expect(ends.differ.length).toBeGreaterThan(0);
  }, 120_000);

  it("builds the index again for a collection dropped and created anew", async () => {
    const w = prng(11);
    const fresh = Array.from({ length: 200 }, () => makeDoc(w));
    for (const i of [off, on]) {
      await i.db.collection("records").drop();
      await i.db.collection("records").insertMany(fresh.map(copy) as never[]);
      await i.db.collection("records").createIndex(SEARCH_INDEX);
    }
    const { differ, matched } = await compare([off, on], LONG);
    expect(differ).toEqual([]);
    expect(matched).toBeGreaterThan(40);
  }, 300_000);
});
