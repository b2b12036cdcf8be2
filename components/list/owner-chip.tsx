"use client";

import { fmt } from "@/lib/i18n/dictionaries";
import { useI18n } from "../i18n-provider";
import { useListNav } from "./list-nav";
import { patchQuery } from "./list-url";

/**
 * The list narrowed to one owner's records (a row of a statistics table by 负责人 links here): a
 * chip with the owner's name and a remove button, like an active field filter. Nothing without one.
 */
export function OwnerChip({ name }: { name?: string }) {
  const { t } = useI18n();
  const { query, navigate } = useListNav();
  if (!query.owner) return null;
  const label = t.list.meta["@owner"];
  const text = `${label}${t.common.colon}${name ?? t.list.filters.unknownOwner}`;
  return (
    <div className="flex h-8 max-w-full items-center rounded-full border border-blue-200 bg-blue-50 pl-3 text-sm text-blue-800" data-testid="owner-filter" title={text}>
      <span className="max-w-[16rem] truncate">
        <span className="text-blue-700/80">{label}</span>
        {t.common.colon}
        <span className="font-medium">{name ?? t.list.filters.unknownOwner}</span>
      </span>
      <button
        type="button"
        className="mr-0.5 ml-1 flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-blue-700/70 hover:bg-blue-100 hover:text-blue-900 focus-visible:outline-2 focus-visible:outline-blue-600"
        aria-label={fmt(t.list.filters.remove, { field: label })}
        onClick={() => navigate(patchQuery(query, { owner: undefined }))}
      >
        <svg viewBox="0 0 20 20" className="size-3.5" fill="currentColor" aria-hidden="true">
          <path d="M6.28 5.22a.75.75 0 00-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 101.06 1.06L10 11.06l3.72 3.72a.75.75 0 101.06-1.06L11.06 10l3.72-3.72a.75.75 0 00-1.06-1.06L10 8.94 6.28 5.22z" />
        </svg>
      </button>
    </div>
  );
}
