import "server-only";
import { RecordModel, type RecordDoc } from "../../db/models/record";
import { deepEqual } from "../../template-model/json";
import { log } from "../../log/log";

type Stored = RecordDoc & { _id: unknown };

/**
 * Makes sure a record write stored `data` — and the fields the write hooks set beside it (`set`:
 * reminder facts, completeness, verification) — exactly. FerretDB 1.24 skips a `$set` of a
 * sub-document whose values equal the stored ones position by position even when the keys
 * differ (a renamed key, a value moved to the next field; a reminder fact moved to another rule's
 * slot) and keeps the old value without an error. When the written document does not hold them,
 * it is replaced as a whole — still conditioned on the revision just written, so nothing written
 * since is overwritten. On MongoDB the check always passes and nothing more is written.
 */
export async function ensureDataWritten<T extends Stored | null>(written: T, data: Record<string, unknown>, set: Record<string, unknown> = {}): Promise<T> {
  if (!written) return written;
  const stored = written as unknown as Record<string, unknown>;
  const off = Object.entries(set).filter(([k, v]) => v !== undefined && !deepEqual(stored[k], v));
  if (deepEqual(written.data, data) && off.length === 0) return written;
  const fixed = { ...written, ...Object.fromEntries(off), data };
  const done = await RecordModel.replaceOne({ _id: written._id, revision: written.revision, templateVersion: written.templateVersion }, fixed, { timestamps: false });
  if (done.matchedCount !== 1) log.error("records", `${String(written._id)}: data could not be written exactly (changed meanwhile)`);
  return fixed as T;
}
