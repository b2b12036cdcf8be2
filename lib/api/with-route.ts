import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { clientIp } from "../auth/client-ip";
import { getActor } from "../auth/session";
import type { Actor } from "../auth/roles";
import { databaseAway, markUnavailable } from "../db/health";
import { env } from "../env";
import { DomainError, isDatabaseUnavailable, type ErrorBody } from "../errors";
import { LOCALE_COOKIE, parseLocale, type Locale } from "../i18n/locale";
import { msg, translate } from "../i18n/messages";
import { log } from "../log/log";
import { currentRequest, newRequestId, runInRequest } from "../log/request-context";
import type { SlidingWindowLimit } from "../shared/sliding-window-limit";

export { readJson, readJsonObject } from "./read-json";

export interface RouteContext<P> {
  req: NextRequest;
  params: P;
  actor: Actor;
  locale: Locale;
  /** The client's address (lib/auth/client-ip.ts: forwarded headers only behind our own proxies). */
  ip: string;
}

/** What a public route's handler knows: nobody is signed in, so there is no actor. */
export interface PublicRouteContext<P> extends Omit<RouteContext<P>, "actor"> {
  actor: null;
}

/**
 * One rate limit of a route: a window per key, e.g. per link (its token's hash) and per client
 * address. A key of null skips the rule for that request.
 */
export interface RateRule<P> {
  limit: SlidingWindowLimit;
  key: (ctx: { req: NextRequest; params: P; ip: string }) => string | null;
}

/**
 * Who may call a route. `session` (the default): a signed-in user, 401 otherwise. `public`: no
 * session is read and the handler gets no actor — a self-fill link or a calendar feed, whose token
 * in the address is the credential; such answers are never cached nor passed on as a referrer.
 */
export interface RouteOptions<P> {
  caller?: "session" | "public";
  /** Checked before the handler runs (after the session check); 429 with Retry-After when one is spent. */
  rateLimit?: RateRule<P>[];
}

type Handler = (req: NextRequest, context: { params: Promise<any> }) => Promise<Response>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Headers of every public answer: the address holds the credential. */
const PUBLIC_HEADERS = { "cache-control": "private, no-store", "referrer-policy": "no-referrer", "x-robots-tag": "noindex" };

/**
 * Maps any error to a JSON response in the reader's language: domain errors keep their status and
 * have their message and field errors translated; others are logged and answered generically.
 */
export function errorResponse(err: unknown, locale: Locale = "zh"): NextResponse<ErrorBody> {
  if (err instanceof DomainError) return NextResponse.json({ error: err.localize(locale) }, { status: err.status });
  // The database is away (stopped, restarting): say so and when to retry, not "server error".
  if (err instanceof DatabaseAway || isDatabaseUnavailable(err)) {
    if (!(err instanceof DatabaseAway)) {
      markUnavailable();
      log.error("api", `database unavailable: ${(err as Error).message}`);
    }
    const error = new DomainError("UNAVAILABLE", msg("api.databaseUnavailable"), { locale });
    return NextResponse.json({ error: error.localize(locale) }, { status: 503, headers: { "retry-after": "5" } });
  }
  const requestId = currentRequest()?.requestId ?? newRequestId();
  log.error("api", "unexpected error", err);
  return NextResponse.json({ error: { code: "INTERNAL", message: translate(locale, "api.serverError", { requestId }), requestId } }, { status: 500 });
}

/** Thrown before a handler runs while the database is known to be away: answered 503 at once. */
class DatabaseAway extends Error {}

/**
 * Wraps a route handler: the caller checked (a session by default, 401 otherwise; see
 * RouteOptions), rate limits applied, locale resolved, errors mapped to one JSON shape. Handlers
 * return plain data (sent as JSON) or a Response.
 */
export function withRoute<P = Record<string, never>>(handler: (ctx: RouteContext<P>) => Promise<unknown>): Handler;
export function withRoute<P = Record<string, never>>(options: RouteOptions<P> & { caller?: "session" }, handler: (ctx: RouteContext<P>) => Promise<unknown>): Handler;
export function withRoute<P = Record<string, never>>(options: RouteOptions<P> & { caller: "public" }, handler: (ctx: PublicRouteContext<P>) => Promise<unknown>): Handler;
export function withRoute<P>(
  first: RouteOptions<P> | ((ctx: RouteContext<P>) => Promise<unknown>),
  second?: ((ctx: RouteContext<P>) => Promise<unknown>) | ((ctx: PublicRouteContext<P>) => Promise<unknown>),
): Handler {
  const options: RouteOptions<P> = typeof first === "function" ? {} : first;
  const handler = (typeof first === "function" ? first : second) as (ctx: RouteContext<P> | PublicRouteContext<P>) => Promise<unknown>;
  const isPublic = options.caller === "public";
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = newRequestId();
    const answer = await runInRequest({ requestId }, async (): Promise<Response> => {
      const locale = parseLocale(req.cookies.get(LOCALE_COOKIE)?.value);
      try {
        if (databaseAway()) throw new DatabaseAway();
        const actor = isPublic ? null : await getActor();
        if (!isPublic && !actor) throw new DomainError("UNAUTHENTICATED", msg("auth.signInFirst"));
        const params = await context.params;
        const ip = clientIp(Object.fromEntries(req.headers.entries()), env.proxyHops);
        const wait = takeLimits(options.rateLimit ?? [], { req, params, ip });
        if (wait > 0) {
          const error = new DomainError("RATE_LIMITED", msg("api.rateLimited", { seconds: wait }), { locale });
          return NextResponse.json({ error: error.localize(locale) }, { status: 429, headers: { "retry-after": String(wait) } });
        }
        const result = await handler({ req, params, actor, locale, ip } as RouteContext<P> | PublicRouteContext<P>);
        if (result instanceof Response) return result;
        return NextResponse.json(result ?? { ok: true });
      } catch (err) {
        return errorResponse(err, locale);
      }
    });
    // A streamed body or a redirect may come with immutable headers: the id is a help, not a must.
    try {
      if (isPublic) for (const [k, v] of Object.entries(PUBLIC_HEADERS)) answer.headers.set(k, v);
      answer.headers.set("x-request-id", requestId);
    } catch {}
    return answer;
  };
}

/**
 * Counts the request against every rule; answers the longest wait of the spent ones, or 0.
 * Every rule counts the request even when another is spent, so a flood stays limited everywhere.
 */
function takeLimits<P>(rules: RateRule<P>[], ctx: { req: NextRequest; params: P; ip: string }): number {
  let wait = 0;
  for (const rule of rules) {
    const key = rule.key(ctx);
    if (key !== null) wait = Math.max(wait, rule.limit.take(key));
  }
  return wait;
}
