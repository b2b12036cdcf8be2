import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";

/** The revision a checker looked at, required with every verify and return (a stale one is refused). */
export function checkRevision(revision: unknown, locale: Locale): number {
  if (typeof revision !== "number" || !Number.isInteger(revision) || revision < 1) throw new DomainError("BAD_REQUEST", msg("verification.revisionRequired"), { locale });
  return revision;
}
