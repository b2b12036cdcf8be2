import "server-only";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/**
 * Legacy: where template migrations were kept before the job runner (lib/jobs) had the `jobs`
 * collection. Read at start-up by lib/migrations/convert-legacy-migrations.ts, which copies
 * each into `jobs` once (idempotently); nothing writes here any more. Kept so that a deployed
 * database upgrades in place.
 *
 * A key or type migration over every record of a template, processed in batches ordered by
 * `_id`. `lastId` is the resume point; `workerId` + `heartbeatAt` say who is processing it, so a
 * crashed worker's job can be taken over. `_id` is `<templateKey>@<toVersion>`: one migration
 * per published version, so starting it twice never runs it twice.
 */
const migrationSchema = new Schema(
  {
    _id: { type: String, required: true },
    templateKey: { type: String, required: true },
    fromVersion: { type: Number, required: true },
    toVersion: { type: Number, required: true },
    op: { type: Schema.Types.Mixed, required: true },
    note: { type: String, default: "" },
    status: { type: String, enum: ["pending", "running", "done", "failed"], required: true },
    total: { type: Number, default: 0 },
    processed: { type: Number, default: 0 },
    migrated: { type: Number, default: 0 },
    failed: { type: Number, default: 0 },
    failures: { type: [{ id: String, title: String, message: String, _id: false }], default: [] },
    retryIds: { type: [String], default: [] },
    lastId: { type: String, default: null },
    batchSize: { type: Number, default: 100 },
    workerId: { type: String, default: null },
    heartbeatAt: { type: Date, default: null },
    error: { type: String, default: null },
    startedBy: { type: String, required: true },
    startedByName: { type: String, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
  },
  { collection: "template_migrations", timestamps: true, versionKey: false, minimize: false },
);
migrationSchema.index({ templateKey: 1, startedAt: -1 });

export type TemplateMigrationDoc = InferSchemaType<typeof migrationSchema> & { updatedAt: Date };
export const TemplateMigrationModel: Model<TemplateMigrationDoc> =
  (mongoose.models.TemplateMigration as Model<TemplateMigrationDoc>) ??
  mongoose.model<TemplateMigrationDoc>("TemplateMigration", migrationSchema);
