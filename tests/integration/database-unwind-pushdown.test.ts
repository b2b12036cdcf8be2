import fs from "node:fs";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain-JS module shared with the npm scripts
import { ensureFerretDB } from "../../scripts/lib/ferretdb.mjs";
import { prng, startInstance, type Db, type FerretInstance } from "./support/ferretdb-instance";
import { foldMonths } from "../../lib/statistics/fold-months";

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
// to FerretDB. Amounts with cents (a second clean collection) are summed in SQLite as whole cents:
// exact, where FerretDB adds doubles in float64, so the two may differ in the last bits — they must
// show the same figures once rounded to cents as the app does (shape-widget-result.ts: per group,
// per month, the total). DOSSIER_PUSHDOWN_TRACE=1 makes the "on" build log each answer, so the test
// also proves SQLite answered the clean collections (a silent fallback would pass unnoticed).

type Doc = Record<string, unknown>;

const STATUS = ["已缴费", "未缴费", "逾期", "Ärger 🙂", ""];

/** Amounts with cents: at most two decimals (a double), or whole (an int). */
const centsAmount = (r: () => number) => (r() < 0.3 ? Math.floor(r() * 6000) * 10 : Math.floor(r() * 6_000_000) / 100);

function makeDocs(n: number, seed: number, amount?: (r: () => number) => unknown): Doc[] {
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
        if (r() < 0.9) row.amount = r() < 0.05 ? null : amount ? amount(r) : r() < 0.1 ? Long.fromNumber(3_000_000_000 + Math.floor(r() * 100)) : Math.floor(r() * 6000) * 10;
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
    // Three decimals: not whole cents (two rows of 0.125 would add up to 0.26 as rounded cents).
    ["amount with three decimals", { payments: [row({ amount: 0.125 }), row({ amount: 0.125 }), row({})] }],
    // Past what the bound proves: FerretDB's float64 sum of 5e13 and ten 0.01 is 5e13 + 0.078125.
    ["amounts too large for the cents bound", { payments: [row({ amount: new Double(5e13) }), ...Array.from({ length: 10 }, () => row({ amount: 0.01 }))] }],
    ["amount as a whole double", { payments: [row({ amount: new Double(100) }), row({})] }],
    ["amount as a string", { payments: [row({ amount: "100" }), row({})] }],
    ["status as an array", { payments: [row({ status: ["已缴费"] }), row({ status: "未缴费" })] }],
    ["date as a Date", { payments: [row({ date: new Date(Date.UTC(2021, 2, 5)) }), row({})] }],
    ["table as an object", { payments: row({}) }],
    ["table as a string", { payments: "已缴费" }],
    ["a row that is a string", { payments: ["已缴费", row({})] }],
  ];
}

/** Cents, as the app rounds every figure it shows (lib/statistics/shape-widget-result.ts). */
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * The groups with their BSON types, a double rounded to cents, and the figures the app draws from
 * them: each month (days folded) and the total. Whole numbers compare exactly.
 */
async function run(db: Db, coll: string, pipeline: Doc[]) {
  const out = await db.collection(coll).aggregate(pipeline, { promoteValues: false }).toArray();
  const typed = (v: unknown) => {
    const type = v === null || v === undefined ? "null" : ((v as { _bsontype?: string })._bsontype ?? typeof v);
    return `${type === "Double" ? round((v as { value: number }).value) : JSON.stringify(v)}:${type}`;
  };
  const groups = out.map((g) => Object.entries(g).map(([k, v]) => `${k}=${typed(v)}`).join(" ")).sort();
  const plain = out.map((g) => ({ _id: g._id, value: Number(g.value) }));
  const months = foldMonths(plain).map((m) => `${m.month}=${round(m.value)}`);
  return [...groups, ...months, `total=${round(plain.reduce((s, g) => s + g.value, 0))}`];
}

type Instance = FerretInstance;

/** The one shape SQLite leaves to FerretDB on clean data: a record condition through the table the row condition does not repeat (never exact). */
const fallsBack = new Set(["record filter on another value than the row's"]);

/** How many answers SQLite gave so far (the "on" build traces each one). */
const answered = (i: Instance) => (fs.existsSync(i.log) ? fs.readFileSync(i.log, "utf8").split("dossier unwind: SQLite answered").length - 1 : 0);

