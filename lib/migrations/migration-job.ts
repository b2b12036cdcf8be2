import "server-only";
import { Types } from "mongoose";
import { writeAuditEvent } from "../audit/write-audit-event";
import type { Actor } from "../auth/roles";
import { RecordModel } from "../db/models/record";
import type { Job, JobKind } from "../jobs/job-kind";
import { EVERY_RECORD, recordsFilter } from "../records/records-filter";
import { loadVersion } from "../templates/get-published-template";
import { ensureMigrationPublished } from "./ensure-published";
import { migrateRecord } from "./migrate-record";
import { MIGRATION_KIND, type MigrationParams, type MigrationState } from "./migration-view";

type MigrationJob = Job<MigrationParams, MigrationState>;

const MAX_FAILURES_LISTED = 100;
const RETRY_ROUNDS = 5;
// The cursor once every record was visited: what is left are the records a concurrent edit held up.
const RETRIES = "retries";

const publicId = (job: MigrationJob) => job._id.slice(MIGRATION_KIND.length + 1);
// The migration acts for the administrator who started it.
const starter = (job: MigrationJob): Actor => ({ id: job.createdBy, name: job.createdByName, email: "", role: "admin" });

/**
 * A key or type migration as a kind of job: it publishes its version first (idempotently), then
 * moves every record of the template — deleted ones too — to it in `_id` order, a batch at a
 * time, through the records' write pipeline (migrateRecord). Records a concurrent edit held up
 * are tried again in up to five rounds after the last batch; those still held up are listed as
 * failures, to be retried with 继续.
 */
export const migrationJob: JobKind<MigrationParams, MigrationState> = {
  kind: MIGRATION_KIND,

  start: (job) => ensureMigrationPublished({ id: publicId(job), templateKey: job.templateKey!, params: job.params, createdBy: job.createdBy, createdByName: job.createdByName }),

  async batch(job) {
    const target = await loadVersion(job.templateKey!, job.params.toVersion);
    const state: MigrationState = {
      migrated: job.state.migrated ?? 0,
      failed: job.state.failed ?? 0,
      failures: [...(job.state.failures ?? [])],
      retryIds: [...(job.state.retryIds ?? [])],
      round: job.state.round ?? 0,
    };
    const handle = async (doc: Parameters<typeof migrateRecord>[0]["doc"], retry: boolean) => {
      const outcome = await migrateRecord({ doc, target, actor: starter(job), jobId: publicId(job), op: job.params.op });
      const id = String(doc._id);
      if (retry) state.retryIds = state.retryIds.filter((r) => r !== id);
      if (outcome.kind === "busy") {
        if (!state.retryIds.includes(id)) state.retryIds.push(id);
      } else if (outcome.kind === "failed") {
        state.failed++;
        if (state.failures.length < MAX_FAILURES_LISTED) state.failures.push({ id, title: outcome.title, message: outcome.message });
      } else state.migrated++;
    };

    if (job.cursor !== RETRIES) {
      const filter: Record<string, unknown> = recordsFilter({ actor: null, templateKey: job.templateKey!, trash: "any", scope: EVERY_RECORD });
      if (job.cursor) filter._id = { $gt: new Types.ObjectId(job.cursor) };
      const docs = await RecordModel.find(filter).sort({ _id: 1 }).limit(job.batchSize ?? 100).lean();
      for (const doc of docs) await handle(doc, false);
      if (docs.length) return { cursor: String(docs[docs.length - 1]._id), state, done: docs.length, finished: false };
      return { cursor: RETRIES, state: { ...state, round: 0 }, done: 0, finished: state.retryIds.length === 0 };
    }

    if (state.retryIds.length && state.round < RETRY_ROUNDS) {
      if (state.round > 0) await new Promise((r) => setTimeout(r, 200 * state.round));
      const docs = await RecordModel.find({ _id: { $in: state.retryIds.map((id) => new Types.ObjectId(id)) } }).lean();
      const found = new Set(docs.map((d) => String(d._id)));
      state.retryIds = state.retryIds.filter((id) => found.has(id)); // deleted for good meanwhile
      for (const doc of docs) await handle(doc, true);
      state.round++;
      if (state.retryIds.length && state.round < RETRY_ROUNDS) return { cursor: RETRIES, state, done: 0, finished: false };
    }
    for (const id of state.retryIds) {
      state.failed++;
      if (state.failures.length < MAX_FAILURES_LISTED) state.failures.push({ id, title: "", message: "记录一直在被编辑，未能迁移；请稍后点击“继续”重试" });
    }
    return { cursor: RETRIES, state: { ...state, retryIds: [] }, done: 0, finished: true };
  },

  async finish(job) {
    const total = Math.max(job.progress?.total ?? 0, job.progress?.done ?? 0);
    await writeAuditEvent({
      id: `migration:${publicId(job)}:done`,
      actor: starter(job),
      action: "template.migrate.done",
      entity: "template",
      entityId: job.templateKey!,
      templateKey: job.templateKey!,
      meta: { jobId: publicId(job), migrated: job.state.migrated, failed: job.state.failed, total },
    });
  },
};
