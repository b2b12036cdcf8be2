import "server-only";
import { connectDb } from "../db/connect";
import { JobModel, type JobDoc } from "../db/models/job";

/**
 * Asks a pending, running or failed job to stop. The worker stops between two batches, so what is done
 * stays done and consistent; the job then reads "cancelled". Who may cancel which kind of job is
 * the kind's service's decision (it checks permission before calling this). Returns the job, or
 * null when it does not exist.
 */
export async function requestJobCancel(params: { id: string; by: { id: string } }): Promise<JobDoc | null> {
  await connectDb();
  await JobModel.updateOne(
    { _id: params.id, status: { $in: ["pending", "running", "failed"] }, cancelRequestedAt: null },
    { $set: { cancelRequestedAt: new Date(), cancelRequestedBy: params.by.id } },
  );
  // A job no worker holds (not started yet, or stopped by an error) is cancelled at once.
  await JobModel.updateOne({ _id: params.id, status: { $in: ["pending", "failed"] }, workerId: null }, { $set: { status: "cancelled", finishedAt: new Date() } });
  return JobModel.findById(params.id).lean();
}
