import "server-only";
import { JobModel } from "../db/models/job";
import { kickJob, runJob } from "../jobs/run-job";
import { migrationJob } from "./migration-job";
import { migrationJobId, toMigrationView, type MigrationView } from "./migration-view";

/**
 * Runs a migration on the job runner until it is done (or `maxBatches` batches, for tests and
 * step-wise runs) and returns its view. A migration another worker is actively processing is
 * left to it.
 */
export async function runMigration(params: { jobId: string; workerId?: string; maxBatches?: number }): Promise<MigrationView> {
  const id = migrationJobId(params.jobId);
  const doc = (await runJob(migrationJob, id, { workerId: params.workerId, maxBatches: params.maxBatches })) ?? (await JobModel.findById(id).lean());
  return toMigrationView(doc!);
}

/** Starts processing a migration in the background of this server process (the request returns at once). */
export function kickMigration(jobId: string): void {
  kickJob(migrationJob, migrationJobId(jobId));
}
