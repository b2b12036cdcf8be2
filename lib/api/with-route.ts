import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { getActor } from "../auth/session";
import type { Actor } from "../auth/roles";
import { DomainError, type ErrorBody } from "../errors";
import { LOCALE_COOKIE, parseLocale } from "../i18n/locale";
import type { Locale } from "../schema/messages";

const MAX_BODY_BYTES = 2 * 1024 * 1024;

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

/**
 * Reads a JSON request body, refusing oversized or malformed ones with a 400. An empty body is
 * refused too, unless `allowEmpty` (then it reads as `undefined`).
 */
export async function readJson(req: NextRequest, options: { allowEmpty?: boolean } = {}): Promise<unknown> {
  const length = Number(req.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) throw new DomainError("BAD_REQUEST", "请求内容过大");
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new DomainError("BAD_REQUEST", "请求内容过大");
  if (!text.trim()) {
    if (options.allowEmpty) return undefined;
    throw new DomainError("BAD_REQUEST", "请求内容为空");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("BAD_REQUEST", "请求内容不是有效的 JSON");
  }
}

/** Reads a JSON object body, 400 for arrays, strings and other non-objects; `allowEmpty` reads no body as `{}`. */
export async function readJsonObject(req: NextRequest, options: { allowEmpty?: boolean } = {}): Promise<Record<string, unknown>> {
  const body = await readJson(req, options);
  if (body === undefined && options.allowEmpty) return {};
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new DomainError("BAD_REQUEST", "请求内容必须是 JSON 对象");
  return body as Record<string, unknown>;
}
