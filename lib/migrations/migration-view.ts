import "server-only";
import type { JobDoc } from "../db/models/job";
import { jobId } from "../jobs/job-kind";
import { toJobProgress } from "../jobs/job-progress";
import type { MigrationOp } from "../template-model/migration-op";

/** Migrations are the job runner's kind "migration"; a migration's own id is `<templateKey>@<toVersion>`. */
export const MIGRATION_KIND = "migration";

/** The job id of a migration (`migration:<templateKey>@<toVersion>`). */
export const migrationJobId = (id: string) => jobId(MIGRATION_KIND, id);

/** What a migration job was started with. */
export interface MigrationParams {
  fromVersion: number;
  toVersion: number;
  op: MigrationOp;
  note: string;
}

/** A migration job's own tallies. */
export interface MigrationState {
  migrated: number;
  failed: number;
  failures: { id: string; title: string; message: string }[];
  /** Records a concurrent edit kept the job from writing: tried again after the last batch. */
  retryIds: string[];
  /** Retry rounds done so far (each waits a little longer). */
  round: number;
}

/** A migration job as the progress bar and the API see it. */
export interface MigrationView {
  id: string;
  templateKey: string;
  fromVersion: number;
  toVersion: number;
  op: MigrationOp;
  note: string;
  status: "pending" | "running" | "done" | "failed";
  total: number;
  processed: number;
  migrated: number;
  failed: number;
  /** 0–100 for the progress bar. */
  percent: number;
  failures: { id: string; title: string; message: string }[];
  /** Running, but nobody has reported progress for a while: offer to resume. */
  stalled: boolean;
  error: string | null;
  startedAt: string;
  startedByName: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** Maps a migration job to its view. */
export function toMigrationView(doc: JobDoc): MigrationView {
  const params = doc.params as MigrationParams;
  const state = (doc.state ?? {}) as Partial<MigrationState>;
  const progress = toJobProgress(doc);
  return {
    id: doc._id.slice(MIGRATION_KIND.length + 1),
    templateKey: doc.templateKey ?? "",
    fromVersion: params.fromVersion,
    toVersion: params.toVersion,
    op: params.op,
    note: params.note ?? "",
    // Migrations offer no cancel; a cancelled one (by hand, in the database) reads as failed.
    status: progress.status === "cancelled" ? "failed" : progress.status,
    total: progress.total,
    processed: progress.done,
    migrated: state.migrated ?? 0,
    failed: state.failed ?? 0,
    percent: progress.percent,
    failures: (state.failures ?? []).map((f) => ({ id: f.id ?? "", title: f.title ?? "", message: f.message ?? "" })),
    stalled: progress.stalled,
    error: progress.error,
    startedAt: doc.startedAt.toISOString(),
    startedByName: doc.createdByName,
    updatedAt: (doc.updatedAt ?? doc.startedAt).toISOString(),
    finishedAt: doc.finishedAt ? doc.finishedAt.toISOString() : null,
  };
}
