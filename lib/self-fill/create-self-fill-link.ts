import "server-only";
import { Types } from "mongoose";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { RecordModel } from "../db/models/record";
import { SelfFillLinkModel } from "../db/models/self-fill-link";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import { assertRecordId } from "../records/check-record-data";
import { recordsFilter } from "../records/records-filter";
import { assertTakesNewRecords } from "../records/write/new-record";
import { selfFillCandidates, selfFillOf } from "../schema/self-fill";
import { getPublishedTemplate } from "../templates/get-published-template";
import { toLinkView, type LinkView } from "./link-view";
import { hashBearerToken, newBearerToken } from "../shared/bearer-token";
import { resolveScope } from "../records/resolve-scope";

const DAY = 86_400_000;

/** Refuses a customer acting through a link: links are made and managed by signed-in staff only. */
export function assertStaff(actor: Actor | null): asserts actor is Actor {
  if (actor?.kind === "link") throw new DomainError("FORBIDDEN", msg("selfFill.linkActorCannot"));
}

/**
 * Makes a self-fill link (客户自填) for a new customer (no `recordId`: whoever may create records)
 * or for an existing record (whoever may edit it). The sections default to the template's
 * self-fill settings; expiry 1–30 days (7 by default); use once or until expiry. The token is
 * returned here only — the database keeps its SHA-256 — and the making is audited.
 */
export async function createSelfFillLink(params: {
  actor: Actor | null;
  templateKey: string;
  recordId?: string | null;
  sections?: string[];
  expiresInDays?: number;
  once?: boolean;
  locale?: Locale;
}): Promise<{ token: string; link: LinkView }> {
  const { actor, templateKey, recordId = null, expiresInDays = 7, once = true, locale = "zh" } = params;
  assertStaff(actor);
  assertCan(actor, recordId ? "record.update" : "record.create");
  if (recordId !== null) assertRecordId(recordId);
  if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 30) throw new DomainError("BAD_REQUEST", msg("selfFill.badExpiry"), { locale });
  const template = await getPublishedTemplate(actor, templateKey);
  if (recordId === null) assertTakesNewRecords(template, locale);
  const candidates = selfFillCandidates(template.content.schema);
  const sections = [...new Set(params.sections ?? selfFillOf(template.content).sections)];
  if (sections.length === 0) throw new DomainError("BAD_REQUEST", msg("selfFill.noSections"), { locale });
  const wrong = sections.find((s) => !candidates.includes(s));
  if (wrong) throw new DomainError("BAD_REQUEST", msg("selfFill.unknownSection", { name: wrong.slice(0, 64) }), { locale });
  await connectDb();
  if (recordId !== null) {
    const found = await RecordModel.exists({ _id: recordId, ...recordsFilter({ actor, templateKey, trash: "live", scope: await resolveScope(actor, template) }) });
    if (!found) throw new DomainError("NOT_FOUND", msg("records.notFound"), { locale });
  }
  const token = newBearerToken();
  const createdAt = new Date();
  const doc = {
    _id: new Types.ObjectId(),
    tokenHash: hashBearerToken(token),
    templateKey,
    recordId,
    forNew: recordId === null,
    sections,
    once,
    expiresAt: new Date(createdAt.getTime() + expiresInDays * DAY),
    createdBy: actor.id,
    createdByName: actor.name,
    createdAt,
    openedAt: null,
    submittedAt: null,
    submissions: 0,
    revokedAt: null,
    revokedBy: null,
  };
  await SelfFillLinkModel.collection.insertOne(doc as never);
  await writeAuditEvent({
    id: `selffill:${doc._id}:create`,
    actor,
    action: "selfFill.create",
    entity: recordId ? "record" : "user",
    entityId: recordId ?? actor.id,
    templateKey,
    meta: { linkId: String(doc._id), sections, once, expiresAt: doc.expiresAt.toISOString() },
    at: createdAt,
  });
  return { token, link: toLinkView(doc, createdAt) };
}
