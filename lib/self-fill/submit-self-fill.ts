import "server-only";
import { Types } from "mongoose";
import { z } from "zod";
import { writeAuditEvent } from "../audit/write-audit-event";
import { SelfFillLinkModel, SelfFillProposalModel } from "../db/models/self-fill-link";
import { DomainError, type FieldError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg, translate } from "../i18n/messages";
import { assertRecordInput } from "../records/check-record-data";
import { diffStored } from "../records/diff";
import { assertTakesNewRecords } from "../records/write/new-record";
import { writeRecord } from "../records/write/write-record";
import { selfFillOf } from "../schema/self-fill";
import { prepareData, validateData } from "../schema/validate";
import { currentShape } from "../templates/upgrade-record-data";
import { parseInput } from "../validation/parse-input";
import { narrowSchema, relaxedSchema, unknownFields } from "./narrow-schema";
import { answeredBefore, claimSubmission } from "./claim-submission";
import { keepStoredPii } from "./prefill";
import { resolveLink, type ResolvedLink } from "./resolve-link";

/** The largest self-fill submission read: a customer's few sections, far below the API's 2 MB. */
export const SELF_FILL_MAX_BYTES = 256 * 1024;

/** A submission's body: the offered sections' data and the consent; nothing else (no record id: the link decides). */
const submissionInput = z
  .object({
    data: z.record(z.string(), z.unknown()),
    consent: z.boolean().optional(),
    /** Made by the page when the form loaded: the same page sent twice is stored once (claimSubmission). */
    submissionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional(),
  })
  .strict();

/** The one answer for every link that cannot be used. */
export function unavailable(locale: Locale = "zh"): DomainError {
  return new DomainError("NOT_FOUND", msg("selfFill.unavailable"), { locale });
}

/**
 * Takes a customer's submission through a self-fill link (public). It never changes a record
 * directly: for a new customer it creates a record owned by the link's agent, written by the
 * records pipeline with an actor of kind "link" (validated, audited, waiting for 核对); for an
 * existing record it stores a proposal — the changed fields only, against the revision read —
 * for staff to accept. Refused, with nothing stored: any link that cannot be used (one answer for
 * all), other keys than `data` and `consent`, other sections or unknown fields, a missing consent
 * where the template asks for one, and data the template's rules for those sections refuse.
 */
export async function submitSelfFill(params: { token: string; body: unknown; ip: string; locale?: Locale }): Promise<{ ok: true }> {
  const { token, body, ip, locale = "zh" } = params;
  const resolved = await resolveLink(token);
  if (!resolved) {
    if (await answeredBefore(token, body)) return { ok: true };
    throw unavailable(locale);
  }
  const { link, template, sections, record } = resolved;
  const input = parseInput(submissionInput, body);
  assertRecordInput(input.data, locale);
  if (Object.keys(input.data).some((k) => !sections.includes(k))) throw new DomainError("BAD_REQUEST", msg("selfFill.otherSections"), { locale });
  const narrowed = narrowSchema(template.content.schema, sections);
  const unknown = unknownFields(narrowed, input.data);
  if (unknown.length) throw new DomainError("BAD_REQUEST", msg("selfFill.unknownFields"), { locale, details: { fields: unknown.slice(0, 20) } });
  if (selfFillOf(template.content).consent && input.consent !== true) throw new DomainError("BAD_REQUEST", msg("selfFill.consentRequired"), { locale });

  const stored = record ? await currentShape(record, template.version) : {};
  const data = prepareData(narrowed, keepStoredPii(narrowed, stored, input.data));
  // A birth date or gender that disagrees with the stored ID number the customer left blank must not
  // be answered with the value the ID gives (that narrows the masked ID to a few guesses): the
  // public page says only that they disagree.
  // A new customer's record is held to the whole published schema but for the presence of the
  // sections the link did not offer (relaxedSchema): it is stored as it is, marked 待补全.
  const rules = record ? narrowed : relaxedSchema(template.content.schema, sections);
  const errors = validateData(rules, data, locale).map((e) => (e.keyword === "x-idDerive" ? { ...e, message: translate(locale, "selfFill.derivedMismatch") } : e));
  if (errors.length) throw new DomainError("VALIDATION", msg("records.fieldsNeedAttention", { n: errors.length }), { fieldErrors: errors, locale });

  // The same page sent twice (a double click, a retry) is stored once: the first claim goes ahead,
  // a repeat answers the first one's outcome.
  const page = input.submissionId ? await claimSubmission(String(link._id), input.submissionId) : null;
  if (page && !page.first) {
    if (page.outcome === null) throw new DomainError("CONFLICT", msg("selfFill.submissionInProgress"), { locale });
    return { ok: true };
  }
  // The use is claimed before anything is stored, so a use-once link is used once even when two
  // submissions race; a submission that then fails gives the claim back.
  const claimed = await claimUse(resolved);
  if (!claimed) {
    await page?.release();
    throw unavailable(locale);
  }
  let storedAs: string | null = null;
  try {
    const sent = Object.keys(input.data);
    const outcome = record ? await propose(resolved, stored, data, sent) : await createFromLink(resolved, data, locale);
    // From here the submission is stored: a failure later (the audit, the page's claim) must not
    // give the use back nor free the claim, or a retry would store it a second time.
    storedAs = outcome.kind;
    await page?.done(outcome.kind);
    await writeAuditEvent({
      id: `selffill:${String(link._id)}:submit:${claimed.getTime()}`,
      actor: resolved.agent,
      action: "selfFill.submit",
      entity: outcome.recordId ? "record" : "user",
      entityId: outcome.recordId ?? resolved.agent.id,
      templateKey: template.key,
      meta: { linkId: String(link._id), via: "link", ip, outcome: outcome.kind, ...(outcome.proposalId ? { proposalId: outcome.proposalId, fields: outcome.fields } : {}) },
      at: claimed,
    });
    return { ok: true };
  } catch (err) {
    if (storedAs !== null) throw err;
    await SelfFillLinkModel.updateOne({ _id: link._id, submittedAt: claimed }, { $set: { submittedAt: link.submittedAt ?? null }, $inc: { submissions: -1 } });
    await page?.release();
    throw err;
  }
}

