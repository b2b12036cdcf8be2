import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { unavailablePage } from "@/lib/api/unavailable-page";
import { databaseAway } from "@/lib/db/health";
import { LOCALE_COOKIE, parseLocale } from "@/lib/i18n/locale";
import { newNonce, pagePolicy } from "./lib/shared/security-headers";

/** Pages anyone may open without a session: the sign-in page, and customers' self-fill pages (/f/<token>: the token is their credential). */
const OPEN = /^\/(signin|f\/)/;

/**
 * Every page request: a fresh nonce and the page's Content-Security-Policy, set on the request
 * (Next reads the nonce from it and puts it on its own scripts) and on the response (the
 * browser enforces it). While the database is known to be away (lib/db/health.ts), every page is
 * answered at once with a 503 page that reloads itself, instead of each waiting for the driver's
 * timeout and then showing an error. Visitors without a session are sent to the sign-in page;
 * pages and services still check the session and role themselves, this only spares them a
 * broken page.
 */
export async function proxy(req: NextRequest) {
  const nonce = newNonce();
  const policy = pagePolicy({ nonce, dev: process.env.NODE_ENV === "development" });
  const withPolicy = <R extends Response>(res: R) => {
    res.headers.set("Content-Security-Policy", policy);
    return res;
  };
  if (databaseAway()) return withPolicy(unavailablePage(parseLocale(req.cookies.get(LOCALE_COOKIE)?.value)));
  if (!OPEN.test(req.nextUrl.pathname) && !(await getToken({ req }))) {
    const url = new URL("/signin", req.url);
    const back = req.nextUrl.pathname + req.nextUrl.search;
    if (back !== "/") url.searchParams.set("callbackUrl", back);
    return withPolicy(NextResponse.redirect(url));
  }
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", policy);
  return withPolicy(NextResponse.next({ request: { headers } }));
}

export const config = {
  // Every page, the sign-in and self-fill pages included. Not the API (it answers 401 itself and
  // carries its own policy, next.config.ts) nor static files (the icons too: the sign-in page
  // shows them).
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
