import "server-only";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";

const BATCH = 500;

/**
 * Gives records stored before `ownerName` existed their owner's name — their creator's, who owned
 * every record until transfers came — so that the list's 负责人 column and its sort read one field.
 * In batches, each update conditional on the name still missing (a transfer meanwhile wins);
 * idempotent, run at every start (a no-op once done). Returns how many records it named.
 */
export async function backfillOwnerNames(): Promise<number> {
  await connectDb();
  let named = 0;
  for (;;) {
    const docs = await RecordModel.find({ ownerName: null }, { _id: 1, createdByName: 1 }).limit(BATCH).lean();
    if (docs.length === 0) return named;
    // One conditional update at a time: an unordered bulk of them stalled the embedded database
    // after ~100 writes (seen with the reminder facts' backfill at 20,000 records).
    let modified = 0;
    for (const d of docs) modified += (await RecordModel.collection.updateOne({ _id: d._id, ownerName: null }, { $set: { ownerName: d.createdByName ?? "" } })).modifiedCount;
    named += modified;
    if (modified === 0) return named;
  }
}