/** Marks the link submitted if it still may be (not revoked, not expired, a use-once link not used); the time of the claim, or null. */
async function claimUse({ link }: ResolvedLink): Promise<Date | null> {
  const now = new Date();
  const filter: Record<string, unknown> = { _id: link._id, revokedAt: null, expiresAt: { $gt: now } };
  if (link.once) filter.submittedAt = null;
  const updated = await SelfFillLinkModel.findOneAndUpdate(filter, { $set: { submittedAt: now }, $inc: { submissions: 1 } }, { returnDocument: "after" }).lean();
  return updated ? now : null;
}

/** A new customer's record, owned by the agent, through the records pipeline; the link reaches it from now on. */
async function createFromLink({ link, agent, template }: ResolvedLink, data: Record<string, unknown>, locale: Locale) {
  let taken: FieldError[] = [];
  const recordId = await writeRecord({
    action: "record.create",
    permission: "record.create",
    actor: agent,
    templateKey: template.key,
    locale,
    record: { create: true },
    template,
    guard: ({ template: t }) => assertTakesNewRecords(t, locale),
    // Checked above with the whole template but for the sections not offered; the agent completes
    // those (the pipeline marks the record 待补全 until then).
    change: () => ({ data, checked: true, meta: { selfFill: String(link._id) } }),
    // A unique value another record holds must not tell the public page that it exists (HELD).
    onTaken: (conflicts) => ((taken = conflicts), new DomainError("CONFLICT", msg("selfFill.heldForAgent"), { locale })),
    result: (ctx) => ctx.recordId as string | null,
  }).catch((err: unknown) => {
    if (taken.length) return null;
    throw err;
  });
  if (recordId === null) {
    // The customer is answered like any submission; the agent sees on the link which value
    // another record holds and checks it with them. Nothing of the values is kept.
    const fields = [...new Set(taken.map((c) => c.label))];
    await SelfFillLinkModel.updateOne({ _id: link._id }, { $push: { held: { fields, at: new Date() } } });
    return { kind: "held" as const, recordId: null, proposalId: null, fields: fields.length };
  }
  // A use-once link points at the record it made (its card links to it). A multi-use link does not:
  // it keeps offering a blank form for a new customer whatever happened, so its holder cannot tell
  // a created record from a submission held for a value another record holds (which would tell
  // them that an ID number exists).
  if (link.once) await SelfFillLinkModel.updateOne({ _id: link._id, recordId: null }, { $set: { recordId } });
  return { kind: "created" as const, recordId, proposalId: null, fields: 0 };
}

/**
 * A proposed change to the record: the sections the customer sent, diffed with the stored ones (a
 * section they did not send is no proposal to empty it; one they emptied is).
 */
async function propose({ link, template, record }: ResolvedLink, stored: Record<string, unknown>, data: Record<string, unknown>, sent: string[]) {
  const recordId = String(record!._id);
  const before = Object.fromEntries(sent.filter((s) => s in stored).map((s) => [s, stored[s]]));
  const changes = diffStored(template.content.schema, before, data);
  if (changes.length === 0) return { kind: "unchanged" as const, recordId, proposalId: null, fields: 0 };
  const proposalId = new Types.ObjectId();
  await SelfFillProposalModel.collection.insertOne({
    _id: proposalId,
    templateKey: template.key,
    recordId,
    linkId: String(link._id),
    baseRevision: record!.revision,
    changes: changes.map((c) => ({ path: c.path, before: c.before, after: c.after })),
    accepted: [],
    status: "open",
    createdAt: new Date(),
    closedAt: null,
    closedBy: null,
    closedByName: null,
  } as never);
  return { kind: "proposed" as const, recordId, proposalId: String(proposalId), fields: changes.length };
}
