import type { ErrorCode } from "../errors";
import { msg, type LocalText } from "../i18n/messages";
import type { StoredRecord } from "../records/write/record-operation";
import { authorsOf } from "../records/write/verification-hook";
import type { VerificationState } from "../schema/verification";

/** Why a checker may not act on a record now, as an error code and message; null when they may. */
export interface Refusal {
  code: ErrorCode;
  text: LocalText;
}

/**
 * The maker-checker rules of verify (核对通过) and return (退回), on the record as stored: only a
 * waiting record (or one from before verification was on) is checked, a verified one is refused
 * as such, a returned one waits for its author; and nobody checks a change they made themselves
 * — everyone who changed the data since the last verification is its author.
 */
export function refusalFor(record: Pick<StoredRecord, "verification" | "revision" | "review" | "createdBy" | "updatedBy">, actorId: string): Refusal | null {
  const state = (record.verification as VerificationState | undefined) ?? "unverified";
  if (state === "verified") return { code: "CONFLICT", text: msg("verification.alreadyVerified", { revision: record.review?.verifiedRevision ?? record.revision }) };
  if (state === "returned") return { code: "CONFLICT", text: msg("verification.notWaiting") };
  if (authorsOf(record).includes(actorId)) return { code: "FORBIDDEN", text: msg("verification.ownChange") };
  return null;
}

/**
 * Refuses verifying a record that still lacks required sections (待补全: a new customer's
 * self-fill before the agent completed it): what is not there cannot be checked. `titles` are
 * the sections' titles as the template names them.
 */
export function incompleteRefusal(record: Pick<StoredRecord, "incomplete">, titles: (key: string) => string): Refusal | null {
  const missing = record.incomplete ?? [];
  if (missing.length === 0) return null;
  return { code: "CONFLICT", text: msg("verification.incomplete", { sections: missing.map(titles).join("、") }) };
}

/** Longest reason a return may carry. */
export const RETURN_REASON_MAX = 500;
