import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain-JS module shared with the npm scripts
import { ensureFerretDB, freePort, startFerretDB } from "../../scripts/lib/ferretdb.mjs";

// A statistics widget over a table's rows (每月已缴保费) sends [$match, $unwind of the table, $match
// on the row, $group by a row column with one $sum]; the embedded FerretDB answers it in SQLite
// with json_each and GROUP BY when that is exact (scripts/ferretdb/dossier_unwind.go). It must
// never change a result. Every widget shape runs on the same data with the pushdown on, off
// (DOSSIER_PUSHDOWN=off: FerretDB's own $unwind and $group in Go) and broken on purpose
// (DOSSIER_PUSHDOWN_BREAK=unwind: the type guards skipped), and the first two must agree on every
// group, count, sum and BSON type, while the broken one must be caught on the data the guards are
// for. The clean data has what the translation must get right by itself: missing, null and empty
// tables, rows without the fields, unicode, int and long amounts, trashed and other templates'
// records. Each odd case sits in its own collection, since one odd row sends the whole query back
// to FerretDB.

type Db = mongoose.mongo.Db;
type Doc = Record<string, unknown>;

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUS = ["已缴费", "未缴费", "逾期", "Ärger 🙂", ""];

function makeDocs(n: number, seed: number): Doc[] {
  const r = prng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const { Long } = mongoose.mongo;
  const docs: Doc[] = [];
  for (let i = 0; i < n; i++) {
    const data: Doc = { type: pick(["寿险", "车险", "财产险"]) };
    const u = r();
    if (u < 0.1) {
      // no table
    } else if (u < 0.15) data.payments = null;
    else if (u < 0.22) data.payments = [];
    else {
      data.payments = Array.from({ length: 1 + Math.floor(r() * 4) }, () => {
        const row: Doc = {};
        if (r() < 0.9) row.status = r() < 0.05 ? null : pick(STATUS);
        if (r() < 0.9) row.date = r() < 0.05 ? null : `202${Math.floor(r() * 3)}-0${1 + Math.floor(r() * 9)}-${String(1 + Math.floor(r() * 28)).padStart(2, "0")}`;
        if (r() < 0.9) row.amount = r() < 0.05 ? null : r() < 0.1 ? Long.fromNumber(3_000_000_000 + Math.floor(r() * 100)) : Math.floor(r() * 6000) * 10;
        return row;
      });
    }
    docs.push({
      _id: new mongoose.Types.ObjectId(`${seed.toString(16)}${i.toString(16)}`.padStart(24, "0")),
      templateKey: r() < 0.85 ? "archive" : "other",
      deletedAt: r() < 0.05 ? new Date(Date.UTC(2025, 0, 1)) : null,
      data,
    });
  }
  return docs;
}

const base = (more: Doc[] = [], trash = false): Doc => ({ $and: [{ templateKey: "archive" }, { deletedAt: trash ? { $ne: null } : null }, ...more] });

/** The widget shapes build-widget-pipeline.ts sends over a table (FerretDB keeps only the row, at `payments`). */
function pipelines(): [string, Doc[]][] {
  const month = { $in: Array.from({ length: 31 }, (_, i) => `2021-03-${String(i + 1).padStart(2, "0")}`) };
  return [
    ["sum by date, paid rows", [{ $match: base() }, { $unwind: "$data.payments" }, { $match: { "payments.status": { $in: ["已缴费"] } } }, { $group: { _id: "$payments.date", value: { $sum: "$payments.amount" } } }]],
    // What the app sends: the list's filter keeps records with such a row, then the rows.
    ["record and row filter on the same column", [{ $match: base([{ "data.payments.status": { $in: ["已缴费"] } }]) }, { $unwind: "$data.payments" }, { $match: { "payments.status": { $in: ["已缴费"] } } }, { $group: { _id: "$payments.date", value: { $sum: "$payments.amount" } } }]],
    ["record filter on another value than the row's", [{ $match: base([{ "data.payments.status": { $in: ["逾期"] } }]) }, { $unwind: "$data.payments" }, { $match: { "payments.status": { $in: ["已缴费"] } } }, { $group: { _id: "$payments.date", value: { $sum: 1 } } }]],
    ["count by status", [{ $match: base() }, { $unwind: "$data.payments" }, { $group: { _id: "$payments.status", value: { $sum: 1 } } }]],
    ["sum by status", [{ $match: base() }, { $unwind: "$data.payments" }, { $group: { _id: "$payments.status", value: { $sum: "$payments.amount" } } }]],
    ["number card count (null key)", [{ $match: base() }, { $unwind: "$data.payments" }, { $match: { "payments.status": { $in: ["逾期", "Ärger 🙂"] } } }, { $group: { _id: null, value: { $sum: 1 } } }]],
    ["number card sum (null key)", [{ $match: base([{ "data.type": "寿险" }]) }, { $unwind: "$data.payments" }, { $group: { _id: null, value: { $sum: "$payments.amount" } } }]],
    ["equality and a month on the row", [{ $match: base() }, { $unwind: "$data.payments" }, { $match: { $and: [{ "payments.status": "已缴费" }, { "payments.date": month }] } }, { $group: { _id: "$payments.date", value: { $sum: "$payments.amount" } } }]],
    ["empty status", [{ $match: base() }, { $unwind: "$data.payments" }, { $match: { "payments.status": "" } }, { $group: { _id: "$payments.date", value: { $sum: 1 } } }]],
    ["trash", [{ $match: base([], true) }, { $unwind: "$data.payments" }, { $group: { _id: "$payments.status", value: { $sum: "$payments.amount" } } }]],
    ["nothing matches", [{ $match: base([{ "data.type": "无" }]) }, { $unwind: "$data.payments" }, { $group: { _id: null, value: { $sum: 1 } } }]],
    ["no first $match", [{ $unwind: "$data.payments" }, { $group: { _id: "$payments.status", value: { $sum: 1 } } }]],
  ];
}

