import "server-only";
import { RecordModel } from "../db/models/record";

/**
 * Whether every record of a template holds the search text of `key` ("only": a search asks the
 * search text alone) or some do not — stored before it existed, or before a version changed the
 * searchable fields — ("mixed": those are asked the old way, build-mongo-query.ts). Asked on every
 * search, so correctness never waits for the backfill: three ranges on the `search` index
 * (record-indexes.ts) — none, an older key, a newer one — each answered from the index; trash and
 * other owners' records included, so it never says "only" wrongly.
 */
export async function searchTextState(templateKey: string, key: string): Promise<"only" | "mixed"> {
  const stale = await Promise.all(
    [null, { $lt: key }, { $gt: key }].map((k) => RecordModel.exists({ templateKey, "search.k": k })),
  );
  return stale.some(Boolean) ? "mixed" : "only";
}
