import "server-only";
import { RevisionClaimModel } from "./models/record";

/** A claim older than this whose write never happened belongs to a writer that died. */
export const CLAIM_LEASE_MS = 30_000;
// How long a losing writer waits for the winner to finish, so its conflict names the change.
const SETTLE_MS = 2_000;

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

async function waitForRelease(claimId: string): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  while (Date.now() < deadline && (await RevisionClaimModel.exists({ _id: claimId }))) await new Promise((r) => setTimeout(r, 25));
}

/**
 * Claims the right to turn revision `expected` of a document into `expected + 1`. Returns a
 * function that releases the claim once the write (and its audit event) is done, or null when
 * another writer holds it: the caller answers with a conflict, after the holder has finished so
 * that the conflict can say what changed.
 *
 * Why: FerretDB 1.x (SQLite) does not apply a filtered update atomically, so two
 * findOneAndUpdate calls filtered on the same revision can both succeed and one change is silently
 * lost (FerretDB/FerretDB#3040). Inserting a document with a given `_id` is atomic on FerretDB and
 * MongoDB alike, so the claim decides; the revision filter of the update stays as a second guard.
 * A writer that arrives after the claim is released finds the revision already moved and fails
 * that filter.
 */
export async function claimRevision(params: {
  entity: "record" | "template" | "user";
  id: string;
  expected: number;
  /** Reads the stored revision, to tell a dead holder from a live one. */
  currentRevision: () => Promise<number | null>;
}): Promise<(() => Promise<void>) | null> {
  const { entity, id, expected, currentRevision } = params;
  const claimId = `${entity}:${id}@${expected + 1}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const at = new Date();
    try {
      await RevisionClaimModel.create({ _id: claimId, entity, entityId: id, at });
      return async () => {
        await RevisionClaimModel.deleteOne({ _id: claimId, at });
      };
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
    const holder = await RevisionClaimModel.findById(claimId).lean();
    if (!holder) continue; // released just now: the revision has moved, the update filter decides
    if ((await currentRevision()) !== expected || Date.now() - holder.at.getTime() < CLAIM_LEASE_MS) break;
    // The holder died between claiming and writing: take its claim over.
    await RevisionClaimModel.deleteOne({ _id: claimId, at: holder.at });
  }
  await waitForRelease(claimId);
  return null;
}
