import "server-only";
import { currentRequest } from "./request-context";

type Level = "info" | "warn" | "error";

/** Writes one line: time, level, area, the request id when inside one, the message; then the error. */
function write(level: Level, area: string, message: string, err?: unknown): void {
  const requestId = currentRequest()?.requestId;
  const line = `${new Date().toISOString()} ${level.toUpperCase()} [${area}]${requestId ? ` req=${requestId}` : ""} ${message}`;
  const out = level === "error" ? console.error : level === "warn" ? console.warn : console.log;
  if (err === undefined) out(line);
  else out(line, err);
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
