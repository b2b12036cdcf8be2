/**
 * Chinese resident identity numbers (GB 11643-1999): 17 digits + a check character (0-9 or X),
 * where digits 7–14 are the birth date (YYYYMMDD) and digit 17 is odd for men, even for women.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

/** Why a value is not a valid resident ID; `ok` when it is. */
export type ResidentIdProblem =
  | { kind: "ok" }
  | { kind: "scientific" }
  | { kind: "length"; length: number }
  | { kind: "chars" }
  | { kind: "birthDate" }
  | { kind: "checksum"; expected: string };

/** The GB 11643 check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** True when `yyyymmdd` is a real calendar date between 1900 and today. */
function isPlausibleBirthDate(yyyymmdd: string, now = new Date()): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return date.getTime() <= now.getTime();
}

/** Explains what is wrong with a resident ID (upper- or lower-case X accepted). */
export function explainResidentId(value: string): ResidentIdProblem {
  const v = value.trim();
  if (/^\d(\.\d+)?E\+\d+$/i.test(v)) return { kind: "scientific" };
  if (v.length !== 18) return { kind: "length", length: v.length };
  if (!/^\d{17}[\dXx]$/.test(v)) return { kind: "chars" };
  if (!isPlausibleBirthDate(v.slice(6, 14))) return { kind: "birthDate" };
  const expected = residentIdCheckChar(v);
  if (v[17].toUpperCase() !== expected) return { kind: "checksum", expected };
  return { kind: "ok" };
}

/** True for a valid 18-digit resident ID. */
export function isResidentId(value: string): boolean {
  return explainResidentId(value).kind === "ok";
}

/** Birth date (YYYY-MM-DD) and gender encoded in a valid resident ID, or null. */
export function residentIdFacts(value: string): { birthDate: string; gender: "男" | "女" } | null {
  if (!isResidentId(value)) return null;
  const b = value.slice(6, 14);
  return {
    birthDate: `${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6, 8)}`,
    gender: Number(value[16]) % 2 === 1 ? "男" : "女",
  };
}
