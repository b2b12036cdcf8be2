import "server-only";
import { roleCan, type Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { SelfFillLinkModel, type SelfFillLinkDoc } from "../db/models/self-fill-link";
import { UserModel } from "../db/models/user";
import { recordsFilter } from "../records/records-filter";
import type { StoredRecord } from "../records/write/record-operation";
import { selfFillCandidates } from "../schema/self-fill";
import type { Role } from "../shared/role";
import { getPublishedTemplate } from "../templates/get-published-template";
import type { PublishedTemplate } from "../templates/types";
import { isLinkUsable } from "./link-state";
import { hashBearerToken, isBearerToken } from "../shared/bearer-token";
import { resolveScope } from "../records/resolve-scope";

/** A usable link with what it reaches: the agent it acts for, the template, its record, its sections. */
export interface ResolvedLink {
  link: SelfFillLinkDoc & { _id: unknown };
  /** The agent who made the link, as the actor of the customer's submission (kind "link"). */
  agent: Actor;
  template: PublishedTemplate;
  /** The record the link reaches; null for a new customer not yet submitted. */
  record: StoredRecord | null;
  /** The offered sections the template still has. */
  sections: string[];
}

/**
 * The link a token opens, or null — for a made-up token, an expired, revoked or used one, one
 * whose agent was deactivated or may no longer write, or whose record is gone alike, so that a
 * visitor learns nothing about which it was or whether a record exists.
 */
export async function resolveLink(token: unknown, now = new Date()): Promise<ResolvedLink | null> {
  if (!isBearerToken(token)) return null;
  await connectDb();
  const link = await SelfFillLinkModel.findOne({ tokenHash: hashBearerToken(token) }).lean();
  if (!link || !isLinkUsable({ ...link, openedAt: link.openedAt ?? null, submittedAt: link.submittedAt ?? null, revokedAt: link.revokedAt ?? null }, now)) return null;
  const user = await UserModel.findById(link.createdBy).lean();
  if (!user || !user.active) return null;
  const agent: Actor = { id: String(user._id), name: user.name, email: user.email, role: user.role as Role, kind: "link" };
  if (!roleCan(agent.role, link.recordId ? "record.update" : "record.create")) return null;
  const template = await getPublishedTemplate(agent, link.templateKey).catch(() => null);
  if (!template || (!link.recordId && template.archived)) return null;
  let record: StoredRecord | null = null;
  if (link.recordId) {
    record = await RecordModel.findOne({ _id: link.recordId, ...recordsFilter({ actor: agent, templateKey: link.templateKey, trash: "live", scope: await resolveScope(agent, template) }) }).lean();
    if (!record) return null;
  }
  const candidates = selfFillCandidates(template.content.schema);
  const sections = link.sections.filter((s) => candidates.includes(s));
  if (sections.length === 0) return null;
  return { link, agent, template, record, sections };
}
