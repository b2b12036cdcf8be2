import "server-only";
import { isDuplicateKey } from "../db/duplicate-inserts";
import { SelfFillLinkModel, SelfFillSubmissionModel } from "../db/models/self-fill-link";
import { hashBearerToken, isBearerToken } from "../shared/bearer-token";

/** How long a repeated submission waits for the first one's outcome before answering "in progress". */
const WAIT_MS = 5000;
const POLL_MS = 100;

/** What claiming a page's submission gives: go ahead (and report the outcome), or the first one's outcome. */
export type SubmissionClaim = { first: true; done(outcome: string): Promise<void>; release(): Promise<void> } | { first: false; outcome: string | null };

/**
 * Claims one submission of a self-fill page (`submissionId`, made by the page when the form
 * loaded) before anything is stored. The first claim goes ahead; the same id again — a double
 * click, a retry after a lost answer — waits for the first one's outcome and answers it (null:
 * still in progress after a few seconds). A first submission that failed releases its claim, so
 * the same id may then go ahead.
 */
export async function claimSubmission(linkId: string, submissionId: string): Promise<SubmissionClaim> {
  const _id = `${linkId}:${submissionId}`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      await SelfFillSubmissionModel.collection.insertOne({ _id, linkId, submissionId, outcome: null, createdAt: new Date() } as never);
      return {
        first: true,
        done: async (outcome) => void (await SelfFillSubmissionModel.updateOne({ _id }, { $set: { outcome } })),
        release: async () => void (await SelfFillSubmissionModel.deleteOne({ _id, outcome: null })),
      };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // Someone claimed it: wait for its outcome; if its claim goes (it failed), try to claim again.
    for (;;) {
      const seen = await SelfFillSubmissionModel.findById(_id, { outcome: 1 }).lean();
      if (!seen) break;
      if (seen.outcome) return { first: false, outcome: seen.outcome };
      if (Date.now() > deadline) return { first: false, outcome: null };
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
}

/**
 * True when this page's submission (its id in `body`) was stored through this token's link
 * before — a retry after a lost answer on a link now used up — so it is answered like the first
 * time. Only whoever made the submission knows its id.
 */
export async function answeredBefore(token: unknown, body: unknown): Promise<boolean> {
  const submissionId = (body as { submissionId?: unknown } | null)?.submissionId;
  if (!isBearerToken(token) || typeof submissionId !== "string" || !/^[A-Za-z0-9_-]{16,64}$/.test(submissionId)) return false;
  const link = await SelfFillLinkModel.findOne({ tokenHash: hashBearerToken(token) }, { _id: 1 }).lean();
  if (!link) return false;
  return !!(await SelfFillSubmissionModel.exists({ _id: `${String(link._id)}:${submissionId}`, outcome: { $ne: null } }));
}
