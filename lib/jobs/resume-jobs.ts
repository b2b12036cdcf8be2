import "server-only";
import { connectDb } from "../db/connect";
import { JobModel } from "../db/models/job";
import { STALE_AFTER_MS, type JobKind } from "./job-kind";
import { kickJob } from "./run-job";

/**
 * On server start, for every kind: picks up the jobs a stopped server left pending or running.
 * A job whose worker may still be alive on another server is only taken once its heartbeat is
 * stale, hence a second try after that long. Returns how many jobs were found.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- kinds differ in their params and state
export async function resumeJobs(kinds: readonly JobKind<any, any>[]): Promise<number> {
  await connectDb();
  const byKind = new Map(kinds.map((k) => [k.kind, k]));
  const jobs = await JobModel.find({ status: { $in: ["pending", "running"] }, kind: { $in: [...byKind.keys()] } }, { _id: 1, kind: 1 }).lean();
  for (const job of jobs) {
    const kind = byKind.get(job.kind)!;
    kickJob(kind, job._id);
    setTimeout(() => kickJob(kind, job._id), STALE_AFTER_MS + 1000).unref();
  }
  return jobs.length;
}
