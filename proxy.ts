import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { unavailablePage } from "@/lib/api/unavailable-page";
import { databaseAway } from "@/lib/db/health";
import { LOCALE_COOKIE, parseLocale } from "@/lib/i18n/locale";

/**
 * Sends visitors without a session to the sign-in page. Pages and services still check the
 * session and role themselves; this only spares anonymous visitors a broken page. While the
 * database is known to be away (lib/db/health.ts), every page is answered at once with a 503 page
 * that reloads itself, instead of each waiting for the driver's timeout and then showing an error.
 */
export async function proxy(req: NextRequest) {
  if (databaseAway()) return unavailablePage(parseLocale(req.cookies.get(LOCALE_COOKIE)?.value));
  const token = await getToken({ req });
  if (token) return NextResponse.next();
  const url = new URL("/signin", req.url);
  const back = req.nextUrl.pathname + req.nextUrl.search;
  if (back !== "/") url.searchParams.set("callbackUrl", back);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but the sign-in page, customers' self-fill pages (/f/<token>: the token is their
  // credential), the API (which answers 401 itself) and static files (the icons too: the sign-in
  // page shows them before anyone is signed in).
  matcher: ["/((?!signin|f/|api|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
