import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { SelfFillProposalModel } from "../db/models/self-fill-link";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import { toRecordView } from "../records/map-record";
import type { RecordView } from "../records/types";
import { writeRecord } from "../records/write/write-record";
import { assertStaff } from "./create-self-fill-link";
import { loadOpenProposal } from "./load-open-proposal";
import { setAtPointer } from "./prefill";

type StoredChange = { path: string; before?: unknown; after?: unknown };

/**
 * Accepts fields of a customer's submission (`paths`, or every field not yet accepted): an
 * ordinary edit through the records service from the revision the reviewer saw (`revision`;
 * a 409 when the record changed since), validated with the whole template, audited
 * (`record.update`, its meta naming the proposal) and in the history. The proposed values are
 * set over the record as it is now, so fields the proposal does not name keep what colleagues
 * changed since. Once every field is accepted the proposal is closed.
 */
export async function acceptProposal(params: {
  actor: Actor | null;
  templateKey: string;
  proposalId: string;
  paths: string[] | "all";
  revision: number;
  locale?: Locale;
}): Promise<{ record: RecordView; closed: boolean }> {
  const { actor, templateKey, proposalId, revision, locale = "zh" } = params;
  assertStaff(actor);
  assertCan(actor, "record.update");
  const { proposal: p } = await loadOpenProposal(actor, proposalId, templateKey, locale);
  const changes = p.changes as StoredChange[];
  const open = changes.filter((c) => !p.accepted.includes(c.path));
  const chosen = params.paths === "all" ? open : open.filter((c) => (params.paths as string[]).includes(c.path));
  if (params.paths !== "all" && params.paths.some((x) => !changes.some((c) => c.path === x))) throw new DomainError("BAD_REQUEST", msg("selfFill.fieldNotInProposal"), { locale });
  if (chosen.length === 0) throw new DomainError("BAD_REQUEST", msg("selfFill.noFieldsChosen"), { locale });
  const record = await writeRecord({
    action: "record.update",
    permission: "record.update",
    actor,
    templateKey,
    locale,
    record: { id: p.recordId, in: "live" },
    expectedRevision: revision,
    change: ({ stored, actor: a }) => {
      const next = structuredClone(stored);
      for (const c of chosen) setAtPointer(next, c.path, c.after);
      return { data: next, set: { updatedBy: a.id, updatedByName: a.name }, meta: { selfFillProposal: proposalId, accepted: chosen.length } };
    },
    result: ({ template }, written) => toRecordView(written!, template.content.schema, false, actor),
  });
  const accepted = [...new Set([...p.accepted, ...chosen.map((c) => c.path)])];
  const closed = changes.every((c) => accepted.includes(c.path));
  await SelfFillProposalModel.updateOne(
    { _id: proposalId, status: "open" },
    { $set: { accepted, ...(closed ? { status: "accepted", closedAt: new Date(), closedBy: actor.id, closedByName: actor.name } : {}) } },
  );
  return { record, closed };
}

/** Rejects what is left of a customer's submission: it is closed, the record stays as it is. Audited. */
export async function rejectProposal(params: { actor: Actor | null; templateKey: string; proposalId: string; locale?: Locale }): Promise<void> {
  const { actor, templateKey, proposalId, locale = "zh" } = params;
  assertStaff(actor);
  assertCan(actor, "record.update");
  const { proposal: p } = await loadOpenProposal(actor, proposalId, templateKey, locale);
  const at = new Date();
  await SelfFillProposalModel.updateOne({ _id: proposalId, status: "open" }, { $set: { status: "rejected", closedAt: at, closedBy: actor.id, closedByName: actor.name } });
  await writeAuditEvent({
    id: `selffill:proposal:${proposalId}:reject`,
    actor,
    action: "selfFill.reject",
    entity: "record",
    entityId: p.recordId,
    templateKey,
    meta: { proposalId, fields: (p.changes as StoredChange[]).length - p.accepted.length },
    at,
  });
}
