import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { dictionaries, type Dictionary } from "./dictionaries";
import { LOCALE_COOKIE, parseLocale, type Locale } from "./locale";

/** The request's locale, from the language switch's cookie. */
export const getLocale = cache(async (): Promise<Locale> => parseLocale((await cookies()).get(LOCALE_COOKIE)?.value));

/** The UI strings for the request's locale. */
export async function getDictionary(): Promise<Dictionary> {
  return dictionaries[await getLocale()];
}
