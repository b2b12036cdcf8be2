import "server-only";
import { connectDb } from "../db/connect";
import { JobModel } from "../db/models/job";
import { TemplateMigrationModel } from "../db/models/template-migration";
import { MIGRATION_KIND, migrationJobId, type MigrationParams, type MigrationState } from "./migration-view";

/**
 * Start-up, before jobs are resumed: copies the migrations a database kept in
 * `template_migrations` (before the job runner) into `jobs`, as the kind "migration" with the same
 * id, progress, tallies and resume point, so a migration a stopped server left running continues
 * and the versions page still lists the finished ones. Idempotent: a migration already in `jobs`
 * is left alone (insert-if-absent), so every start may run it; the old documents stay untouched.
 * Returns how many were copied.
 */
export async function convertLegacyMigrations(): Promise<number> {
  await connectDb();
  const legacy = await TemplateMigrationModel.find({}).lean();
  let copied = 0;
  for (const m of legacy) {
    const params: MigrationParams = { fromVersion: m.fromVersion, toVersion: m.toVersion, op: m.op as MigrationParams["op"], note: m.note ?? "" };
    const state: MigrationState = {
      migrated: m.migrated ?? 0,
      failed: m.failed ?? 0,
      failures: (m.failures ?? []).map((f) => ({ id: f.id ?? "", title: f.title ?? "", message: f.message ?? "" })),
      retryIds: [...(m.retryIds ?? [])],
      round: 0,
    };
    const job = {
      kind: MIGRATION_KIND,
      templateKey: m.templateKey,
      status: m.status,
      params,
      progress: { done: m.processed ?? 0, total: m.total ?? 0, rate: 0 },
      cursor: m.lastId ?? null,
      state,
      batchSize: m.batchSize ?? 100,
      workerId: m.workerId ?? null,
      heartbeatAt: m.heartbeatAt ?? null,
      error: m.error ?? null,
      createdBy: m.startedBy,
      createdByName: m.startedByName,
      cancelRequestedAt: null,
      cancelRequestedBy: null,
      startedAt: m.startedAt,
      finishedAt: m.finishedAt ?? null,
      createdAt: m.startedAt,
      updatedAt: m.updatedAt ?? m.startedAt,
    };
    const done = await JobModel.collection.updateOne({ _id: migrationJobId(m._id) as never }, { $setOnInsert: job }, { upsert: true });
    copied += done.upsertedCount;
  }
  return copied;
}
