import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "@/lib/db/connect";

// The embedded FerretDB is built with a patch that lets SQLite pre-filter on `_id` and top-level
// string equalities (scripts/ferretdb/dossier_pushdown.go). It must never change what a query
// matches — only how fast. These are the cases where a careless pre-filter would drop matches.
// (Against a real MongoDB, via MONGODB_URI, they simply hold.)
const COLLECTION = "test_equality_pushdown";

describe("equality queries on the database", () => {
  let col: mongoose.mongo.Collection;

  beforeAll(async () => {
    await connectDb();
    col = mongoose.connection.db!.collection(COLLECTION);
    await col.deleteMany({});
    await col.insertMany([
      { _id: "a", kind: "x", tags: "red", name: "张三<&>\"'\\ \u2028", n: 1 },
      { _id: "b", kind: "x", tags: ["blue", "red"], name: "李四", n: 2 },
      { _id: "c", kind: "y", tags: ["blue"], name: "王五", n: "2" },
      { _id: "d", kind: "x", name: null, n: 3 },
    ] as never[]);
  });

  afterAll(async () => {
    await col.drop().catch(() => undefined);
  });

  const ids = async (filter: Record<string, unknown>) => (await col.find(filter).toArray()).map((d) => String(d._id)).sort();

  it("matches an array that contains the value, as MongoDB does", async () => {
    expect(await ids({ tags: "red" })).toEqual(["a", "b"]);
    expect(await ids({ kind: "x", tags: "blue" })).toEqual(["b"]);
  });

  it("matches strings with characters JSON escapes", async () => {
    expect(await ids({ name: "张三<&>\"'\\ \u2028" })).toEqual(["a"]);
  });

  it("applies the rest of the filter after the _id and string conditions", async () => {
    expect(await ids({ _id: "a", kind: "y" })).toEqual([]);
    expect(await ids({ _id: "b", kind: "x", n: 2 })).toEqual(["b"]);
    expect(await ids({ kind: "x", $or: [{ n: 1 }, { n: 3 }] })).toEqual(["a", "d"]);
    expect(await ids({ kind: "x", name: null })).toEqual(["d"]);
  });

  it("keeps types apart: the string '2' is not the number 2", async () => {
    expect(await ids({ n: "2" })).toEqual(["c"]);
    expect(await ids({ n: 2 })).toEqual(["b"]);
  });

  it("updates and deletes exactly what the filter matches", async () => {
    expect((await col.updateOne({ _id: "a", kind: "y" } as never, { $set: { touched: true } })).matchedCount).toBe(0);
    expect((await col.updateMany({ kind: "x", tags: "red" }, { $set: { touched: true } })).modifiedCount).toBe(2);
    expect(await col.countDocuments({ kind: "x", touched: true })).toBe(2);
    expect((await col.deleteMany({ kind: "y", name: "李四" })).deletedCount).toBe(0);
  });
});
