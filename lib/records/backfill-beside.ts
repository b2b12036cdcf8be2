import "server-only";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { TemplateModel } from "../db/models/template";
import { log } from "../log/log";
import { loadVersion } from "../templates/get-published-template";
import type { PublishedTemplate } from "../templates/types";

const BATCH = 500;

/** A stored record as a backfill reads it. */
export interface BesideDoc {
  _id: unknown;
  data?: unknown;
  revision: number;
  templateVersion: number;
}

/**
 * Something the write pipeline stores beside each record's data for the database to answer from
 * (the reminder facts, the search text): which field, and per published template version which
 * records hold it stale (missing, or computed for other fields or rules) and what it is for one.
 */
export interface Beside {
  field: string;
  /** For the log: "reminder facts", "search text". */
  name: string;
  forTemplate(template: PublishedTemplate): { stale: Record<string, unknown>[]; valueOf(doc: BesideDoc): unknown };
}

/**
 * Gives records whose `beside.field` is stale the value for their template's current version. Only
 * that field is set — no revision, history, audit event or updatedAt — and each update is
 * conditional on the revision and version read, so an edit meanwhile (which writes its own) wins.
 * One update at a time, as the write pipeline writes: an unordered bulk of these conditional
 * updates stalled the embedded database after ~100 of them (bench, 20,000 records). In batches in
 * `_id` order; resumable (it looks for stale records each time), idempotent, a no-op once done.
 * Returns how many records it updated.
 */
export async function backfillBeside(beside: Beside, params: { templateKey?: string } = {}): Promise<number> {
  await connectDb();
  const templates = await TemplateModel.find({ currentVersion: { $gte: 1 }, ...(params.templateKey ? { _id: params.templateKey } : {}) }, { currentVersion: 1 }).lean();
  let updated = 0;
  for (const t of templates) {
    const template = await loadVersion(String(t._id), t.currentVersion);
    const { stale, valueOf } = beside.forTemplate(template);
    for (const filter of stale) {
      let after: unknown = null;
      for (;;) {
        const docs = await RecordModel.find({ templateKey: template.key, ...filter, ...(after ? { _id: { $gt: after } } : {}) }, { _id: 1, data: 1, revision: 1, templateVersion: 1 })
          .sort({ _id: 1 })
          .limit(BATCH)
          .batchSize(BATCH)
          .lean<BesideDoc[]>();
        if (docs.length === 0) break;
        after = docs[docs.length - 1]._id;
        for (const doc of docs) {
          const value = await valueOf(doc);
          const result = await RecordModel.collection.updateOne({ _id: doc._id as never, revision: doc.revision, templateVersion: doc.templateVersion }, { $set: { [beside.field]: value } });
          updated += result.modifiedCount;
        }
      }
    }
  }
  return updated;
}

const running = new Map<string, Promise<number>>();

/**
 * backfillBeside in the background, one run at a time per server and field (a start, then a
 * publish that changes the fields or rules while it runs, make one more run after it). Failures
 * are logged: what reads the field stays correct without it (it asks such records the old way),
 * only slower.
 */
export function startBesideBackfill(beside: Beside): Promise<number> {
  const next = (running.get(beside.field) ?? Promise.resolve(0))
    .catch(() => 0)
    .then(() => backfillBeside(beside))
    .then((n) => {
      if (n) log.info("records", `${beside.name} filled in: ${n}`);
      return n;
    })
    .catch((err: unknown) => {
      log.error("records", `${beside.name} backfill failed: ${(err as Error).message}`);
      return 0;
    });
  running.set(beside.field, next);
  return next;
}
