import "server-only";
import { connectDb } from "../db/connect";
import { duplicateIndexes } from "../db/duplicate-inserts";
import { AuditEventModel } from "../db/models/audit-event";
import { toAuditDoc, type AuditInput } from "./write-audit-event";

/**
 * Appends many audit events in one insert, for batch writes (imports, seeding). An event whose id
 * is already stored was written by an earlier try of the same batch and is skipped. Unlike the
 * single writer this one throws on any other failure: a batch is retried as a whole (its writes
 * are idempotent), and a retry that writes the events late is better than records without them.
 */
export async function writeAuditEvents(inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await connectDb();
  const docs = inputs.map((input) => ({ _id: input.id, ...toAuditDoc(input) }));
  try {
    await AuditEventModel.collection.insertMany(docs as never[], { ordered: false });
  } catch (err) {
    duplicateIndexes(err);
  }
}
