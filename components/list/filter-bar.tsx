"use client";

import { useState } from "react";
import type { FieldFilter } from "@/lib/records/list-query";
import { useI18n } from "../i18n-provider";
import { cn } from "../ui/cn";
import { AddFilterMenu } from "./add-filter-menu";
import { FilterChip } from "./filter-chip";
import type { ListField } from "@/lib/records/list-view-model";
import { useListNav } from "./list-nav";
import { clearCriteria, hasCriteria, replaceFieldFilters } from "./list-url";

/**
 * The filter bar generated from the template: chips for `x-filterable` fields and for every field
 * in use, "添加筛选" for the rest, and "清除全部" (filters and search). Only one editor is open at a time.
 * `collapsed` (phones) shows only the filters in use.
 */
export function FilterBar({ fields, collapsed = false }: { fields: ListField[]; collapsed?: boolean }) {
  const { t } = useI18n();
  const { query, navigate } = useListNav();
  const [openPath, setOpenPath] = useState<string | null>(null);
  // A field picked from the menu gets a chip while its editor is open, before it has a value.
  const [adding, setAdding] = useState<string | null>(null);
  const activePaths = new Set(query.filters.map((f) => f.path));
  // Pinned chips keep their places; other fields in use follow them in the order they were added.
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const extra = [...new Set([...query.filters.map((f) => f.path), ...(adding ? [adding] : [])])]
    .map((p) => byPath.get(p))
    .filter((f): f is ListField => !!f && !f.pinned);
  const shown = [...fields.filter((f) => f.pinned), ...extra];

  const apply = (path: string, filters: FieldFilter[]) => {
    setAdding(null);
    navigate(replaceFieldFilters(query, path, filters));
  };
  const openChange = (path: string, open: boolean) => {
    setOpenPath(open ? path : null);
    if (!open && path === adding) setAdding(null);
  };
  const pick = (path: string) => {
    if (!shown.some((f) => f.path === path)) setAdding(path);
    setOpenPath(path);
  };

  if (fields.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 sm:contents" role="group" aria-label={t.list.filters.label}>
      <svg viewBox="0 0 20 20" className={cn("size-4 shrink-0 text-slate-400", collapsed && "hidden sm:block")} fill="currentColor" aria-hidden="true">
        <path d="M2.628 1.601C5.028 1.206 7.49 1 10 1s4.973.206 7.372.601a.75.75 0 01.628.74v2.288a2.25 2.25 0 01-.659 1.59l-4.682 4.683a2.25 2.25 0 00-.659 1.59v3.037c0 .684-.31 1.33-.844 1.757l-1.937 1.55A.75.75 0 018 18.25v-5.757a2.25 2.25 0 00-.659-1.591L2.659 6.22A2.25 2.25 0 012 4.629V2.34a.75.75 0 01.628-.74z" />
      </svg>
      {shown.map((f) => (
        <FilterChip
          key={f.path}
          className={cn(collapsed && !activePaths.has(f.path) && f.path !== openPath && "hidden sm:block")}
          field={f}
          filters={query.filters}
          open={openPath === f.path}
          onOpenChange={(open) => openChange(f.path, open)}
          onApply={(filters) => apply(f.path, filters)}
        />
      ))}
      <AddFilterMenu fields={fields} activePaths={activePaths} onPick={pick} className={cn(collapsed && "hidden sm:block")} />
      {hasCriteria(query) && (
        <button
          type="button"
          className="h-8 rounded-full px-2.5 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          onClick={() => navigate(clearCriteria(query))}
        >
          {t.list.filters.clearAll}
        </button>
      )}
    </div>
  );
}
