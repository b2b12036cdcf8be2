"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

/**
 * Ticked rows of the list, kept while the reader pages, sorts or searches (ticking customers from
 * several searches is how a handful gets picked), cleared by hand or on leaving the list. Capped:
 * the ids travel in the export's URL, and a few hundred hand-picked rows is already more than
 * anyone ticks; beyond that a filter says it better.
 */
export const MAX_SELECTED = 200;

interface ListSelection {
  selected: ReadonlySet<string>;
  toggle(id: string, on: boolean): void;
  /** Ticks or unticks several rows at once (the header's box: this page's rows). */
  setMany(ids: string[], on: boolean): void;
  clear(): void;
}

const Context = createContext<ListSelection | null>(null);

export function ListSelectionProvider({ children }: { children: ReactNode }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const setMany = useCallback((ids: string[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (!on) next.delete(id);
        else if (next.size < MAX_SELECTED) next.add(id);
      }
      return next;
    });
  }, []);
  const value = useMemo<ListSelection>(
    () => ({ selected, setMany, toggle: (id, on) => setMany([id], on), clear: () => setSelected(new Set()) }),
    [selected, setMany],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useListSelection(): ListSelection {
  const value = useContext(Context);
  if (!value) throw new Error("useListSelection outside ListSelectionProvider");
  return value;
}
