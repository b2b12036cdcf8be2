import "server-only";
import mongoose from "mongoose";
import { connectDb } from "./connect";

let cached: Promise<boolean> | null = null;

/**
 * Whether `$unwind` keeps the rest of each document, as MongoDB does. FerretDB 1.24's does not:
 * unwinding `$data.payments` yields `{ _id, payments: <row> }` — the row under the path's last
 * segment and every other field dropped (internal/handler/common/aggregations/stages/unwind.go).
 * Aggregations over table rows therefore read only the row, at the place this tells them.
 * Asked once per process (buildInfo names FerretDB's version).
 */
export function unwindKeepsDocument(): Promise<boolean> {
  cached ??= (async () => {
    await connectDb();
    const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
    return !("ferretdbVersion" in info);
  })().catch((err) => {
    cached = null;
    throw err;
  });
  return cached;
}

/** Where a table's row sits after `$unwind` of `$data.<table>` on this database. */
export async function unwoundRowPath(table: string): Promise<string> {
  return (await unwindKeepsDocument()) ? `data.${table}` : table.split(".").at(-1)!;
}
