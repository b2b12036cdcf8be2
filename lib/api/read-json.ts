import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { jsonShapeIssue } from "../validation/json-shape";

/** The largest request body the API reads. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const tooLarge = (max: number) =>
  new DomainError("BAD_REQUEST", max >= 1024 * 1024 ? msg("api.bodyTooLarge", { mb: max / 1024 / 1024 }) : msg("api.bodyTooLargeKb", { kb: Math.floor(max / 1024) }));

/** How a body is read: `maxBytes` lowers the cap for routes that take less (a public form). */
export interface ReadOptions {
  allowEmpty?: boolean;
  maxBytes?: number;
}

/**
 * A request body as text, at most `maxBytes` (never over MAX_BODY_BYTES). The stream is read chunk by chunk and given up
 * as soon as it passes the limit, so a body sent without a Content-Length (chunked) cannot make
 * the server buffer it whole first.
 */
export async function readBodyText(req: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const max = Math.min(maxBytes, MAX_BODY_BYTES);
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > max) throw tooLarge(max);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Reads a JSON request body, refusing oversized, malformed, too deeply nested ones and `__proto__`
 * keys with a 400. An empty body is refused too, unless `allowEmpty` (then it reads as `undefined`).
 * A body must say it is JSON: a plain HTML form on another site can post text/plain that happens
 * to parse as JSON, but cannot set Content-Type: application/json (a script would need a CORS
 * preflight, which this server never grants), so this keeps such forms from acting as the user.
 */
export async function readJson(req: Request, options: ReadOptions = {}): Promise<unknown> {
  const text = await readBodyText(req, options.maxBytes);
  if (!text.trim()) {
    if (options.allowEmpty) return undefined;
    throw new DomainError("BAD_REQUEST", msg("api.bodyEmpty"));
  }
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") throw new DomainError("BAD_REQUEST", msg("api.bodyNotJson"));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DomainError("BAD_REQUEST", msg("api.bodyInvalidJson"));
  }
  const issue = jsonShapeIssue(body);
  if (issue) throw new DomainError("BAD_REQUEST", issue.text, { fieldErrors: [{ path: issue.path, label: issue.path, message: issue.text, keyword: "shape" }] });
  return body;
}

/** Reads a JSON object body, 400 for arrays, strings and other non-objects; `allowEmpty` reads no body as `{}`. */
export async function readJsonObject(req: Request, options: ReadOptions = {}): Promise<Record<string, unknown>> {
  const body = await readJson(req, options);
  if (body === undefined && options.allowEmpty) return {};
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new DomainError("BAD_REQUEST", msg("api.bodyNotObject"));
  return body as Record<string, unknown>;
}
