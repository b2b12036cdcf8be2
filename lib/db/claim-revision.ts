import "server-only";
import { duplicateIndexes } from "./duplicate-inserts";
import { RevisionClaimModel } from "./models/record";

/** A claim older than this whose write never happened belongs to a writer that died. */
export const CLAIM_LEASE_MS = 30_000;
// How long a losing writer waits for the winner to finish, so its conflict names the change.
const SETTLE_MS = 2_000;

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;

type Entity = "record" | "template" | "user";
const claimIdOf = (entity: Entity, id: string, expected: number) => `${entity}:${id}@${expected + 1}`;
const claimDoc = (entity: Entity, id: string, expected: number, at: Date) => ({ _id: claimIdOf(entity, id, expected), entity, entityId: id, at });

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
  entity: Entity;
  id: string;
  expected: number;
  /** Reads the stored revision, to tell a dead holder from a live one. */
  currentRevision: () => Promise<number | null>;
}): Promise<(() => Promise<void>) | null> {
  const { entity, id, expected, currentRevision } = params;
  const claimId = claimIdOf(entity, id, expected);
  for (let attempt = 0; attempt < 3; attempt++) {
    const at = new Date();
    try {
      await RevisionClaimModel.create(claimDoc(entity, id, expected, at));
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

/**
 * claimRevision for many documents at once (a batch of writes): one insert. Returns the ids of the
 * documents claimed, and the release of given ones of them. A claim another writer holds is not
 * waited for or taken over here: the caller writes that document alone, through claimRevision.
 * `claimant` names a writer that runs once at a time (a job): claims an earlier try of it left (a
 * server killed mid-batch) are its own again at once, not held for the lease by a writer that is gone.
 */
export async function claimRevisions(entity: Entity, targets: { id: string; expected: number }[], claimant?: string): Promise<{ claimed: Set<string>; release(ids: string[]): Promise<void> }> {
  const at = new Date();
  const claimed = new Set(targets.map((t) => t.id));
  const by = claimant ? { by: claimant } : {};
  const held: string[] = [];
  if (targets.length) {
    try {
      await RevisionClaimModel.collection.insertMany(targets.map((t) => ({ ...claimDoc(entity, t.id, t.expected, at), ...by })) as never[], { ordered: false });
    } catch (err) {
      for (const i of duplicateIndexes(err)) {
        claimed.delete(targets[i].id);
        held.push(claimDoc(entity, targets[i].id, targets[i].expected, at)._id);
      }
    }
  }
  if (claimant && held.length) {
    await RevisionClaimModel.collection.updateMany({ _id: { $in: held }, by: claimant } as never, { $set: { at } });
    for (const c of await RevisionClaimModel.collection.find({ _id: { $in: held }, by: claimant, at } as never, { projection: { entityId: 1 } }).toArray()) claimed.add(String(c.entityId));
  }
  const expected = new Map(targets.map((t) => [t.id, t.expected]));
  return {
    claimed,
    async release(ids) {
      const mine = ids.filter((id) => claimed.has(id)).map((id) => claimIdOf(entity, id, expected.get(id)!));
      if (mine.length) await RevisionClaimModel.deleteMany({ _id: { $in: mine }, at });
    },
  };
}
