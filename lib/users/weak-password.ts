import { DomainError } from "../errors";
import { msg, type LocalText } from "../i18n/messages";

/** A 422 for a password that breaks the rules, the problem shown next to the password field. */
export function weakPassword(rule: LocalText): DomainError {
  return new DomainError("VALIDATION", rule, { fieldErrors: [{ path: "/password", label: msg("auth.passwordLabel"), message: rule, keyword: "password" }] });
}
