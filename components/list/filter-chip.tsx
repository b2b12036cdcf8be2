"use client";

import { useRef } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import type { FieldFilter } from "@/lib/records/list-query";
import { useI18n } from "../i18n-provider";
import { cn } from "../ui/cn";
import { Popover } from "../ui/popover";
import { filterSummary } from "./filter-draft";
import { FilterEditor } from "./filter-editor";
import type { ListField } from "@/lib/records/list-view-model";

const Chevron = () => (
  <svg viewBox="0 0 20 20" className="size-3.5 shrink-0 opacity-60" fill="currentColor" aria-hidden="true">
    <path fillRule="evenodd" d="M5.23 7.21a.75.75 0 011.06.02L10 11.17l3.71-3.94a.75.75 0 111.08 1.04l-4.25 4.5a.75.75 0 01-1.08 0l-4.25-4.5a.75.75 0 01.02-1.06z" clipRule="evenodd" />
  </svg>
);

/**
 * One field's filter as a chip: "保险类型" when unused, "保险类型：车险、健康险" with a remove button
 * when active. Clicking it opens the field's editor in a popover.
 */
export function FilterChip({
  field,
  filters,
  open,
  onOpenChange,
  onApply,
  className,
}: {
  className?: string;
  field: ListField;
  filters: FieldFilter[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onApply: (filters: FieldFilter[]) => void;
}) {
  const { t, locale } = useI18n();
  const trigger = useRef<HTMLButtonElement>(null);
  const summary = filterSummary(field, filters, t.list.filters, locale);
  const active = summary !== "";
  const text = active ? `${field.label}${t.common.colon}${summary}` : field.label;
  const finish = (next: FieldFilter[]) => {
    onApply(next);
    onOpenChange(false);
    trigger.current?.focus();
  };
  return (
    <div className={cn("relative", className)}>
      <div
        className={cn(
          "flex h-8 max-w-full items-stretch rounded-full border text-sm transition-colors",
          active ? "border-blue-200 bg-blue-50 text-blue-800" : "border-dashed border-slate-300 bg-white text-slate-600 hover:border-slate-400 hover:text-slate-900",
          open && "ring-2 ring-blue-600/30",
        )}
      >
        <button
          ref={trigger}
          type="button"
          className={cn("flex min-w-0 items-center gap-1 rounded-full pl-3 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600", active ? "pr-1" : "pr-2.5")}
          aria-expanded={open}
          aria-haspopup="dialog"
          aria-label={fmt(t.list.filters.edit, { field: text })}
          title={active ? text : undefined}
          onClick={() => onOpenChange(!open)}
        >
          <span className="max-w-[16rem] truncate sm:max-w-[22rem]">
            {active ? (
              <>
                <span className="text-blue-700/80">{field.label}</span>
                {t.common.colon}
                <span className="font-medium">{summary}</span>
              </>
            ) : (
              field.label
            )}
          </span>
          {!active && <Chevron />}
        </button>
        {active && (
          <button
            type="button"
            className="mr-0.5 flex w-7 shrink-0 items-center justify-center rounded-full text-blue-700/70 hover:bg-blue-100 hover:text-blue-900 focus-visible:outline-2 focus-visible:outline-blue-600"
            aria-label={fmt(t.list.filters.remove, { field: field.label })}
            onClick={() => onApply([])}
          >
            <svg viewBox="0 0 20 20" className="size-3.5" fill="currentColor" aria-hidden="true">
              <path d="M6.28 5.22a.75.75 0 00-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 101.06 1.06L10 11.06l3.72 3.72a.75.75 0 101.06-1.06L11.06 10l3.72-3.72a.75.75 0 00-1.06-1.06L10 8.94 6.28 5.22z" />
            </svg>
          </button>
        )}
      </div>
      <Popover open={open} onClose={() => onOpenChange(false)} triggerRef={trigger} label={field.label}>
        <FilterEditor field={field} filters={filters} onApply={finish} onClear={() => finish([])} />
      </Popover>
    </div>
  );
}
