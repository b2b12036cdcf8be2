import { roleCan, type Actor } from "../auth/roles";
import { maskData, maskValue } from "../schema/mask";
import type { JsonSchema, PiiKind } from "../schema/types";

/**
 * The personal-data kinds a reader sees in full, without a click, on a record they own: names.
 * An agent works their own customers by name every day (issue 11 item 7), so a reveal of each
 * would be noise in the audit; ID and phone numbers stay masked and revealed one by one.
 */
const OWNER_SEES: readonly PiiKind[] = ["name"];

/**
 * The one place that decides how personal data is shown to a reader on one record: the kinds
 * shown in full. Owners who may reveal personal data see their own records' names; everyone
 * else (others, and roles without pii.reveal such as viewers) sees every kind masked, and
 * reveals through the audited 查看 (lib/records/reveal-field.ts).
 */
export function clearPiiKinds(actor: Actor | null, ownerId: string | null | undefined): PiiKind[] {
  if (!actor || !ownerId || actor.id !== ownerId || !roleCan(actor.role, "pii.reveal")) return [];
  return [...OWNER_SEES];
}

/** A masker for one record: values of the kinds the reader sees in full pass, the rest are masked. */
export function maskerFor(actor: Actor | null, ownerId: string | null | undefined): (kind: PiiKind, value: unknown) => unknown {
  const clear = clearPiiKinds(actor, ownerId);
  return clear.length === 0 ? maskValue : (kind, value) => (clear.includes(kind) ? value : maskValue(kind, value));
}

/** A record's data as the reader may see it without revealing: see maskerFor. */
export function maskRecordData(schema: JsonSchema, data: unknown, actor: Actor | null, ownerId: string | null | undefined): unknown {
  return maskData(schema, data, maskerFor(actor, ownerId));
}
