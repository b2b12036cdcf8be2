import "server-only";
import { connectDb } from "../db/connect";
import { isDuplicateKey } from "../db/duplicate-inserts";
import { JobModel, type JobDoc } from "../db/models/job";
import { jobId } from "./job-kind";

/**
 * Creates a pending job. Its id is `<kind>:<id>`, chosen by the kind so that the same work
 * started twice is one job: returns null when that job already exists.
 */
export async function createJob(params: {
  kind: string;
  id: string;
  templateKey?: string | null;
  params: Record<string, unknown>;
  total: number;
  batchSize?: number;
  createdBy: { id: string; name: string };
}): Promise<JobDoc | null> {
  await connectDb();
  try {
    const doc = await JobModel.create({
      _id: jobId(params.kind, params.id),
      kind: params.kind,
      templateKey: params.templateKey ?? null,
      status: "pending",
      params: params.params,
      progress: { done: 0, total: params.total, rate: 0 },
      batchSize: params.batchSize ?? 100,
      createdBy: params.createdBy.id,
      createdByName: params.createdBy.name,
      startedAt: new Date(),
    });
    return doc.toObject() as JobDoc;
  } catch (err) {
    if (isDuplicateKey(err)) return null;
    throw err;
  }
}
