import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import { roleCan, type Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { SelfFillLinkModel } from "../db/models/self-fill-link";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { assertStaff } from "./create-self-fill-link";
import { toLinkView, type LinkView } from "./link-view";

/**
 * Revokes a self-fill link: it answers like an unknown one from now on. Its maker may, and
 * administrators; revoking a revoked link changes nothing. Audited.
 */
export async function revokeSelfFillLink(params: { actor: Actor | null; linkId: string }): Promise<LinkView> {
  const { actor, linkId } = params;
  assertStaff(actor);
  assertCan(actor, "record.read");
  if (!/^[a-f0-9]{24}$/.test(linkId)) throw new DomainError("NOT_FOUND", msg("selfFill.linkNotFound"));
  await connectDb();
  const doc = await SelfFillLinkModel.findById(linkId).lean();
  if (!doc) throw new DomainError("NOT_FOUND", msg("selfFill.linkNotFound"));
  if (doc.createdBy !== actor.id && !roleCan(actor.role, "user.manage")) throw new DomainError("FORBIDDEN", msg("selfFill.notYourLink"));
  if (doc.revokedAt) return toLinkView(doc);
  const at = new Date();
  const updated = await SelfFillLinkModel.findOneAndUpdate({ _id: linkId, revokedAt: null }, { $set: { revokedAt: at, revokedBy: actor.id } }, { returnDocument: "after" }).lean();
  await writeAuditEvent({
    id: `selffill:${linkId}:revoke`,
    actor,
    action: "selfFill.revoke",
    entity: doc.recordId ? "record" : "user",
    entityId: doc.recordId ?? doc.createdBy,
    templateKey: doc.templateKey,
    meta: { linkId },
    at,
  });
  return toLinkView(updated ?? doc);
}
