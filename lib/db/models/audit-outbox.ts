import "server-only";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/**
 * New records whose creation events may not be stored yet: written just before the records, removed
 * once their events are (lib/records/write/record-events.ts). Only the creates in flight — and those
 * of a server killed in between — are here, so the collection stays a handful of documents and is
 * read whole, without an index. A batch's events are derived from its records (the changes from
 * nothing to the record's data): the document holds what they share, not a copy of the records.
 */
const auditOutboxSchema = new Schema(
  {
    _id: { type: String, required: true },
    recordIds: { type: [String], required: true },
    at: { type: Date, required: true },
    // A single create: its event as stored (an operation may give its own changes).
    event: { type: Schema.Types.Mixed, default: undefined },
    // A batch: what its creation events share ({ templateKey, actor: { id, name, role }, meta, locale }).
    batch: { type: Schema.Types.Mixed, default: undefined },
  },
  { collection: "audit_outbox", versionKey: false, minimize: false },
);

export type AuditOutboxDoc = InferSchemaType<typeof auditOutboxSchema>;
export const AuditOutboxModel: Model<AuditOutboxDoc> =
  (mongoose.models.AuditOutbox as Model<AuditOutboxDoc>) ?? mongoose.model<AuditOutboxDoc>("AuditOutbox", auditOutboxSchema);
