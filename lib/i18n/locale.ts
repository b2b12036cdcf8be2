/** The languages Dossier speaks: Chinese first, English one click away. */
export type Locale = "zh" | "en";

export const LOCALES: Locale[] = ["zh", "en"];
export const LOCALE_COOKIE = "dossier-locale";

/** BCP 47 tags per locale, for Intl formatters (numbers, dates, times). */
export const LOCALE_TAGS: Record<Locale, string> = { zh: "zh-CN", en: "en-US" };

/** The page's `lang` attribute: the region matters for Chinese (simplified script), English needs none. */
export const HTML_LANG: Record<Locale, string> = { zh: "zh-CN", en: "en" };

/** The locale named by a cookie value; Chinese unless English was chosen. */
export function parseLocale(value: string | undefined | null): Locale {
  return value === "en" ? "en" : "zh";
}

/** The locale chosen in a raw Cookie header (where only the header is at hand, e.g. next-auth's authorize). */
export function localeFromCookieHeader(header: unknown): Locale {
  if (typeof header !== "string") return "zh";
  const entry = header.split(";").find((part) => part.trim().startsWith(`${LOCALE_COOKIE}=`));
  return parseLocale(entry?.split("=")[1]?.trim());
}
