import "server-only";
import mongoose from "mongoose";
import { connectDb } from "./connect";

let cached: Promise<boolean> | null = null;

/**
 * Whether the database is the embedded one (FerretDB: buildInfo names its version) rather than a
 * MongoDB. Its query engine differs where speed and `$unwind` are concerned (unwind-keeps-document.ts,
 * the sum indexes of lib/records/record-indexes.ts). Asked once per process.
 */
export function isEmbeddedDatabase(): Promise<boolean> {
  cached ??= (async () => {
    await connectDb();
    const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
    return "ferretdbVersion" in info;
  })().catch((err) => {
    cached = null;
    throw err;
  });
  return cached;
}
