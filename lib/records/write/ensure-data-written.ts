import "server-only";
import { RecordModel, type RecordDoc } from "../../db/models/record";
import { deepEqual } from "../../template-model/json";
import { log } from "../../log/log";

type Stored = RecordDoc & { _id: unknown };

/**
 * Makes sure a record write stored `data` exactly. FerretDB 1.24 skips a `$set` of a
 * sub-document whose values equal the stored ones position by position even when the keys
 * differ (a renamed key, a value moved to the next field) and keeps the old data without an
 * error. When the written document does not hold `data`, it is replaced as a whole — still
 * conditioned on the revision just written, so nothing written since is overwritten. On MongoDB
 * the check always passes and nothing more is written.
 */
export async function ensureDataWritten<T extends Stored | null>(written: T, data: Record<string, unknown>): Promise<T> {
  if (!written || deepEqual(written.data, data)) return written;
  const fixed = { ...written, data };
  const done = await RecordModel.replaceOne({ _id: written._id, revision: written.revision, templateVersion: written.templateVersion }, fixed, { timestamps: false });
  if (done.matchedCount !== 1) log.error("records", `${String(written._id)}: data could not be written exactly (changed meanwhile)`);
  return fixed as T;
}
