/** Methods that only read: a cross-site GET cannot change anything, so it is never refused here. */
const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** What the decision needs from a request: its method, its URL as the server sees it, and two headers. */
export interface WriteOrigin {
  method: string;
  /** The request's URL as the server sees it (`req.nextUrl`; Next names every loopback address "localhost" there). */
  url: URL;
  headers: Headers;
  /** The app's public URL when one is configured (NEXTAUTH_URL), e.g. behind a TLS proxy. */
  publicUrl?: string;
}

/**
 * Whether a write comes from another site's page and must be refused (security review finding 12):
 * the browser says so (`Sec-Fetch-Site: cross-site`), or it names an `Origin` that is not the
 * app's own. The app's own origin is the request URL's, the public URL's, or any origin whose host
 * is the Host (or X-Forwarded-Host) the request arrived with — behind a TLS proxy the scheme the
 * server sees is not the browser's, while the host is. A page cannot set X-Forwarded-Host on a
 * cross-site request without a CORS preflight, which this server never grants. Requests with
 * neither header (curl, scripts, tests) pass: they carry no victim's cookies by accident.
 */
export function isCrossSiteWrite({ method, url, headers, publicUrl }: WriteOrigin): boolean {
  if (READ_METHODS.has(method.toUpperCase())) return false;
  if (headers.get("sec-fetch-site")?.toLowerCase() === "cross-site") return true;
  const origin = headers.get("origin");
  if (origin === null) return false;
  let claimed: URL;
  try {
    claimed = new URL(origin);
  } catch {
    return true; // "null" (a sandboxed frame, a redirect across sites) or garbage: not ours
  }
  if (claimed.origin === url.origin || loopbackAsLocalhost(claimed) === url.origin) return false;
  if (publicUrl && sameOrigin(claimed, publicUrl)) return false;
  const hosts = [headers.get("host"), headers.get("x-forwarded-host")?.split(",")[0]].map((h) => h?.trim().toLowerCase()).filter(Boolean);
  return !hosts.includes(claimed.host.toLowerCase());
}

/** The origin with a loopback host written "localhost", as NextURL writes the request's own. */
function loopbackAsLocalhost(claimed: URL): string {
  if (!/^(127(\.\d{1,3}){3}|\[::1\]|localhost)$/.test(claimed.hostname)) return claimed.origin;
  return `${claimed.protocol}//localhost${claimed.port ? `:${claimed.port}` : ""}`;
}

function sameOrigin(claimed: URL, other: string): boolean {
  try {
    return new URL(other).origin === claimed.origin;
  } catch {
    return false;
  }
}
