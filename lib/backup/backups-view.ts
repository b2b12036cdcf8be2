import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { JobModel, type JobDoc } from "../db/models/job";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { createJob } from "../jobs/create-job";
import { toJobProgress, type JobProgress } from "../jobs/job-progress";
import { kickJob } from "../jobs/run-job";
import { backupName, listBackupFiles, type BackupFile } from "./backup-files";
import { BACKUP_KIND, backupDir, backupJob } from "./backup-job";

/** The admin page's backups: the files kept, and the latest backup job with its progress. */
export interface BackupsView {
  dir: string;
  files: BackupFile[];
  job: { name: string; by: string; progress: JobProgress } | null;
}

const latestJob = async () => (await JobModel.find({ kind: BACKUP_KIND }).sort({ startedAt: -1 }).limit(1).lean())[0] as JobDoc | undefined;

export async function backupsView(params: { actor: Actor | null }): Promise<BackupsView> {
  assertCan(params.actor, "system.backup");
  await connectDb();
  const job = await latestJob();
  return {
    dir: backupDir(),
    files: await listBackupFiles(backupDir()),
    job: job ? { name: String((job.params as { name?: string }).name ?? ""), by: job.createdByName ?? "", progress: toJobProgress(job) } : null,
  };
}

/** Starts a backup job (one at a time); its file is named after the moment it starts. */
export async function startBackup(params: { actor: Actor | null; keep: number }): Promise<BackupsView> {
  const { actor } = params;
  assertCan(actor, "system.backup");
  await connectDb();
  const running = await latestJob();
  if (running && ["pending", "running"].includes(running.status) && !toJobProgress(running).stalled) throw new DomainError("CONFLICT", msg("backup.running"));
  const name = backupName(new Date());
  const created = await createJob({ kind: BACKUP_KIND, id: name, params: { name, keep: params.keep }, total: 0, batchSize: 1, createdBy: actor! });
  if (!created) throw new DomainError("CONFLICT", msg("backup.running"));
  kickJob(backupJob, created._id);
  return backupsView({ actor });
}
