import fs from "node:fs";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain-JS module shared with the npm scripts
import { ensureFerretDB } from "../../scripts/lib/ferretdb.mjs";
import { startInstance, type FerretInstance } from "./support/ferretdb-instance";
import { centsAmount, makeDocs, pipelines, run, type Doc } from "./support/unwind-data";

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
