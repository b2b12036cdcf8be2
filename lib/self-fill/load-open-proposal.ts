import "server-only";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { SelfFillProposalModel } from "../db/models/self-fill-link";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import { recordsFilter } from "../records/records-filter";
import { resolveScope } from "../records/resolve-scope";
import { getPublishedTemplate } from "../templates/get-published-template";

/**
 * An open proposal whose record the actor may read and write, for accept, reject and the reveal
 * of a proposed value: the record is loaded through the records' base filter with the actor's
 * data scope, so a proposal on a record outside the scope answers like a made-up id (404, the
 * same for every caller) and nothing about it changes.
 */
export async function loadOpenProposal(actor: Actor, proposalId: string, templateKey: string, locale: Locale) {
  const notFound = () => new DomainError("NOT_FOUND", msg("selfFill.proposalNotFound"), { locale });
  if (!/^[a-f0-9]{24}$/.test(proposalId)) throw notFound();
  const template = await getPublishedTemplate(actor, templateKey);
  await connectDb();
  const proposal = await SelfFillProposalModel.findOne({ _id: proposalId, templateKey, status: "open" }).lean();
  if (!proposal) throw notFound();
  const reachable = await RecordModel.exists({ _id: proposal.recordId, ...recordsFilter({ actor, templateKey, trash: "live", scope: await resolveScope(actor, template) }) });
  if (!reachable) throw notFound();
  return { proposal, template };
}
