import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/** What is known about the request a piece of server work runs for. */
export interface RequestContext {
  /** Short random id, sent back as `x-request-id` and written on every log line of the request. */
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** A new request id: 8 hex digits, enough to find one request's lines in a day's log. */
export function newRequestId(): string {
  return crypto.randomUUID().replace(/-/g, "").slice(0, 8);
}

/** Runs `fn` (and everything it awaits) as part of the request `ctx`. */
export function runInRequest<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The request the current code runs for, or undefined outside one (start-up, background jobs). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
