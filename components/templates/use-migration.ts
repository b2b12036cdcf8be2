"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import type { MigrationView } from "@/lib/migrations/migration-view";

const POLL_MS = 1000;

/** True while a job may still change on its own (the progress bar keeps polling). */
export const isActive = (m: MigrationView) => m.status === "pending" || m.status === "running";

/**
 * A migration job kept up to date: polled every second while it runs, with `resume` for a job
 * that stalled or failed. `onFinished` is called once when the job reaches "done".
 */
export function useMigration(params: { templateKey: string; initial: MigrationView; onFinished?: (m: MigrationView) => void }) {
  const { templateKey, initial } = params;
  const [migration, setMigration] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [resuming, setResuming] = useState(false);
  // After 继续 a failed job may report "failed" once more before the worker picks it up.
  const [watching, setWatching] = useState(false);
  const onFinished = useRef(params.onFinished);
  const finished = useRef(false);
  useEffect(() => {
    onFinished.current = params.onFinished;
  });

  const url = `/api/templates/${encodeURIComponent(templateKey)}/migrations/${encodeURIComponent(initial.id)}`;
  const accept = useCallback((m: MigrationView) => {
    setMigration(m);
    if (m.status !== "failed") setWatching(false);
    if (m.status === "done" && !finished.current) {
      finished.current = true;
      onFinished.current?.(m);
    }
  }, []);

  // A job that finished before the first render still counts as finished for the caller.
  useEffect(() => {
    if (initial.status === "done" && !finished.current) {
      finished.current = true;
      onFinished.current?.(initial);
    }
  }, [initial]);

  useEffect(() => {
    if (!isActive(migration) && !watching) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      apiFetch<{ migration: MigrationView }>(url, { signal: ctrl.signal })
        .then((res) => {
          setError(null);
          accept(res.migration);
        })
        .catch((err) => {
          if ((err as Error).name === "AbortError") return;
          setError(err instanceof ApiError ? err.message : String(err));
          // Try again on the next tick: a network blip must not freeze the bar.
          setMigration((m) => ({ ...m }));
        });
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [migration, watching, url, accept]);

  const resume = useCallback(async () => {
    setResuming(true);
    setError(null);
    try {
      const res = await apiFetch<{ migration: MigrationView }>(`${url}/resume`, { method: "POST", body: {} });
      accept(res.migration);
      if (res.migration.status === "failed") setWatching(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setResuming(false);
    }
  }, [url, accept]);

  return { migration, error, resume, resuming };
}
