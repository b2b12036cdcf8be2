import "server-only";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/**
 * Long work done in batches by the job runner (lib/jobs): template migrations today, imports,
 * exports, backups and restores next. `_id` is `<kind>:<id of the kind's choosing>`, so starting
 * the same work twice finds the same job. `cursor` is where the next batch starts and `state`
 * the kind's own tallies, both saved after every batch: a job resumes where it stopped after a
 * crash or a restart. `workerId` + `heartbeatAt` say who is processing it, so a dead worker's
 * job can be taken over.
 */
const jobSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    // The template the job works on, when it has one (its migrations, imports and exports are listed with it).
    templateKey: { type: String, default: null },
    status: { type: String, enum: ["pending", "running", "done", "failed", "cancelled"], required: true },
    params: { type: Schema.Types.Mixed, default: {} },
    progress: {
      type: { done: { type: Number, default: 0 }, total: { type: Number, default: 0 }, rate: { type: Number, default: 0 } },
      default: () => ({ done: 0, total: 0, rate: 0 }),
      _id: false,
    },
    cursor: { type: Schema.Types.Mixed, default: null },
    state: { type: Schema.Types.Mixed, default: {} },
    batchSize: { type: Number, default: 100 },
    workerId: { type: String, default: null },
    heartbeatAt: { type: Date, default: null },
    // Who has paused the job between two batches (a backup reading the database: lib/jobs/job-pause.ts).
    pausedBy: { type: String, default: null },
    error: { type: String, default: null },
    createdBy: { type: String, required: true },
    createdByName: { type: String, required: true },
    cancelRequestedAt: { type: Date, default: null },
    cancelRequestedBy: { type: String, default: null },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
  },
  { collection: "jobs", timestamps: true, versionKey: false, minimize: false },
);
jobSchema.index({ kind: 1, templateKey: 1, startedAt: -1 });
jobSchema.index({ status: 1 });

export type JobDoc = InferSchemaType<typeof jobSchema> & { _id: string; createdAt: Date; updatedAt: Date };
export const JobModel: Model<JobDoc> = (mongoose.models.Job as Model<JobDoc>) ?? mongoose.model<JobDoc>("Job", jobSchema);
