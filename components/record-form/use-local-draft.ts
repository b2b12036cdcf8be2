"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export interface StoredDraft {
  data: unknown;
  savedAt: string;
  baseRevision: number | null;
}

/**
 * Keeps what was typed in localStorage (debounced) so that a crash, an expired session or an
 * accidental reload does not lose it. Offers the stored draft back once on the next visit.
 */
export function useLocalDraft({ key, data, dirty, baseRevision }: { key: string; data: unknown; dirty: boolean; baseRevision: number | null }) {
  const [offered, setOffered] = useState<StoredDraft | null>(null);
  const checked = useRef(false);

  useEffect(() => {
    if (checked.current) return;
    checked.current = true;
    try {
      const raw = window.localStorage.getItem(key);
      // Reading storage can only happen after mount; offering the draft is a one-time event.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      if (raw) setOffered(JSON.parse(raw) as StoredDraft);
    } catch {
      /* storage unavailable or corrupt: nothing to offer */
    }
  }, [key]);

  useEffect(() => {
    if (!dirty || offered) return;
    const timer = window.setTimeout(() => {
      try {
        window.localStorage.setItem(key, JSON.stringify({ data, savedAt: new Date().toISOString(), baseRevision } satisfies StoredDraft));
      } catch {
        /* quota or privacy mode: the in-memory state still holds everything */
      }
    }, 800);
    return () => window.clearTimeout(timer);
  }, [key, data, dirty, baseRevision, offered]);

  const clear = useCallback(() => {
    try {
      window.localStorage.removeItem(key);
    } catch {
      /* ignore */
    }
    setOffered(null);
  }, [key]);

  return { offered, dismiss: clear, clear };
}
