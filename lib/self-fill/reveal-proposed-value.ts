import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import { schemaAt } from "../schema/fields";
import { pathLabel, pointerSegments } from "../schema/messages";
import { assertStaff } from "./create-self-fill-link";
import { loadOpenProposal } from "./load-open-proposal";

/**
 * Shows one masked personal-data value a customer proposed (e.g. a beneficiary's 身份证号码) in
 * full, so staff accept only what they have seen. The same rules and trail as a record's reveal
 * (lib/records/reveal-field.ts): the pii.reveal permission, the record within the caller's data
 * scope (else 404 like a made-up proposal), and a `record.reveal` audit event on the record —
 * marked with the proposal — that the record's history lists with its other reveals.
 */
export async function revealProposedValue(params: { actor: Actor | null; templateKey: string; proposalId: string; path: unknown; locale?: Locale }): Promise<{ value: unknown }> {
  const { actor, templateKey, proposalId, path, locale = "zh" } = params;
  assertStaff(actor);
  assertCan(actor, "record.update");
  assertCan(actor, "pii.reveal");
  if (typeof path !== "string" || !/^(\/[A-Za-z0-9_]+)+$/.test(path)) throw new DomainError("BAD_REQUEST", msg("records.badFieldPath"), { locale });
  const { proposal, template } = await loadOpenProposal(actor, proposalId, templateKey, locale);
  const change = (proposal.changes as { path: string; after?: unknown }[]).find((c) => c.path === path);
  if (!change) throw new DomainError("BAD_REQUEST", msg("selfFill.fieldNotInProposal"), { locale });
  const segments = pointerSegments(path);
  if (!schemaAt(template.content.schema, segments)?.["x-pii"]) throw new DomainError("BAD_REQUEST", msg("records.notMasked"), { locale });
  await writeAuditEvent({
    id: `reveal:${proposal.recordId}:${actor.id}:${Date.now()}:${Math.random().toString(36).slice(2, 8)}`,
    actor,
    action: "record.reveal",
    entity: "record",
    entityId: proposal.recordId,
    templateKey,
    meta: { path, label: pathLabel(template.content.schema, segments, "zh"), proposalId },
  });
  return { value: change.after ?? null };
}
