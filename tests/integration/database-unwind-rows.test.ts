import fs from "node:fs";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain-JS module shared with the npm scripts
import { ensureFerretDB } from "../../scripts/lib/ferretdb.mjs";
import { startInstance, type FerretInstance } from "./support/ferretdb-instance";
import { base, centsAmount, makeDocs, pipelines, run, type Doc } from "./support/unwind-data";

// The embedded database answers a chart over a table's rows from a row copy of that table: an
// SQLite table of every record's rows, made on the first such query and kept by triggers on the
// records' table (scripts/ferretdb/dossier_rows.go). A copy that misses a write gives a wrong chart
// silently, so every kind of write is made after the copy exists — inserts, edits of a row, rows
// added, a table emptied, set to null or removed, records trashed, replaced and deleted, a VACUUM
// (which may renumber the rowids the copy is keyed by), a dropped collection whose table name comes
// back — and each time the answers must equal FerretDB's own (DOSSIER_PUSHDOWN=off) while a build
// whose copy ignores edits (DOSSIER_PUSHDOWN_BREAK=rowswrite) must be caught. The trace proves the
// copy answered, not the statement over json_each or FerretDB after a refusal. The copy is filled
// in short steps after its triggers exist: writes made during a slowed fill must reach it, and a
// build that makes the triggers after the fill (DOSSIER_PUSHDOWN_BREAK=rowsfill) must be caught.

/** How many trace lines of an instance's log contain what. */
const traced = (i: FerretInstance, what: string) => (fs.existsSync(i.log) ? fs.readFileSync(i.log, "utf8").split(what).length - 1 : 0);
const fromCopy = (i: FerretInstance) => traced(i, "from the row copy");
const made = (i: FerretInstance) => traced(i, "row copy of data.payments made");

/** The widget shapes, and one an agent's dashboard sends (their own records only). */
const shapes = (): [string, Doc[]][] => [
  ...pipelines(),
  ["an owner's records", [{ $match: base([{ ownerId: "u1" }]) }, { $unwind: "$data.payments" }, { $group: { _id: "$payments.date", value: { $sum: "$payments.amount" } } }]],
];

/** The shapes' answers on one instance, in order. */
const answers = async (i: FerretInstance, coll: string) => Promise.all(shapes().map(([, p]) => run(i.db, coll, p)));

