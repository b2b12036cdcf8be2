import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
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
import { parseInput } from "../validation/parse-input";
import { isCrossSiteWrite } from "./cross-site-write";
import { readJson } from "./read-json";
import { readQuery } from "./read-query";

/** A route's body or query schema, or none. */
type InputSchema = z.ZodType | undefined;
/** What a schema gives the handler: its parsed output, or `undefined` when the route declares none. */
type Parsed<S extends InputSchema> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<P, B = undefined, Q = undefined> {
  req: NextRequest;
  params: P;
  actor: Actor;
  locale: Locale;
  /** The client's address (lib/auth/client-ip.ts: forwarded headers only behind our own proxies). */
  ip: string;
  /** The JSON body parsed by the route's `body` schema (`undefined` when it declares none). */
  body: B;
  /** The query string parsed by the route's `query` schema (`undefined` when it declares none). */
  query: Q;
}

/** What a public route's handler knows: nobody is signed in, so there is no actor. */
export interface PublicRouteContext<P, B = undefined, Q = undefined> extends Omit<RouteContext<P, B, Q>, "actor"> {
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
 * Who may call a route and what it reads. `caller`: `session` (the default) is a signed-in user,
 * 401 otherwise; `public` reads no session and the handler gets no actor — a self-fill link or a
 * calendar feed, whose token in the address is the credential; such answers are never cached nor
 * passed on as a referrer.
 */
export interface RouteOptions<P, B extends InputSchema = undefined, Q extends InputSchema = undefined> {
  caller?: "session" | "public";
  /** Checked before the handler runs (after the session check); 429 with Retry-After when one is spent. */
  rateLimit?: RateRule<P>[];
  /**
   * The JSON body's schema: read with the JSON reader (read-json.ts: at most 2 MB or `maxBytes`,
   * JSON only, shape checks) and parsed with `parseInput`, so a bad body is the usual 400 with
   * field errors in the reader's language. A route whose service validates its own input declares
   * `z.unknown()`: the service is the guard, the wrapper still does the reading.
   */
  body?: B;
  /** With `body`: no body at all reads as `{}` instead of a 400. */
  allowEmpty?: boolean;
  /** With `body`: a lower cap than the reader's 2 MB (a public form). */
  maxBytes?: number;
  /** The query string's schema, over its names' first values (read-query.ts); it coerces numbers and flags itself. */
  query?: Q;
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
 * RouteOptions), a session route's writes refused when they come from another site (403; public
 * routes are meant to be reached from anywhere), rate limits applied, locale resolved, the body
 * and query string parsed by the route's schemas, errors mapped to one JSON shape. Handlers return
 * plain data (sent as JSON) or a Response, and never read the request's body or query by hand
 * (lib/api/route-inputs.test.ts checks). The exception: the records list, its export and the
 * statistics take the whole query string, because the list's URL syntax (`f.<path>.<op>=…`,
 * repeated values) is parsed against the template by their service, which a fixed schema here
 * cannot describe.
 *
 * With a `body` or `query` schema and route params, name all three types:
 * `withRoute<Params, typeof body>({ body }, …)` (TypeScript infers none when one is given).
 */
export function withRoute<P = Record<string, never>>(handler: (ctx: RouteContext<P>) => Promise<unknown>): Handler;
export function withRoute<P = Record<string, never>, B extends InputSchema = undefined, Q extends InputSchema = undefined>(
  options: RouteOptions<P, B, Q> & { caller?: "session" },
  handler: (ctx: RouteContext<P, Parsed<B>, Parsed<Q>>) => Promise<unknown>,
): Handler;
export function withRoute<P = Record<string, never>, B extends InputSchema = undefined, Q extends InputSchema = undefined>(
  options: RouteOptions<P, B, Q> & { caller: "public" },
  handler: (ctx: PublicRouteContext<P, Parsed<B>, Parsed<Q>>) => Promise<unknown>,
): Handler;
export function withRoute<P>(
  first: RouteOptions<P, InputSchema, InputSchema> | ((ctx: RouteContext<P>) => Promise<unknown>),
  second?: ((ctx: RouteContext<P, unknown, unknown>) => Promise<unknown>) | ((ctx: PublicRouteContext<P, unknown, unknown>) => Promise<unknown>),
): Handler {
  const options: RouteOptions<P, InputSchema, InputSchema> = typeof first === "function" ? {} : first;
  const handler = (typeof first === "function" ? first : second) as (ctx: RouteContext<P, unknown, unknown> | PublicRouteContext<P, unknown, unknown>) => Promise<unknown>;
  const isPublic = options.caller === "public";
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = newRequestId();
    const answer = await runInRequest({ requestId }, async (): Promise<Response> => {
      const locale = parseLocale(req.cookies.get(LOCALE_COOKIE)?.value);
      try {
        if (databaseAway()) throw new DatabaseAway();
        if (!isPublic && isCrossSiteWrite({ method: req.method, url: req.nextUrl, headers: req.headers, publicUrl: env.publicUrl })) {
          throw new DomainError("FORBIDDEN", msg("api.crossSiteWrite"));
        }
        const actor = isPublic ? null : await getActor();
        if (!isPublic && !actor) throw new DomainError("UNAUTHENTICATED", msg("auth.signInFirst"));
        const params = await context.params;
        const ip = clientIp(Object.fromEntries(req.headers.entries()), env.proxyHops);
        const wait = takeLimits(options.rateLimit ?? [], { req, params, ip });
        if (wait > 0) {
          const error = new DomainError("RATE_LIMITED", msg("api.rateLimited", { seconds: wait }), { locale });
          return NextResponse.json({ error: error.localize(locale) }, { status: 429, headers: { "retry-after": String(wait) } });
        }
        const query = options.query ? parseInput(options.query, readQuery(req.nextUrl.searchParams)) : undefined;
        const body = options.body ? parseInput(options.body, await readBody(req, options)) : undefined;
        const result = await handler({ req, params, actor, locale, ip, body, query } as RouteContext<P, unknown, unknown> | PublicRouteContext<P, unknown, unknown>);
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

/** The JSON body as the reader gives it; with `allowEmpty`, no body at all is an object without fields. */
async function readBody(req: Request, { allowEmpty, maxBytes }: { allowEmpty?: boolean; maxBytes?: number }): Promise<unknown> {
  const raw = await readJson(req, { allowEmpty, maxBytes });
  return raw === undefined && allowEmpty ? {} : raw;
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
