"use client";

import { useCallback, useEffect, useRef, useState } from "react";

const PREFIX = "dossier-draft:";
/** Drafts hold customers' personal data; an old one is dropped rather than kept in the browser. */
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/** The storage key of a user's draft of a record (or of a new record of a template). */
export function draftKey({ userId, templateKey, recordId }: { userId: string; templateKey: string; recordId?: string }): string {
  return `${PREFIX}${userId}:${templateKey}:${recordId ?? "new"}`;
}

/** Removes every stored draft (on sign-out: a shared computer must not keep them for the next person). */
export function clearLocalDrafts() {
  try {
    const keys = Array.from({ length: window.localStorage.length }, (_, i) => window.localStorage.key(i)).filter((k): k is string => !!k?.startsWith(PREFIX));
    for (const k of keys) window.localStorage.removeItem(k);
  } catch {
    /* storage unavailable: nothing stored either */
  }
}

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
      const stored = raw ? (JSON.parse(raw) as StoredDraft) : null;
      if (stored && !(Date.now() - Date.parse(stored.savedAt) < MAX_AGE_MS)) window.localStorage.removeItem(key);
      // Reading storage can only happen after mount; offering the draft is a one-time event.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      else if (stored) setOffered(stored);
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
