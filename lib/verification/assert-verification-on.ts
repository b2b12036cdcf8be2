import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import { verificationOf } from "../schema/verification";
import type { PublishedTemplate } from "../templates/types";

/** Refuses verify and return in a template whose current version has verification off. */
export function assertVerificationOn(template: PublishedTemplate, locale: Locale): void {
  if (!verificationOf(template.content).enabled) throw new DomainError("BAD_REQUEST", msg("verification.off", { template: template.name }), { locale });
}
