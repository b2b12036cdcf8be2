import "server-only";
import { randomUUID } from "node:crypto";
import { Types } from "mongoose";
import { writeAuditEvent } from "../../audit/write-audit-event";
import type { Actor } from "../../auth/roles";
import { connectDb } from "../../db/connect";
import { RecordModel } from "../../db/models/record";
import { TemplateMigrationModel, type TemplateMigrationDoc } from "../../db/models/template-migration";
import { loadVersion } from "../get-published-template";
import { ensureMigrationPublished } from "./ensure-published";
import { migrateRecord } from "./migrate-record";
import type { MigrationOp } from "./migration-op";
import { STALE_AFTER_MS, toMigrationView, type MigrationView } from "./migration-view";

type Job = TemplateMigrationDoc & { _id: string };
const MAX_FAILURES_LISTED = 100;
const RETRY_ROUNDS = 5;

/** Takes the job for this worker: free, already ours, or abandoned (no heartbeat for a while). */
async function claim(jobId: string, workerId: string): Promise<Job | null> {
  const stale = new Date(Date.now() - STALE_AFTER_MS);
  return (await TemplateMigrationModel.findOneAndUpdate(
    { _id: jobId, status: { $in: ["pending", "running", "failed"] }, $or: [{ workerId: null }, { workerId }, { heartbeatAt: { $lt: stale } }] },
    { $set: { workerId, heartbeatAt: new Date(), error: null } },
    { returnDocument: "after" },
  ).lean()) as Job | null;
}

/** Saves progress; false when the job was taken over by another worker (this one then stops). */
async function save(job: Job, workerId: string, set: Record<string, unknown>): Promise<boolean> {
  const done = await TemplateMigrationModel.updateOne({ _id: job._id, workerId }, { $set: { ...set, heartbeatAt: new Date() } });
  return done.matchedCount === 1;
}

/**
 * Processes a migration job in batches of records ordered by `_id`, from its `lastId` on, until
 * every record is done (or `maxBatches` batches, for tests and step-wise runs). Progress is saved
 * after each batch, so a crashed run resumes where it stopped; records are migrated idempotently,
 * so a batch processed twice changes nothing twice. Records edited concurrently are retried at
 * the end. Returns the job's view.
 */
export async function runMigration(params: { jobId: string; workerId?: string; maxBatches?: number }): Promise<MigrationView> {
  const { jobId, workerId = randomUUID(), maxBatches = Infinity } = params;
  await connectDb();
  let job = await claim(jobId, workerId);
  if (!job) {
    const current = await TemplateMigrationModel.findById(jobId).lean();
    return toMigrationView(current as Job);
  }
  try {
    if (job.status !== "running") {
      await ensureMigrationPublished(job);
      if (!(await save(job, workerId, { status: "running" }))) return view(jobId);
      job = { ...job, status: "running" };
    }
    const target = await loadVersion(job.templateKey, job.toVersion);
    const actor: Actor = { id: job.startedBy, name: job.startedByName, email: "", role: "admin" };
    const op = job.op as MigrationOp;
    const state = {
      processed: job.processed ?? 0,
      migrated: job.migrated ?? 0,
      failed: job.failed ?? 0,
      failures: (job.failures ?? []).map((f) => ({ id: f.id ?? "", title: f.title ?? "", message: f.message ?? "" })),
      retryIds: [...(job.retryIds ?? [])],
      lastId: job.lastId ?? null,
    };
    const handle = async (doc: Parameters<typeof migrateRecord>[0]["doc"], retry: boolean) => {
      const outcome = await migrateRecord({ doc, target, actor, jobId: job!._id, op });
      const id = String(doc._id);
      if (retry) state.retryIds = state.retryIds.filter((r) => r !== id);
      if (outcome.kind === "busy") {
        if (!state.retryIds.includes(id)) state.retryIds.push(id);
      } else if (outcome.kind === "failed") {
        state.failed++;
        if (state.failures.length < MAX_FAILURES_LISTED) state.failures.push({ id, title: outcome.title, message: outcome.message });
      } else state.migrated++;
    };
    let batches = 0;
    for (;;) {
      if (batches >= maxBatches) {
        await save(job, workerId, { workerId: null, heartbeatAt: null });
        return view(jobId);
      }
      const filter: Record<string, unknown> = { templateKey: job.templateKey };
      if (state.lastId) filter._id = { $gt: new Types.ObjectId(state.lastId) };
      const docs = await RecordModel.find(filter).sort({ _id: 1 }).limit(job.batchSize ?? 100).lean();
      if (docs.length === 0) break;
      for (const doc of docs) await handle(doc, false);
      state.processed += docs.length;
      state.lastId = String(docs[docs.length - 1]._id);
      batches++;
      if (!(await save(job, workerId, { ...state }))) return view(jobId);
    }
    for (let round = 0; round < RETRY_ROUNDS && state.retryIds.length; round++) {
      if (round > 0) await new Promise((r) => setTimeout(r, 200 * round));
      const docs = await RecordModel.find({ _id: { $in: state.retryIds.map((id) => new Types.ObjectId(id)) } }).lean();
      const found = new Set(docs.map((d) => String(d._id)));
      state.retryIds = state.retryIds.filter((id) => found.has(id)); // deleted for good meanwhile
      for (const doc of docs) await handle(doc, true);
    }
    for (const id of state.retryIds) {
      state.failed++;
      if (state.failures.length < MAX_FAILURES_LISTED) state.failures.push({ id, title: "", message: "记录一直在被编辑，未能迁移；请稍后点击“继续”重试" });
    }
    const total = Math.max(job.total ?? 0, state.processed);
    await save(job, workerId, { ...state, retryIds: [], total, status: "done", finishedAt: new Date(), workerId: null });
    await writeAuditEvent({
      id: `migration:${job._id}:done`,
      actor,
      action: "template.migrate.done",
      entity: "template",
      entityId: job.templateKey,
      templateKey: job.templateKey,
      meta: { jobId: job._id, migrated: state.migrated, failed: state.failed, total },
    });
    return view(jobId);
  } catch (err) {
    console.error(`[migration] ${jobId} stopped`, err);
    await TemplateMigrationModel.updateOne({ _id: jobId, workerId }, { $set: { status: "failed", error: (err as Error).message, workerId: null } });
    return view(jobId);
  }
}

async function view(jobId: string): Promise<MigrationView> {
  return toMigrationView((await TemplateMigrationModel.findById(jobId).lean()) as Job);
}

/** Starts processing a job in the background of this server process (the request returns at once). */
export function kickMigration(jobId: string): void {
  void runMigration({ jobId }).catch((err) => console.error(`[migration] ${jobId} could not run`, err));
}