const start = (env: Record<string, string>): Promise<Instance> => startInstance(env, { prefix: "dossier-unwind-diff-" });

describe("the embedded database's $unwind pushdown, compared with FerretDB's own evaluation", () => {
  let on: Instance, off: Instance, broken: Instance;
  const docs = makeDocs(500, 20261204);
  const odd = oddities();

  beforeAll(async () => {
    ensureFerretDB({ quiet: true });
    [on, off, broken] = await Promise.all([start({ DOSSIER_PUSHDOWN_TRACE: "1" }), start({ DOSSIER_PUSHDOWN: "off" }), start({ DOSSIER_PUSHDOWN_BREAK: "unwind,cents" })]);
    for (const i of [on, off, broken]) {
      // Built again for each (structuredClone would turn Long and Double into plain objects).
      await i.db.collection("records").insertMany(makeDocs(500, 20261204) as never[]);
      await i.db.collection("records").createIndex({ templateKey: 1, deletedAt: 1, _id: 1 });
      await i.db.collection("cents").insertMany(makeDocs(500, 20261205, centsAmount) as never[]);
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
      const before = answered(on);
      expect(await run(on.db, "records", p), name).toEqual(expected);
      // Answered by SQLite, not by FerretDB after a refusal.
      expect(answered(on), name).toBe(before + (fallsBack.has(name) ? 0 : 1));
      // Without odd values the guards have nothing to catch: the broken build agrees too.
      expect(await run(broken.db, "records", p), name).toEqual(expected);
    }
    // The data is not degenerate: months, several groups, int and long sums, empty groups (null).
    const byDate = await run(off.db, "records", pipelines()[0][1]);
    expect(byDate.length).toBeGreaterThan(50);
    expect(byDate.some((g) => g.includes(":Long"))).toBe(true);
    expect(byDate.some((g) => g.includes(":Int32"))).toBe(true);
    expect(byDate.some((g) => g.startsWith("_id=null"))).toBe(true);
    const groupsOf = async (p: Doc[]) => (await run(off.db, "records", p)).filter((g) => g.startsWith("_id="));
    expect(await groupsOf(pipelines()[5][1])).toHaveLength(1);
    expect(await groupsOf(pipelines()[10][1])).toEqual([]);
  }, 120_000);

  it("sums amounts with cents in SQLite and shows the same figures as FerretDB's own sum", async () => {
    for (const [name, p] of pipelines()) {
      const expected = await run(off.db, "cents", p);
      const before = answered(on);
      expect(await run(on.db, "cents", p), name).toEqual(expected);
      expect(answered(on), name).toBe(before + (fallsBack.has(name) ? 0 : 1));
    }
    // The data is not degenerate: sums that are doubles with cents, and months.
    const byDate = await run(off.db, "cents", pipelines()[0][1]);
    expect(byDate.filter((g) => /value=\d+\.\d{1,2}:Double/.test(g)).length).toBeGreaterThan(50);
    expect(byDate.filter((g) => g.startsWith("202")).length).toBeGreaterThan(10);
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
    // Each cents guard is needed: without them the figures differ by a cent.
    for (const n of [0, 1]) expect(await run(broken.db, `odd${n}`, pipelines()[0][1]), odd[n][0]).not.toEqual(await run(off.db, `odd${n}`, pipelines()[0][1]));
  }, 120_000);

  it("follows writes: an amount with cents written later is summed as cents, one with three decimals sends the query back to FerretDB", async () => {
    const p = pipelines()[0][1];
    const target = docs.find((d) => d.templateKey === "archive" && d.deletedAt === null && Array.isArray((d.data as Doc).payments) && ((d.data as Doc).payments as Doc[]).length > 0)!;
    const write = (amount: number) => Promise.all([on, off].map((i) => i.db.collection("records").updateOne({ _id: target._id } as never, { $set: { "data.payments.0": { status: "已缴费", date: "2021-03-05", amount } } })));
    await write(0.1);
    let before = answered(on);
    expect(await run(on.db, "records", p)).toEqual(await run(off.db, "records", p));
    expect(answered(on)).toBe(before + 1);
    await write(0.001);
    before = answered(on);
    expect(await run(on.db, "records", p)).toEqual(await run(off.db, "records", p));
    expect(answered(on)).toBe(before);
  });
});
