import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { getActor } from "../auth/session";
import type { Actor } from "../auth/roles";
import { databaseAway, markUnavailable } from "../db/health";
import { DomainError, isDatabaseUnavailable, type ErrorBody } from "../errors";
import { LOCALE_COOKIE, parseLocale, type Locale } from "../i18n/locale";
import { msg, translate } from "../i18n/messages";
import { log } from "../log/log";
import { currentRequest, newRequestId, runInRequest } from "../log/request-context";

export { readJson, readJsonObject } from "./read-json";

export interface RouteContext<P> {
  req: NextRequest;
  params: P;
  actor: Actor;
  locale: Locale;
}

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
 * Wraps a route handler: session required (401 otherwise), locale resolved, errors mapped to one
 * JSON shape. Handlers return plain data (sent as JSON) or a Response.
 */
export function withRoute<P = Record<string, never>>(handler: (ctx: RouteContext<P>) => Promise<unknown>) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = newRequestId();
    const response = await runInRequest({ requestId }, async () => {
      const locale = parseLocale(req.cookies.get(LOCALE_COOKIE)?.value);
      try {
        if (databaseAway()) throw new DatabaseAway();
        const actor = await getActor();
        if (!actor) throw new DomainError("UNAUTHENTICATED", msg("auth.signInFirst"));
        const result = await handler({ req, params: await context.params, actor, locale });
        if (result instanceof Response) return result;
        return NextResponse.json(result ?? { ok: true });
      } catch (err) {
        return errorResponse(err, locale);
      }
    });
    // A streamed body or a redirect may come with immutable headers: the id is a help, not a must.
    try {
      response.headers.set("x-request-id", requestId);
    } catch {}
    return response;
  };
}
