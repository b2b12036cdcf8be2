import "server-only";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/**
 * Who did what to which record, template or user, and when; record changes carry a field-level
 * diff, stored as one JSON string (older events hold an array): read it with `auditChanges`. The `_id` is derived from the change (e.g. `record:<id>:<revision>`), so writing the event
 * again after a retry never duplicates it.
 */
const auditEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actorId: { type: String, required: true },
    actorName: { type: String, required: true },
    actorRole: { type: String, required: true },
    action: { type: String, required: true },
    entity: { type: String, enum: ["record", "template", "user", "team", "system"], required: true },
    entityId: { type: String, required: true },
    templateKey: { type: String, default: null },
    revision: { type: Number, default: null },
    // A JSON string of FieldChange[] since benchmarks run 27, an array before: Mixed loads both.
    changes: { type: Schema.Types.Mixed, default: undefined },
    meta: { type: Schema.Types.Mixed, default: undefined },
  },
  { collection: "audit_events", versionKey: false, minimize: false },
);
auditEventSchema.index({ entity: 1, entityId: 1, at: -1 });
auditEventSchema.index({ at: -1 });

export type AuditEventDoc = InferSchemaType<typeof auditEventSchema>;
export const AuditEventModel: Model<AuditEventDoc> =
  (mongoose.models.AuditEvent as Model<AuditEventDoc>) ?? mongoose.model<AuditEventDoc>("AuditEvent", auditEventSchema);
