import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import { verificationOf } from "../schema/verification";
import type { PublishedTemplate } from "../templates/types";
import { refusalFor } from "./verify-rules";

/** Refuses verify and return in a template whose current version has verification off. */
export function assertVerificationOn(template: PublishedTemplate, locale: Locale): void {
  if (!verificationOf(template.content).enabled) throw new DomainError("BAD_REQUEST", msg("verification.off", { template: template.name }), { locale });
}

/** The guard of verify and return: verification on in the template, and the maker-checker rules (refusalFor) met by this checker. */
export function assertMayCheck(template: PublishedTemplate, record: Parameters<typeof refusalFor>[0], actorId: string, locale: Locale): void {
  assertVerificationOn(template, locale);
  const refusal = refusalFor(record, actorId);
  if (refusal) throw new DomainError(refusal.code, refusal.text, { locale });
}
