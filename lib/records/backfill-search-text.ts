import "server-only";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { TemplateModel } from "../db/models/template";
import { log } from "../log/log";
import { loadVersion } from "../templates/get-published-template";
import { searchKey, searchText } from "./search-text";

const BATCH = 500;

/**
 * Gives records whose search text is missing or stale (stored before it existed, or before a
 * published version changed the searchable fields) the text of their template's current fields,
 * so that a search asks them through the index (lib/records/search-text.ts). Correctness never
 * waits for it: until then a search asks such records the old way (searchTextState). The text is
 * computed from the data as stored — what the old way searches — not as a newer version would
 * read it. Only `search` is set — no revision, history, audit event or updatedAt — and each update
 * is conditional on the revision and version read, so an edit meanwhile (which writes its own)
 * wins. In batches; resumable (it looks for stale records each time), idempotent, a no-op once
 * done. Returns how many records it updated.
 */
export async function backfillSearchText(params: { templateKey?: string } = {}): Promise<number> {
  await connectDb();
  const templates = await TemplateModel.find({ currentVersion: { $gte: 1 }, ...(params.templateKey ? { _id: params.templateKey } : {}) }, { currentVersion: 1 }).lean();
  let updated = 0;
  for (const t of templates) {
    const template = await loadVersion(String(t._id), t.currentVersion);
    const key = searchKey(template.fields);
    let after: unknown = null;
    for (;;) {
      const docs = await RecordModel.find({ templateKey: template.key, "search.k": { $ne: key }, ...(after ? { _id: { $gt: after } } : {}) }, { _id: 1, data: 1, revision: 1, templateVersion: 1 })
        .sort({ _id: 1 })
        .limit(BATCH)
        .batchSize(BATCH)
        .lean();
      if (docs.length === 0) break;
      after = docs[docs.length - 1]._id;
      for (const doc of docs) {
        // One conditional update at a time: unordered bulks of them stalled the embedded database
        // (see backfill-reminder-facts.ts).
        const result = await RecordModel.collection.updateOne({ _id: doc._id, revision: doc.revision, templateVersion: doc.templateVersion }, { $set: { search: searchText(template.fields, doc.data) } });
        updated += result.modifiedCount;
      }
    }
  }
  return updated;
}

let running: Promise<number> | null = null;

/**
 * backfillSearchText in the background, one run at a time per server (a start, then a publish
 * that changes the searchable fields while it runs, make one more run after it). Failures are
 * logged: the search stays correct without the text, only slower.
 */
export function startSearchTextBackfill(): Promise<number> {
  const next = (running ?? Promise.resolve(0))
    .catch(() => 0)
    .then(() => backfillSearchText())
    .then((n) => {
      if (n) log.info("records", `search text filled in: ${n}`);
      return n;
    })
    .catch((err: unknown) => {
      log.error("records", `search text backfill failed: ${(err as Error).message}`);
      return 0;
    });
  running = next;
  return next;
}
