import "server-only";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { TemplateModel } from "../db/models/template";
import { log } from "../log/log";
import { factsKey, reminderFacts, staleFacts } from "../schema/reminder-facts";
import { loadVersion } from "../templates/get-published-template";
import { upgradeRecordData } from "../templates/upgrade-record-data";
import { rulesOfTemplate } from "./write/reminder-facts-hook";

const BATCH = 500;

/**
 * Gives records whose reminder facts are missing or computed for other rules (stored before the
 * facts existed, or before a published version changed the table rules) the facts of their
 * template's current rules, so that the 工作台 asks them through the index
 * (lib/schema/reminder-facts.ts). Correctness never waits for it: until then the 工作台 asks such
 * records the old way. Only `facts` is set — no revision, history, audit event or updatedAt — and
 * each update is conditional on the revision and version read, so an edit meanwhile (which writes
 * its own facts) wins. In batches; resumable (it looks for stale records each time), idempotent,
 * a no-op once done. Returns how many records it updated.
 */
export async function backfillReminderFacts(params: { templateKey?: string } = {}): Promise<number> {
  await connectDb();
  const templates = await TemplateModel.find({ currentVersion: { $gte: 1 }, ...(params.templateKey ? { _id: params.templateKey } : {}) }, { currentVersion: 1 }).lean();
  let updated = 0;
  for (const t of templates) {
    const template = await loadVersion(String(t._id), t.currentVersion);
    const rules = rulesOfTemplate(template);
    const key = factsKey(rules);
    for (const stale of staleFacts(key)) {
      let after: unknown = null;
      for (;;) {
        const docs = await RecordModel.find({ templateKey: template.key, ...stale, ...(after ? { _id: { $gt: after } } : {}) }, { _id: 1, data: 1, revision: 1, templateVersion: 1 })
          .sort({ _id: 1 })
          .limit(BATCH)
          .batchSize(BATCH)
          .lean();
        if (docs.length === 0) break;
        after = docs[docs.length - 1]._id;
        for (const doc of docs) {
          const stored = (doc.data ?? {}) as Record<string, unknown>;
          // Read in the current version's shape, as the write pipeline would store it.
          const data = doc.templateVersion < template.version ? (await upgradeRecordData({ templateKey: template.key, fromVersion: doc.templateVersion, toVersion: template.version, data: stored })).data : stored;
          // One update at a time, as the write pipeline writes: an unordered bulk of these
          // conditional updates stalled the embedded database after ~100 of them (bench, 20,000 records).
          const result = await RecordModel.collection.updateOne({ _id: doc._id, revision: doc.revision, templateVersion: doc.templateVersion }, { $set: { facts: reminderFacts(rules, data) } });
          updated += result.modifiedCount;
        }
      }
    }
  }
  return updated;
}

let running: Promise<number> | null = null;

/**
 * backfillReminderFacts in the background, one run at a time per server (a start, then a publish
 * that changes the rules while it runs, make one more run after it). Failures are logged: the
 * 工作台 stays correct without the facts, only slower.
 */
export function startReminderFactsBackfill(): Promise<number> {
  const next = (running ?? Promise.resolve(0))
    .catch(() => 0)
    .then(() => backfillReminderFacts())
    .then((n) => {
      if (n) log.info("records", `reminder facts filled in: ${n}`);
      return n;
    })
    .catch((err: unknown) => {
      log.error("records", `reminder facts backfill failed: ${(err as Error).message}`);
      return 0;
    });
  running = next;
  return next;
}
