"use client";

import type { ErrorBody } from "@/lib/errors";
import type { FieldError } from "@/lib/schema/messages";

/** A failed API call with the server's message, field errors and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * Calls one of our JSON APIs. Non-2xx answers become an ApiError carrying the server's
 * (already localized) message; a network failure becomes status 0.
 */
export async function apiFetch<T>(url: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      cache: "no-store",
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "NETWORK", "网络连接失败，请检查网络后重试");
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: handled below */
  }
  if (!res.ok) {
    const err = (json as ErrorBody | null)?.error;
    throw new ApiError(res.status, err?.code ?? "INTERNAL", err?.message ?? `请求失败（${res.status}）`, err?.fieldErrors ?? [], err?.details ?? {});
  }
  return json as T;
}
