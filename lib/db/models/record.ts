import "server-only";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/**
 * Where a record stands in verification (双重验证) besides its state: since when it waits, who
 * changed its data since the last verification (none of them may verify it), and the last
 * verification and return.
 */
const reviewSchema = new Schema(
  {
    since: { type: Date, default: null },
    touchedBy: { type: [String], default: [] },
    verifiedBy: { type: String, default: null },
    verifiedByName: { type: String, default: null },
    verifiedAt: { type: Date, default: null },
    /** The revision whose data was verified: the reviewer's diff starts after it. */
    verifiedRevision: { type: Number, default: null },
    returnedBy: { type: String, default: null },
    returnedByName: { type: String, default: null },
    returnedAt: { type: Date, default: null },
    returnReason: { type: String, default: null },
  },
  { _id: false },
);

/** One collection for the records of every template; `data` is what the template's schema describes. */
const recordSchema = new Schema(
  {
    templateKey: { type: String, required: true },
    templateVersion: { type: Number, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    ownerId: { type: String, required: true },
    // The owner's name as the list's 负责人 column shows and sorts it (set at creation and by a
    // transfer; records from before it have none until the start-up backfill gives them their creator's).
    ownerName: { type: String, default: null },
    createdBy: { type: String, required: true },
    createdByName: { type: String, required: true },
    updatedBy: { type: String, required: true },
    updatedByName: { type: String, required: true },
    revision: { type: Number, required: true, default: 1 },
    verification: { type: String, enum: ["unverified", "pending", "verified", "returned"], default: "unverified" },
    // Maker-checker details (lib/verification); absent on records that never entered it.
    review: { type: reviewSchema, default: undefined },
    // Required sections the record still lacks (a new customer's self-fill offers only some of
    // them): set and cleared by the write pipeline (lib/records/write/completeness-hook.ts).
    incomplete: { type: [String], default: undefined },
    // The reminder rules' per-record dates (lib/schema/reminder-facts.ts), written with the data by
    // the write pipeline; absent on records from before them until the backfill.
    facts: { type: Schema.Types.Mixed, default: undefined },
    // The searchable values, flat (lib/records/search-text.ts), written with the data by the write
    // pipeline; absent on records from before it until the backfill (the search asks those the old way).
    search: { type: Schema.Types.Mixed, default: undefined },
    // The audit event of the revision this document holds, as stored in audit_events, written in the
    // same update as the change it describes (lib/records/write/record-events.ts): a server killed
    // before the event's own insert leaves it here for the next write or the start-up recovery.
    // Set by updates only (a create's event is derived from the record); replaced by the next update.
    lastAudit: { type: Schema.Types.Mixed, default: undefined },
    deletedAt: { type: Date, default: null },
    deletedBy: { type: String, default: null },
    deletedByName: { type: String, default: null },
  },
  { collection: "records", timestamps: true, minimize: false, versionKey: false },
);
// The list indexes follow the published templates: lib/records/record-indexes.ts.

export type RecordDoc = InferSchemaType<typeof recordSchema> & { createdAt: Date; updatedAt: Date };
export const RecordModel: Model<RecordDoc> =
  (mongoose.models.Record as Model<RecordDoc>) ?? mongoose.model<RecordDoc>("Record", recordSchema);

/**
 * Claims on values of `x-unique` fields. The `_id` is the claim, so the database's own uniqueness
 * of `_id` decides races between two writers without a transaction.
 */
const uniqueClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    recordId: { type: String, required: true },
    templateKey: { type: String, required: true },
    // When it was claimed: a claim is young while its writer is still storing the record.
    at: { type: Date, default: null },
  },
  { collection: "unique_claims", versionKey: false },
);
uniqueClaimSchema.index({ recordId: 1 });

export type UniqueClaimDoc = InferSchemaType<typeof uniqueClaimSchema>;
export const UniqueClaimModel: Model<UniqueClaimDoc> =
  (mongoose.models.UniqueClaim as Model<UniqueClaimDoc>) ?? mongoose.model<UniqueClaimDoc>("UniqueClaim", uniqueClaimSchema);

/**
 * Claims on the next revision of a record, template or user (`<entity>:<id>@<revision>`): only the
 * writer that inserts the claim may write that revision. Removed once the write is done (see
 * lib/db/claim-revision.ts).
 */
const revisionClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    entity: { type: String, required: true },
    entityId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: "revision_claims", versionKey: false },
);

export type RevisionClaimDoc = InferSchemaType<typeof revisionClaimSchema>;
export const RevisionClaimModel: Model<RevisionClaimDoc> =
  (mongoose.models.RevisionClaim as Model<RevisionClaimDoc>) ?? mongoose.model<RevisionClaimDoc>("RevisionClaim", revisionClaimSchema);
