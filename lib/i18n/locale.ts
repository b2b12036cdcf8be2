import type { Locale } from "../schema/messages";

export const LOCALES: Locale[] = ["zh", "en"];
export const LOCALE_COOKIE = "dossier-locale";

/** The locale named by a cookie value; Chinese unless English was chosen. */
export function parseLocale(value: string | undefined | null): Locale {
  return value === "en" ? "en" : "zh";
}
