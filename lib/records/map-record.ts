import "server-only";
import type { RecordDoc } from "../db/models/record";
import type { Actor } from "../auth/roles";
import { clearPiiKinds, maskRecordData } from "./record-masking";
import type { JsonSchema } from "../schema/types";
import type { RecordView, ReviewView } from "./types";

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** The verification details a record view carries; who may not verify it stays on the server. */
export function toReviewView(review: RecordDoc["review"]): ReviewView | null {
  if (!review) return null;
  return {
    since: iso(review.since),
    verifiedBy: review.verifiedBy ? { id: review.verifiedBy, name: review.verifiedByName ?? "" } : null,
    verifiedAt: iso(review.verifiedAt),
    verifiedRevision: review.verifiedRevision ?? null,
    returnedBy: review.returnedBy ? { id: review.returnedBy, name: review.returnedByName ?? "" } : null,
    returnedAt: iso(review.returnedAt),
    returnReason: review.returnReason ?? null,
  };
}

/**
 * Maps a record document to its view for `reader`, masking personal data unless `reveal` is set
 * — except what the reader sees in full on their own records (lib/records/record-masking.ts).
 */
export function toRecordView(doc: RecordDoc & { _id: unknown }, schema: JsonSchema, reveal: boolean, reader: Actor | null): RecordView {
  const data = (doc.data ?? {}) as Record<string, unknown>;
  return {
    id: String(doc._id),
    templateKey: doc.templateKey,
    templateVersion: doc.templateVersion,
    data: reveal ? data : (maskRecordData(schema, data, reader, doc.ownerId) as Record<string, unknown>),
    revision: doc.revision,
    verification: (doc.verification as RecordView["verification"]) ?? "unverified",
    review: toReviewView(doc.review),
    incomplete: (doc.incomplete ?? []).map((k) => schema.properties?.[k]?.title ?? k),
    ownerId: doc.ownerId,
    createdBy: { id: doc.createdBy, name: doc.createdByName },
    updatedBy: { id: doc.updatedBy, name: doc.updatedByName },
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    deletedAt: doc.deletedAt ? doc.deletedAt.toISOString() : null,
    deletedBy: doc.deletedBy ? { id: doc.deletedBy, name: doc.deletedByName ?? "" } : null,
    masked: !reveal,
    clearPii: reveal ? [] : clearPiiKinds(reader, doc.ownerId),
  };
}
