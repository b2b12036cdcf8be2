import fs from "node:fs";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain-JS module shared with the npm scripts
import { ensureFerretDB } from "../../scripts/lib/ferretdb.mjs";
import { startInstance, type FerretInstance } from "./support/ferretdb-instance";
import { base, makeDocs, pipelines, run, type Doc } from "./support/unwind-data";

// The embedded database answers a chart over a table's rows from a row copy of that table: an
// SQLite table of every record's rows, made on the first such query and kept by triggers on the
// records' table (scripts/ferretdb/dossier_rows.go). A copy that misses a write gives a wrong chart
// silently, so every kind of write is made after the copy exists — inserts, edits of a row, rows
// added, a table emptied, set to null or removed, records trashed, replaced and deleted, a VACUUM
// (which may renumber the rowids the copy is keyed by), a dropped collection whose table name comes
// back — and each time the answers must equal FerretDB's own (DOSSIER_PUSHDOWN=off) while a build
// whose copy ignores edits (DOSSIER_PUSHDOWN_BREAK=rowswrite) must be caught. The trace proves the
// copy answered, not the statement over json_each or FerretDB after a refusal.

const fromCopy = (i: FerretInstance) => (fs.existsSync(i.log) ? fs.readFileSync(i.log, "utf8").split("from the row copy").length - 1 : 0);

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

  /** Every pipeline: the copy's answer equals FerretDB's; returns whether the broken build differs. */
  async function compare(step: string, coll = "records"): Promise<boolean> {
    const expected = await answers(off, coll);
    const before = fromCopy(on);
    const got = await answers(on, coll);
    shapes().forEach(([name], n) => expect(got[n], `${step}: ${name}`).toEqual(expected[n]));
    // Every shape but the one SQLite never answers (a record condition through the table).
    expect(fromCopy(on) - before, step).toBe(shapes().length - 1);
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

  it("is made again after a VACUUM and for a collection dropped and made again under the same name", async () => {
    for (const i of all()) await i.db.command({ compact: "records", force: true });
    await compare("after a VACUUM");
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
