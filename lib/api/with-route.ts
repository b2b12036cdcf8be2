import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { getActor } from "../auth/session";
import type { Actor } from "../auth/roles";
import { DomainError, type ErrorBody } from "../errors";
import { LOCALE_COOKIE, parseLocale } from "../i18n/locale";
import type { Locale } from "../schema/messages";

export { readJson, readJsonObject } from "./read-json";

export interface RouteContext<P> {
  req: NextRequest;
  params: P;
  actor: Actor;
  locale: Locale;
}

/** Maps any error to a JSON response: domain errors keep their status and message, others are logged. */
export function errorResponse(err: unknown, locale: Locale = "zh"): NextResponse<ErrorBody> {
  if (err instanceof DomainError) {
    const { code, message, fieldErrors, details } = err;
    return NextResponse.json({ error: { code, message, fieldErrors, details } }, { status: err.status });
  }
  console.error("[api] unexpected error", err);
  const message = locale === "zh" ? "服务器出错了，请稍后再试" : "Something went wrong on the server; please try again";
  return NextResponse.json({ error: { code: "INTERNAL", message } }, { status: 500 });
}

/**
 * Wraps a route handler: session required (401 otherwise), locale resolved, errors mapped to one
 * JSON shape. Handlers return plain data (sent as JSON) or a Response.
 */
export function withRoute<P = Record<string, never>>(handler: (ctx: RouteContext<P>) => Promise<unknown>) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    const locale = parseLocale(req.cookies.get(LOCALE_COOKIE)?.value);
    try {
      const actor = await getActor();
      if (!actor) throw new DomainError("UNAUTHENTICATED", locale === "zh" ? "请先登录" : "Please sign in");
      const result = await handler({ req, params: await context.params, actor, locale });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err, locale);
    }
  };
}
