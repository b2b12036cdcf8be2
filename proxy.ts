import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { newNonce, pagePolicy } from "./lib/shared/security-headers";

/**
 * Every page request: a fresh nonce and the page's Content-Security-Policy, set on the request
 * (Next reads the nonce from it and puts it on its own scripts) and on the response (the
 * browser enforces it). Visitors without a session are sent to the sign-in page; pages and
 * services still check the session and role themselves, this only spares them a broken page.
 */
export async function proxy(req: NextRequest) {
  const nonce = newNonce();
  const policy = pagePolicy({ nonce, dev: process.env.NODE_ENV === "development" });
  const withPolicy = (res: NextResponse) => {
    res.headers.set("Content-Security-Policy", policy);
    return res;
  };
  const isSignIn = req.nextUrl.pathname.startsWith("/signin");
  if (!isSignIn && !(await getToken({ req }))) {
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
  // Every page, the sign-in page included. Not the API (it answers 401 itself and carries its
  // own policy, next.config.ts) nor static files (the icons too: the sign-in page shows them).
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
