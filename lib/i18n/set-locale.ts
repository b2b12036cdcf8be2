"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, parseLocale } from "./locale";

/** Remembers the chosen UI language for a year (works before sign-in too). */
export async function setLocale(locale: string): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, parseLocale(locale), { path: "/", maxAge: 31536000, sameSite: "lax" });
}
