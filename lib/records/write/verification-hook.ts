import { criticalChanges, verificationOf, type VerificationState } from "../../schema/verification";
import type { FieldChange } from "../../shared/field-change";
import type { DiffedContext, RecordFields, StoredRecord, WriteHook } from "./record-operation";

/** A record's verification details as stored (`review`), read leniently: older records have none. */
export type StoredReview = NonNullable<StoredRecord["review"]>;

/** Who changed a record's data since its last verification: a legacy record without details counts its creator and last editor. */
export function authorsOf(record: Pick<StoredRecord, "review" | "createdBy" | "updatedBy">): string[] {
  if (record.review) return [...(record.review.touchedBy ?? [])];
  return [...new Set([record.createdBy, record.updatedBy].filter(Boolean))];
}

/**
 * The verification state after a write of a record's data, in a template whose verification is
 * on: a new record waits (待核对); a verified one goes back to waiting when a critical field
 * changed and stays verified otherwise; a returned one waits again once its author has edited it;
 * a waiting one keeps waiting. A record from before verification was on (未核对) waits once a
 * critical field of it changes.
 */
export function stateAfterEdit(params: { state: VerificationState | null; critical: readonly string[]; changes: readonly FieldChange[] }): VerificationState {
  const { state, critical, changes } = params;
  if (state === null || state === "returned" || state === "pending") return "pending";
  return criticalChanges(critical, changes).length > 0 ? "pending" : state;
}

/**
 * What a data write sets for verification: the state (stateAfterEdit), since when the record
 * waits, and its author added to those who may not verify it. Writes that leave the data
 * (delete, restore, verify, return) and template migrations (no person's edit) set nothing, as
 * does a template whose verification is off.
 */
export function verificationOnWrite(ctx: Pick<DiffedContext, "action" | "change" | "template" | "existing" | "changes" | "actor">, now = new Date()): RecordFields | undefined {
  const { change, existing, changes, actor } = ctx;
  if (change.data === undefined || ctx.action === "record.migrate") return undefined;
  const settings = verificationOf(ctx.template.content);
  if (!settings.enabled) return undefined;
  if (existing && changes.length === 0) return undefined;
  const before = existing ? ((existing.verification as VerificationState | undefined) ?? "unverified") : null;
  const state = stateAfterEdit({ state: before, critical: settings.critical, changes });
  const review: StoredReview = { ...emptyReview(), ...(existing?.review ?? {}) } as StoredReview;
  const authors = existing ? authorsOf(existing) : [];
  const waitsSince = state === "pending" && before !== "pending" ? now : state === "pending" ? (review.since ?? now) : null;
  return {
    verification: state,
    review: { ...review, since: waitsSince, touchedBy: [...new Set([...authors, actor.id])] } as StoredReview,
  };
}

/** The details of a record that was never verified nor returned. */
export function emptyReview(): StoredReview {
  return { since: null, touchedBy: [], verifiedBy: null, verifiedByName: null, verifiedAt: null, verifiedRevision: null, returnedBy: null, returnedByName: null, returnedAt: null, returnReason: null } as StoredReview;
}

/** The write hook of verification (issue 9): every path that edits data runs it. */
export const verificationHook: WriteHook = {
  name: "verification",
  beforeWrite: (ctx) => verificationOnWrite(ctx),
};
