import type { FieldChange } from "../shared/field-change";
import type { TemplateContent, VerificationSettings } from "./types";

/** The states of a record's verification (双重验证). */
export const VERIFICATION_STATES = ["unverified", "pending", "verified", "returned"] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

const OFF: VerificationSettings = { enabled: false, critical: [] };

/** A version's verification settings; a version saved before verification existed has it off. */
export function verificationOf(content: Pick<TemplateContent, "verification">): VerificationSettings {
  const v = content.verification;
  if (!v || typeof v !== "object" || v.enabled !== true) return { ...OFF, critical: Array.isArray(v?.critical) ? [...v.critical] : [] };
  return { enabled: true, critical: Array.isArray(v.critical) ? v.critical.filter((c) => typeof c === "string") : [] };
}

/**
 * The dot path of data keys a change's JSON pointer lands on, array indices left out
 * ("/beneficiary/list/0/idNumber" → "beneficiary.list.idNumber"): the path fields are named by.
 */
export function fieldPathOfPointer(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .filter((s) => !/^\d+$/.test(s))
    .join(".");
}

/** True when a field path is critical: named itself, or inside a critical section or table. */
export function isCriticalPath(critical: readonly string[], fieldPath: string): boolean {
  return critical.some((c) => fieldPath === c || fieldPath.startsWith(`${c}.`));
}

/** The changes that touch a critical field (a row added to a critical table touches it too). */
export function criticalChanges(critical: readonly string[], changes: readonly FieldChange[]): FieldChange[] {
  return changes.filter((c) => isCriticalPath(critical, fieldPathOfPointer(c.path)));
}
