"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useMemo, useTransition, type ReactNode } from "react";
import type { ListQuery } from "@/lib/records/list-query";
import type { ListSettings } from "@/lib/schema/types";
import { listHref } from "./list-url";

interface ListNav {
  templateKey: string;
  /** The list's path, e.g. /t/customer-archive. */
  base: string;
  query: ListQuery;
  list: ListSettings;
  isPending: boolean;
  /** The address of a query (for real links). */
  hrefFor: (query: ListQuery) => string;
  /** Goes to a query; a new history entry, so Back returns to the previous state. */
  navigate: (query: ListQuery) => void;
  /** Goes to any address inside the same pending transition (row clicks). */
  go: (href: string) => void;
  /** Reloads the current page's data after a change made through the API. */
  refresh: () => void;
}

const Ctx = createContext<ListNav | null>(null);

/**
 * Holds the list's state as the URL describes it and navigates between states in a transition,
 * so the current rows stay on screen (dimmed) until the next page has loaded.
 */
export function ListNavProvider({ templateKey, query, list, children, path }: { templateKey: string; query: ListQuery; list: ListSettings; children: ReactNode; path?: string }) {
  // The 统计 tab reuses the filter bar with its own address (path "stats").
  const base = `/t/${encodeURIComponent(templateKey)}${path ? `/${path}` : ""}`;
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const hrefFor = useCallback((q: ListQuery) => listHref(base, q, list), [base, list]);
  const go = useCallback((href: string) => startTransition(() => router.push(href, { scroll: false })), [router]);
  const navigate = useCallback((q: ListQuery) => go(hrefFor(q)), [go, hrefFor]);
  const refresh = useCallback(() => startTransition(() => router.refresh()), [router]);
  const value = useMemo(
    () => ({ templateKey, base, query, list, isPending, hrefFor, navigate, go, refresh }),
    [templateKey, base, query, list, isPending, hrefFor, navigate, go, refresh],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The list's state and navigation. */
export function useListNav(): ListNav {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error("useListNav must be used inside ListNavProvider");
  return ctx;
}

/** True for clicks that should keep their browser meaning (new tab, new window, download). */
export function isModifiedClick(e: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean }): boolean {
  return e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey;
}
