import type { Locale } from "../i18n/locale";
import { msg, resolveText, type LocalText } from "../i18n/messages";

const MIN = 8;
const MAX = 128;

/**
 * Password rules for new and changed passwords, as a message. Shared by the server (which
 * enforces them) and the users page (which checks as the administrator types, so every problem
 * shows at once).
 */
export function passwordRule(password: string): LocalText | null {
  if (password.length < MIN) return msg("auth.passwordTooShort", { min: MIN });
  if (password.length > MAX) return msg("auth.passwordTooLong", { max: MAX });
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return msg("auth.passwordMix");
  return null;
}

/** What is wrong with a password, in the reader's language (Chinese unless told), or null. */
export function passwordProblem(password: string, locale: Locale = "zh"): string | null {
  const rule = passwordRule(password);
  return rule && resolveText(locale, rule);
}
