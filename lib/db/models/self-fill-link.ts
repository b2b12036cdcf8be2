import "server-only";
import mongoose, { Schema, type InferSchemaType, type Model } from "mongoose";

/**
 * A customer self-fill link (lib/self-fill). Only the SHA-256 of its token is kept (`tokenHash`,
 * unique), so a copy of the database opens no link. `recordId` is the record the link reaches —
 * for a new customer null until the first submission made the record. The sections are fixed when
 * the link is made; the link reaches nothing else.
 */
const selfFillLinkSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    templateKey: { type: String, required: true },
    recordId: { type: String, default: null },
    forNew: { type: Boolean, required: true },
    sections: { type: [String], required: true },
    once: { type: Boolean, required: true },
    expiresAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
    createdByName: { type: String, required: true },
    createdAt: { type: Date, required: true },
    openedAt: { type: Date, default: null },
    submittedAt: { type: Date, default: null },
    submissions: { type: Number, default: 0 },
    revokedAt: { type: Date, default: null },
    revokedBy: { type: String, default: null },
    // New-customer submissions held back because a unique value (e.g. 身份证号码) is another
    // record's: the fields' labels and when, for the agent to check with the customer. The
    // customer was answered like any submission; no record was made and the values are not kept.
    held: { type: [{ _id: false, fields: [String], at: Date }], default: undefined },
  },
  { collection: "self_fill_links", versionKey: false },
);
selfFillLinkSchema.index({ tokenHash: 1 }, { unique: true });
selfFillLinkSchema.index({ createdBy: 1, createdAt: -1 });
selfFillLinkSchema.index({ recordId: 1 });

export type SelfFillLinkDoc = InferSchemaType<typeof selfFillLinkSchema>;
export const SelfFillLinkModel: Model<SelfFillLinkDoc> =
  (mongoose.models.SelfFillLink as Model<SelfFillLinkDoc>) ?? mongoose.model<SelfFillLinkDoc>("SelfFillLink", selfFillLinkSchema);

/**
 * A customer's submission for an existing record, kept apart from the record: the changed fields
 * only (JSON pointer, the value at `baseRevision`, the proposed value). Staff accept fields one by
 * one or all (an ordinary edit through the records service) or reject it; the record never
 * changes without them.
 */
const selfFillProposalSchema = new Schema(
  {
    templateKey: { type: String, required: true },
    recordId: { type: String, required: true },
    linkId: { type: String, required: true },
    baseRevision: { type: Number, required: true },
    changes: { type: [Schema.Types.Mixed], required: true },
    accepted: { type: [String], default: [] },
    status: { type: String, enum: ["open", "accepted", "rejected"], required: true },
    createdAt: { type: Date, required: true },
    closedAt: { type: Date, default: null },
    closedBy: { type: String, default: null },
    closedByName: { type: String, default: null },
  },
  { collection: "self_fill_proposals", versionKey: false },
);
selfFillProposalSchema.index({ recordId: 1, status: 1 });

export type SelfFillProposalDoc = InferSchemaType<typeof selfFillProposalSchema>;
export const SelfFillProposalModel: Model<SelfFillProposalDoc> =
  (mongoose.models.SelfFillProposal as Model<SelfFillProposalDoc>) ??
  mongoose.model<SelfFillProposalDoc>("SelfFillProposal", selfFillProposalSchema);

/**
 * One submission of a self-fill page, claimed before anything is stored: the page sends an id it
 * made when the form loaded, so a double click or a retry of the same page finds the first claim
 * and answers its outcome instead of storing a second record or proposal. `_id` is
 * "<linkId>:<submissionId>" — unique from the first insert, before any index is built — and the
 * pair is indexed as well. A claim whose submission failed is removed, so a corrected retry may go.
 */
const selfFillSubmissionSchema = new Schema(
  {
    _id: { type: String, required: true },
    linkId: { type: String, required: true },
    submissionId: { type: String, required: true },
    /** null while the first submission is being stored; then what it did. */
    outcome: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: "self_fill_submissions", versionKey: false },
);
selfFillSubmissionSchema.index({ linkId: 1, submissionId: 1 }, { unique: true });

export type SelfFillSubmissionDoc = InferSchemaType<typeof selfFillSubmissionSchema>;
export const SelfFillSubmissionModel: Model<SelfFillSubmissionDoc> =
  (mongoose.models.SelfFillSubmission as Model<SelfFillSubmissionDoc>) ??
  mongoose.model<SelfFillSubmissionDoc>("SelfFillSubmission", selfFillSubmissionSchema);
