import { SelfFillLinkModel, SelfFillProposalModel, SelfFillSubmissionModel } from "@/lib/db/models/self-fill-link";
import type { Cleanup } from "./fixtures";

/** Removes the self-fill links the test's users made, with their proposals and claimed submissions, then runs the cleanup. */
export async function cleanSelfFill(cleanup: Cleanup): Promise<void> {
  const links = (await SelfFillLinkModel.find({ createdBy: { $in: cleanup.users } }, { _id: 1 }).lean()).map((l) => String(l._id));
  await SelfFillProposalModel.deleteMany({ linkId: { $in: links } });
  await SelfFillSubmissionModel.deleteMany({ linkId: { $in: links } });
  await SelfFillLinkModel.deleteMany({ createdBy: { $in: cleanup.users } });
  await cleanup.run();
}
