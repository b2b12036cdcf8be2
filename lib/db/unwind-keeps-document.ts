import "server-only";
import { isEmbeddedDatabase } from "./is-embedded-database";

/**
 * Whether `$unwind` keeps the rest of each document, as MongoDB does. FerretDB 1.24's does not:
 * unwinding `$data.payments` yields `{ _id, payments: <row> }` — the row under the path's last
 * segment and every other field dropped (internal/handler/common/aggregations/stages/unwind.go).
 * Aggregations over table rows therefore read only the row, at the place this tells them.
 */
export async function unwindKeepsDocument(): Promise<boolean> {
  return !(await isEmbeddedDatabase());
}

/** Where a table's row sits after `$unwind` of `$data.<table>` on this database. */
export async function unwoundRowPath(table: string): Promise<string> {
  return (await unwindKeepsDocument()) ? `data.${table}` : table.split(".").at(-1)!;
}
