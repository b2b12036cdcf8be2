import "server-only";
import type { RecordDoc } from "../db/models/record";
import { maskData } from "../schema/mask";
import type { JsonSchema } from "../schema/types";
import type { RecordView } from "./types";

/** Maps a record document to its view, masking personal data unless `reveal` is set. */
export function toRecordView(doc: RecordDoc & { _id: unknown }, schema: JsonSchema, reveal: boolean): RecordView {
  const data = (doc.data ?? {}) as Record<string, unknown>;
  return {
    id: String(doc._id),
    templateKey: doc.templateKey,
    templateVersion: doc.templateVersion,
    data: reveal ? data : (maskData(schema, data) as Record<string, unknown>),
    revision: doc.revision,
    verification: (doc.verification as RecordView["verification"]) ?? "unverified",
    ownerId: doc.ownerId,
    createdBy: { id: doc.createdBy, name: doc.createdByName },
    updatedBy: { id: doc.updatedBy, name: doc.updatedByName },
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    deletedAt: doc.deletedAt ? doc.deletedAt.toISOString() : null,
    deletedBy: doc.deletedBy ? { id: doc.deletedBy, name: doc.deletedByName ?? "" } : null,
    masked: !reveal,
  };
}
