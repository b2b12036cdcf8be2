import "server-only";
import { inspect } from "node:util";
import { currentRequest } from "./request-context";

type Level = "info" | "warn" | "error";

/** Writes one line: time, level, area, the request id when inside one, the message; then the error. */
function write(level: Level, area: string, message: string, err?: unknown): void {
  const requestId = currentRequest()?.requestId;
  const line = `${new Date().toISOString()} ${level.toUpperCase()} [${area}]${requestId ? ` req=${requestId}` : ""} ${message}`;
  const out = level === "error" ? console.error : level === "warn" ? console.warn : console.log;
  if (err === undefined) out(line);
  else out(line, brief(err));
}

/** Longest an error is written in full; a larger one (a bulk write's result naming every id it inserted) is summed up. */
const FULL_ERROR_CHARS = 4000;

/**
 * An error as the log writes it: in full unless that is long — one failed import batch wrote
 * ~1,000 lines (the driver's bulk-write error carries every inserted id) — then its stack, its
 * code and how many writes it refused, with the first one's message, and what caused it.
 */
export function brief(err: unknown): unknown {
  if (!(err instanceof Error) || inspect(err, { depth: 4 }).length <= FULL_ERROR_CHARS) return err;
  const e = err as Error & { code?: unknown; codeName?: unknown; writeErrors?: unknown; cause?: unknown };
  const writes = Array.isArray(e.writeErrors) ? (e.writeErrors as { errmsg?: string }[]) : e.writeErrors ? [e.writeErrors as { errmsg?: string }] : [];
  const parts = [e.stack ?? `${e.name}: ${e.message}`];
  if (e.code !== undefined) parts.push(`code: ${String(e.code)}${e.codeName ? ` (${String(e.codeName)})` : ""}`);
  if (writes.length) parts.push(`writes refused: ${writes.length}, the first: ${writes[0]?.errmsg ?? "?"}`);
  if (e.cause !== undefined) parts.push(`cause: ${inspect(brief(e.cause), { depth: 2 }).slice(0, FULL_ERROR_CHARS)}`);
  return parts.join("\n  ");
}

/**
 * The server's one logger: every line says when, how bad, which part of the app and — inside a
 * request — the request's id, which the API also returns (`x-request-id`, and `requestId` in a 500
 * answer), so that a user's report leads to the lines of their request.
 */
export const log = {
  info: (area: string, message: string) => write("info", area, message),
  warn: (area: string, message: string, err?: unknown) => write("warn", area, message, err),
  error: (area: string, message: string, err?: unknown) => write("error", area, message, err),
};