describe("the row copy of a table's rows on the embedded database", () => {
  let on: FerretInstance, off: FerretInstance, broken: FerretInstance;
  const all = () => [on, off, broken];

  beforeAll(async () => {
    ensureFerretDB({ quiet: true });
    [on, off, broken] = await Promise.all([
      startInstance({ DOSSIER_PUSHDOWN_TRACE: "1" }, { prefix: "dossier-rows-" }),
      startInstance({ DOSSIER_PUSHDOWN: "off" }, { prefix: "dossier-rows-" }),
      startInstance({ DOSSIER_PUSHDOWN_BREAK: "rowswrite", DOSSIER_PUSHDOWN_TRACE: "1" }, { prefix: "dossier-rows-" }),
    ]);
    for (const i of all()) await i.db.collection("records").insertMany(makeDocs(400, 20261205) as never[]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(all().filter(Boolean).map((i) => i.stop()));
  });

  /**
   * Every pipeline: the copy's answer equals FerretDB's; returns whether the broken build differs.
   * `answered` is how many shapes the copy must answer (default: every shape but the one SQLite
   * never answers, a record condition through the table).
   */
  async function compare(step: string, coll = "records", answered = shapes().length - 1): Promise<boolean> {
    const expected = await answers(off, coll);
    const before = fromCopy(on);
    const got = await answers(on, coll);
    shapes().forEach(([name], n) => expect(got[n], `${step}: ${name}`).toEqual(expected[n]));
    expect(fromCopy(on) - before, step).toBe(answered);
    return JSON.stringify(await answers(broken, coll)) !== JSON.stringify(expected);
  }

  const each = (write: (db: FerretInstance["db"]) => Promise<unknown>) => Promise.all(all().map((i) => write(i.db)));
  // Records whose table has rows (an edit of `data.payments.0` needs one).
  const ids = makeDocs(400, 20261205)
    .filter((d) => Array.isArray((d.data as Doc).payments) && ((d.data as Doc).payments as Doc[]).length > 0)
    .map((d) => d._id as mongoose.Types.ObjectId);
  const row = (more: Doc = {}) => ({ status: "已缴费", date: "2021-03-05", amount: 70, ...more });

  it("answers from the copy, and follows inserts", async () => {
    expect(await compare("first query")).toBe(false);
    await each((db) => db.collection("records").insertMany(makeDocs(60, 99) as never[]));
    // Inserts are followed by the broken build too (only edits are left out).
    expect(await compare("after inserts")).toBe(false);
  }, 120_000);

  it("follows edits of rows, whole tables, trash, replacements and deletes — and catches a copy that misses edits", async () => {
    const writes: [string, (db: FerretInstance["db"]) => Promise<unknown>][] = [
      ["an amount edited", (db) => db.collection("records").updateMany({ _id: { $in: ids.slice(0, 40) } }, { $set: { "data.payments.0.amount": 12345 } })],
      ["a row's status edited", (db) => db.collection("records").updateMany({ _id: { $in: ids.slice(40, 80) } }, { $set: { "data.payments.0.status": "已缴费", "data.payments.0.date": "2021-03-09" } })],
      ["a row added", (db) => db.collection("records").updateMany({ _id: { $in: ids.slice(80, 120) } }, { $push: { "data.payments": row() } } as never)],
      ["tables set to null, emptied, removed", async (db) => {
        await db.collection("records").updateMany({ _id: { $in: ids.slice(120, 140) } }, { $set: { "data.payments": null } });
        await db.collection("records").updateMany({ _id: { $in: ids.slice(140, 160) } }, { $set: { "data.payments": [] } });
        await db.collection("records").updateMany({ _id: { $in: ids.slice(160, 180) } }, { $unset: { "data.payments": "" } });
      }],
      ["a table given to records that had none", (db) => db.collection("records").updateMany({ _id: { $in: ids.slice(120, 130) } }, { $set: { "data.payments": [row({ amount: 5 }), row({ date: "2022-01-01" })] } })],
      ["records trashed and restored", async (db) => {
        await db.collection("records").updateMany({ _id: { $in: ids.slice(200, 240) } }, { $set: { deletedAt: new Date(Date.UTC(2026, 0, 1)) } });
        await db.collection("records").updateMany({ _id: { $in: ids.slice(200, 210) } }, { $set: { deletedAt: null } });
      }],
      ["owners given, and records moved to another template and back", async (db) => {
        await db.collection("records").updateMany({ _id: { $in: ids.slice(0, 150) } }, { $set: { ownerId: "u1" } });
        await db.collection("records").updateMany({ _id: { $in: ids.slice(100, 140) } }, { $set: { ownerId: "u2" } });
        await db.collection("records").updateMany({ _id: { $in: ids.slice(140, 180) } }, { $set: { templateKey: "other" } });
        await db.collection("records").updateMany({ _id: { $in: ids.slice(170, 180) } }, { $set: { templateKey: "archive" } });
      }],
      ["a record replaced", (db) => db.collection("records").replaceOne({ _id: ids[250] }, { templateKey: "archive", deletedAt: null, data: { type: "寿险", payments: [row({ amount: 999 })] } })],
      ["records deleted", (db) => db.collection("records").deleteMany({ _id: { $in: ids.slice(260, 300) } })],
    ];
    let caught = 0;
    for (const [step, write] of writes) {
      await each(write);
      if (await compare(step)) caught++;
    }
    // The build whose copy ignores edits answers wrongly once the edits reach the charts.
    expect(caught).toBeGreaterThan(3);
  }, 240_000);

  it("never fails a write: a row that is not an object is stored, and the chart falls back to FerretDB", async () => {
    await each((db) => db.collection("odd").insertMany(makeDocs(30, 5) as never[]));
    await compare("before the odd row", "odd");
    const odd = { _id: new mongoose.Types.ObjectId(), templateKey: "archive", deletedAt: null, data: { payments: ["已缴费", row()] } };
    await each((db) => db.collection("odd").insertOne({ ...odd }));
    expect(await on.db.collection("odd").countDocuments({ _id: odd._id })).toBe(1);
    const expected = await answers(off, "odd");
    const before = fromCopy(on);
    expect(await answers(on, "odd")).toEqual(expected);
    // Only the shapes whose record filter leaves the odd record out (the trash, 寿险, nothing, an
    // owner's) are still answered by SQLite; every other falls back.
    expect(fromCopy(on)).toBe(before + 4);
    // Edited back to rows that are objects: the copy answers again.
    await each((db) => db.collection("odd").updateOne({ _id: odd._id }, { $set: { "data.payments": [row()] } }));
    await compare("the odd row mended", "odd");
  }, 120_000);

  it("never fails a write of a table that is not an array, once the copy exists", async () => {
    // Text that is not JSON: json_each over it would fail the trigger, and with it the write.
    const text = { _id: new mongoose.Types.ObjectId(), templateKey: "archive", deletedAt: null, data: { type: "寿险", payments: "已缴费 [见附件" } };
    await each((db) => db.collection("records").insertOne({ ...text }));
    await each((db) => db.collection("records").updateMany({ _id: { $in: ids.slice(300, 305) } }, { $set: { "data.payments": "未缴费 {" } }));
    expect(await on.db.collection("records").countDocuments({ "data.payments": { $type: "string" } })).toBe(6);
    const expected = await answers(off, "records");
    const before = fromCopy(on);
    expect(await answers(on, "records")).toEqual(expected);
    // Only the shapes whose record filter leaves every such record out (nothing matches, the
    // trash) are still SQLite's: the others see a kept record whose table is text (the query is not
    // SQLite's) and fall back to FerretDB, which unwinds it whole.
    expect(fromCopy(on) - before).toBeGreaterThanOrEqual(1);
    expect(fromCopy(on) - before).toBeLessThan(shapes().length - 3);
    await each((db) => db.collection("records").deleteOne({ _id: text._id }));
    await each((db) => db.collection("records").updateMany({ _id: { $in: ids.slice(300, 305) } }, { $set: { "data.payments": [row({ amount: 44 })] } }));
    await compare("the text tables mended");
  }, 120_000);

  it("sums amounts with cents from the copy, and falls back when one has more decimals", async () => {
    await each((db) => db.collection("cents").insertMany(makeDocs(300, 11, centsAmount) as never[]));
    await compare("amounts with cents", "cents");
    const withRows = makeDocs(300, 11, centsAmount)
      .filter((d) => Array.isArray((d.data as Doc).payments) && ((d.data as Doc).payments as Doc[]).length > 0)
      .map((d) => d._id as mongoose.Types.ObjectId);
    await each((db) => db.collection("cents").updateMany({ _id: { $in: withRows.slice(0, 20) } }, { $set: { "data.payments.0.amount": 1234.56 } }));
    await compare("cents edited", "cents");
    // 0.125: not a whole number of cents, so no sum of amounts is SQLite's any more (FerretDB's
    // float sum answers); the counts and the trash (no such row there) still come from the copy.
    await each((db) => db.collection("cents").updateMany({ _id: { $in: withRows.slice(20, 21) } }, { $set: { "data.payments.0.amount": 0.125, "data.payments.0.status": "已缴费", deletedAt: null, templateKey: "archive" } }));
    const expected = await answers(off, "cents");
    expect(await answers(on, "cents")).toEqual(expected);
    await each((db) => db.collection("cents").updateMany({ _id: { $in: withRows.slice(20, 21) } }, { $set: { "data.payments.0.amount": 0.13 } }));
    await compare("0.125 mended", "cents");
  }, 120_000);

  it("is made again with both sets of columns when a query needs one it lacks", async () => {
    await each((db) => db.collection("union").insertMany(makeDocs(200, 13) as never[]));
    const statusOnly = [{ $match: base() }, { $unwind: "$data.payments" }, { $group: { _id: "$payments.status", value: { $sum: 1 } } }];
    const first = made(on);
    expect(await run(on.db, "union", statusOnly)).toEqual(await run(off.db, "union", statusOnly));
    expect(fs.readFileSync(on.log, "utf8")).toContain("row copy of data.payments made (status) in");
    expect(made(on)).toBe(first + 1);
    // The shapes run at once: the first to make the copy again adds its columns to status, and one
    // needing more adds those (two makes, or one), until the copy holds all three.
    await compare("amounts and dates after the status-only copy", "union");
    expect(fs.readFileSync(on.log, "utf8")).toContain("row copy of data.payments made (amount, date, status) in");
    const settled = made(on);
    expect(settled).toBeGreaterThan(first + 1);
    // The union serves every shape from now on: not made again.
    expect(await run(on.db, "union", statusOnly)).toEqual(await run(off.db, "union", statusOnly));
    await compare("both again", "union");
    expect(made(on)).toBe(settled);
  }, 120_000);

  it("is made again after a VACUUM and for a collection dropped and made again under the same name", async () => {
    const dropped = traced(on, "row copies dropped"), before = made(on);
    for (const i of all()) await i.db.command({ compact: "records", force: true });
    // Every copy was dropped (SQLite may well keep the rowids; the copy must not count on it)...
    expect(traced(on, "row copies dropped")).toBeGreaterThan(dropped);
    await compare("after a VACUUM");
    // ...and made again by the first query after it.
    expect(made(on)).toBeGreaterThan(before);
    for (const i of all()) {
      await i.db.collection("records").drop();
      await i.db.collection("records").insertMany(makeDocs(200, 7) as never[]);
    }
    await compare("the collection made again");
    // And the new collection's copy follows edits.
    const fresh = makeDocs(200, 7).map((d) => d._id as mongoose.Types.ObjectId);
    await each((db) => db.collection("records").updateMany({ _id: { $in: fresh.slice(0, 100) } }, { $set: { "data.payments": [row({ amount: 31 })] } }));
    expect(await compare("the new collection edited")).toBe(true);
  }, 120_000);
});

describe("the row copy's fill in steps on the embedded database", () => {
  // 400 records filled 20 at a time with 150 ms between steps: about 3 s during which records are
  // edited, added and deleted. The triggers exist before the first step, so every write reaches
  // the copy; made after the fill (rowsfill), the writes to records already filled and the records
  // added are lost.
  let slow: FerretInstance, late: FerretInstance, off: FerretInstance;
  const fill = { DOSSIER_PUSHDOWN_TRACE: "1", DOSSIER_ROWS_CHUNK: "20", DOSSIER_ROWS_FILL_PAUSE: "150" };

  beforeAll(async () => {
    ensureFerretDB({ quiet: true });
    [slow, late, off] = await Promise.all([
      startInstance(fill, { prefix: "dossier-rows-fill-" }),
      startInstance({ ...fill, DOSSIER_PUSHDOWN_BREAK: "rowsfill" }, { prefix: "dossier-rows-fill-" }),
      startInstance({ DOSSIER_PUSHDOWN: "off" }, { prefix: "dossier-rows-fill-" }),
    ]);
    for (const i of [slow, late, off]) await i.db.collection("records").insertMany(makeDocs(400, 20261206) as never[]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([slow, late, off].filter(Boolean).map((i) => i.stop()));
  });

  it("copies the writes made while it is filled", async () => {
    const docs = makeDocs(400, 20261206);
    const early = docs.filter((d) => Array.isArray((d.data as Doc).payments) && ((d.data as Doc).payments as Doc[]).length > 0).slice(0, 30).map((d) => d._id as mongoose.Types.ObjectId);
    const writes = async (db: FerretInstance["db"]) => {
      await db.collection("records").updateMany({ _id: { $in: early } }, { $set: { "data.payments.0.amount": 77_770, "data.payments.0.status": "已缴费" } });
      await db.collection("records").insertMany(makeDocs(40, 4242) as never[]);
      await db.collection("records").deleteMany({ _id: { $in: docs.slice(60, 80).map((d) => d._id as mongoose.Types.ObjectId) } });
    };
    const [name, pipeline] = pipelines()[0];
    // The first chart makes the copy; the writes start once a few steps are done.
    const filling = [slow, late].map((i) => run(i.db, "records", pipeline));
    for (const i of [slow, late]) {
      const deadline = Date.now() + 60_000;
      while (traced(i, "row copy of data.payments: step 4 in") === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(traced(i, "row copy of data.payments: step 4 in"), "the fill reached its fourth step").toBe(1);
    }
    await Promise.all([slow, late, off].map((i) => writes(i.db)));
    // The writes did not wait for the whole fill.
    for (const i of [slow, late]) expect(made(i), "still filling after the writes").toBe(0);
    await Promise.all(filling);
    expect(fs.readFileSync(slow.log, "utf8")).toMatch(/row copy of data\.payments made \(amount, date, status\) in 20 steps/);

    const expected = await Promise.all(shapesOf().map((p) => run(off.db, "records", p)));
    const before = traced(slow, "from the row copy");
    const got = await Promise.all(shapesOf().map((p) => run(slow.db, "records", p)));
    got.forEach((g, n) => expect(g, `${name}: shape ${n}`).toEqual(expected[n]));
    expect(traced(slow, "from the row copy") - before).toBe(shapesOf().length - 1);
    // The build that makes the triggers after the fill lost those writes.
    const lost = await Promise.all(shapesOf().map((p) => run(late.db, "records", p)));
    expect(traced(late, "from the row copy")).toBeGreaterThan(0);
    expect(JSON.stringify(lost)).not.toBe(JSON.stringify(expected));
  }, 180_000);
});

const shapesOf = () => pipelines().map(([, p]) => p);