/** One odd case each: FerretDB's answer must come back unchanged (the pushdown falls back). */
function oddities(): [string, Doc][] {
  const { Double } = mongoose.mongo;
  const row = (more: Doc) => ({ status: "已缴费", date: "2021-03-05", amount: 100, ...more });
  return [
    ["amount with cents", { payments: [row({ amount: 12.34 }), row({})] }],
    ["amount as a whole double", { payments: [row({ amount: new Double(100) }), row({})] }],
    ["amount as a string", { payments: [row({ amount: "100" }), row({})] }],
    ["status as an array", { payments: [row({ status: ["已缴费"] }), row({ status: "未缴费" })] }],
    ["date as a Date", { payments: [row({ date: new Date(Date.UTC(2021, 2, 5)) }), row({})] }],
    ["table as an object", { payments: row({}) }],
    ["table as a string", { payments: "已缴费" }],
    ["a row that is a string", { payments: ["已缴费", row({})] }],
  ];
}

async function run(db: Db, coll: string, pipeline: Doc[]) {
  const out = await db.collection(coll).aggregate(pipeline, { promoteValues: false }).toArray();
  const typed = (v: unknown) => `${JSON.stringify(v)}:${v === null || v === undefined ? "null" : ((v as { _bsontype?: string })._bsontype ?? typeof v)}`;
  return out.map((g) => Object.entries(g).map(([k, v]) => `${k}=${typed(v)}`).join(" ")).sort();
}

type Instance = { db: Db; stop: () => Promise<void> };

async function start(env: Record<string, string>): Promise<Instance> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dossier-unwind-diff-"));
  const server = await startFerretDB({ port: await freePort(), dataDir: dir, logFile: path.join(dir, "ferretdb.log"), env });
  const client = await mongoose.mongo.MongoClient.connect(server.uri);
  return {
    db: client.db("diff"),
    stop: async () => {
      await client.close();
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe("the embedded database's $unwind pushdown, compared with FerretDB's own evaluation", () => {
  let on: Instance, off: Instance, broken: Instance;
  const docs = makeDocs(500, 20261204);
  const odd = oddities();

  beforeAll(async () => {
    ensureFerretDB({ quiet: true });
    [on, off, broken] = await Promise.all([start({}), start({ DOSSIER_PUSHDOWN: "off" }), start({ DOSSIER_PUSHDOWN_BREAK: "unwind" })]);
    for (const i of [on, off, broken]) {
      // Built again for each (structuredClone would turn Long and Double into plain objects).
      await i.db.collection("records").insertMany(makeDocs(500, 20261204) as never[]);
      await i.db.collection("records").createIndex({ templateKey: 1, deletedAt: 1, _id: 1 });
      for (const [n, [, data]] of oddities().entries()) {
        // The odd record among ordinary ones.
        await i.db.collection(`odd${n}`).insertMany([...makeDocs(40, 7 + n), { _id: new mongoose.Types.ObjectId(), templateKey: "archive", deletedAt: null, data }] as never[]);
      }
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all([on, off, broken].filter(Boolean).map((i) => i.stop()));
  });

  it("gives the same groups, counts, sums and BSON types for every widget shape over table rows", async () => {
    for (const [name, p] of pipelines()) {
      const expected = await run(off.db, "records", p);
      expect(await run(on.db, "records", p), name).toEqual(expected);
      // Without odd values the guards have nothing to catch: the broken build agrees too.
      expect(await run(broken.db, "records", p), name).toEqual(expected);
    }
    // The data is not degenerate: months, several groups, int and long sums, empty groups (null).
    const byDate = await run(off.db, "records", pipelines()[0][1]);
    expect(byDate.length).toBeGreaterThan(50);
    expect(byDate.some((g) => g.includes(":Long"))).toBe(true);
    expect(byDate.some((g) => g.includes(":Int32"))).toBe(true);
    expect(byDate.some((g) => g.startsWith("_id=null"))).toBe(true);
    expect(await run(off.db, "records", pipelines()[5][1])).toHaveLength(1);
    expect(await run(off.db, "records", pipelines()[10][1])).toEqual([]);
  }, 120_000);

  it("falls back to FerretDB's answer on values the translation does not assume, and the broken build is caught", async () => {
    let caught = 0;
    for (const [n, [name]] of odd.entries()) {
      for (const [shape, p] of pipelines()) {
        const expected = await run(off.db, `odd${n}`, p);
        expect(await run(on.db, `odd${n}`, p), `${name}: ${shape}`).toEqual(expected);
        if (JSON.stringify(await run(broken.db, `odd${n}`, p)) !== JSON.stringify(expected)) caught++;
      }
    }
    expect(caught).toBeGreaterThan(3);
  }, 120_000);

  it("follows writes: an amount with cents written later sends the query back to FerretDB", async () => {
    const p = pipelines()[0][1];
    const target = docs.find((d) => d.templateKey === "archive" && d.deletedAt === null && Array.isArray((d.data as Doc).payments) && ((d.data as Doc).payments as Doc[]).length > 0)!;
    for (const i of [on, off]) await i.db.collection("records").updateOne({ _id: target._id } as never, { $set: { "data.payments.0": { status: "已缴费", date: "2021-03-05", amount: 0.1 } } });
    expect(await run(on.db, "records", p)).toEqual(await run(off.db, "records", p));
  });
});
