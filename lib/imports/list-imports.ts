import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { ImportModel, type ImportDoc } from "../db/models/import";
import { JobModel } from "../db/models/job";
import { toJobProgress, type JobProgress } from "../jobs/job-progress";
import { getPublishedTemplate } from "../templates/get-published-template";
import type { ImportJobState } from "./import-job";
import { resolveScope } from "../records/resolve-scope";

/** One line of a template's import history. */
export interface ImportSummary {
  id: string;
  fileName: string;
  createdAt: string;
  createdByName: string;
  /** The run's progress and tallies; null while the import was only checked. */
  run: (ImportJobState & { progress: JobProgress }) | null;
  /** Undone as a whole (its new records in the recycle bin, its updates set back). */
  undone: boolean;
}

/** A template's imports the reader's data scope covers (by who uploaded them), newest first: who imported which file when, and what came of it. */
export async function listImports(params: { actor: Actor | null; templateKey: string; limit?: number }): Promise<ImportSummary[]> {
  assertCan(params.actor, "record.create");
  const template = await getPublishedTemplate(params.actor, params.templateKey);
  await connectDb();
  const { ownerIds } = await resolveScope(params.actor, template);
  const docs = (await ImportModel.find({ templateKey: template.key, ...(ownerIds ? { createdBy: { $in: ownerIds } } : {}) }).sort({ createdAt: -1 }).limit(params.limit ?? 20).lean()) as ImportDoc[];
  const runIds = docs.map((d) => d.runJobId).filter((id): id is string => !!id);
  const jobs = new Map((await JobModel.find({ _id: { $in: runIds } }).lean()).map((j) => [j._id, j]));
  return docs.map((d) => {
    const job = d.runJobId ? jobs.get(d.runJobId) : undefined;
    return {
      id: d._id,
      fileName: d.fileName,
      createdAt: d.createdAt.toISOString(),
      createdByName: d.createdByName,
      run: job ? { ...((job.state ?? {}) as ImportJobState), progress: toJobProgress(job) } : null,
      undone: !!d.undoneAt,
    };
  });
}
