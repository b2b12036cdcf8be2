"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import { PAGE_SIZES } from "@/lib/records/list-query";
import { useI18n } from "../i18n-provider";
import { cn } from "../ui/cn";
import { isModifiedClick, useListNav } from "./list-nav";
import { pageWindow, patchQuery } from "./list-url";

const cell = "flex h-8 min-w-8 items-center justify-center rounded-md px-2 text-sm tabular-nums";

const icons = {
  first: "M15.8 14.8a.75.75 0 01-1.06 0l-4.25-4.25a.75.75 0 010-1.06l4.25-4.25a.75.75 0 111.06 1.06L12.06 10l3.74 3.74a.75.75 0 010 1.06zm-6 0a.75.75 0 01-1.06 0L4.49 10.55a.75.75 0 010-1.06l4.25-4.25a.75.75 0 011.06 1.06L6.06 10l3.74 3.74a.75.75 0 010 1.06z",
  prev: "M12.8 14.8a.75.75 0 01-1.06 0l-4.25-4.25a.75.75 0 010-1.06l4.25-4.25a.75.75 0 111.06 1.06L9.06 10l3.74 3.74a.75.75 0 010 1.06z",
  next: "M7.2 5.2a.75.75 0 011.06 0l4.25 4.25a.75.75 0 010 1.06L8.26 14.76a.75.75 0 11-1.06-1.06L10.94 10 7.2 6.26a.75.75 0 010-1.06z",
  last: "M4.2 5.2a.75.75 0 011.06 0l4.25 4.25a.75.75 0 010 1.06L5.26 14.76a.75.75 0 11-1.06-1.06L7.94 10 4.2 6.26a.75.75 0 010-1.06zm6 0a.75.75 0 011.06 0l4.25 4.25a.75.75 0 010 1.06l-4.25 4.25a.75.75 0 11-1.06-1.06L13.94 10 10.2 6.26a.75.75 0 010-1.06z",
};

/** "共 N 条", the page size, and first / previous / page numbers / next / last, all as links. */
/** A page's total as shown: "1,000+" when the count stopped there (a text search). */
export function shownTotal(page: { total: number; totalCapped?: boolean }): string {
  return `${page.total.toLocaleString()}${page.totalCapped ? "+" : ""}`;
}

export function Pagination({ total, pages, capped = false }: { total: string; pages: number; capped?: boolean }) {
  const { t } = useI18n();
  const tp = t.list.pagination;
  const { query, navigate, hrefFor } = useListNav();
  const page = query.page;

  const pageLink = (p: number, label: string, children: ReactNode, className?: string) => {
    const disabled = p < 1 || p > pages || p === page;
    if (disabled) {
      return (
        <span className={cn(cell, "text-slate-300", className)} aria-hidden="true">
          {children}
        </span>
      );
    }
    const target = patchQuery(query, { page: p });
    return (
      <Link
        prefetch={false}
        href={hrefFor(target)}
        scroll={false}
        aria-label={label}
        onClick={(e) => {
          if (isModifiedClick(e)) return;
          e.preventDefault();
          navigate(target);
        }}
        className={cn(cell, "text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600", className)}
      >
        {children}
      </Link>
    );
  };
  const icon = (d: string) => (
    <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
      <path fillRule="evenodd" d={d} clipRule="evenodd" />
    </svg>
  );

  return (
    <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
      <div className="flex items-center gap-3 text-sm text-slate-600">
        <span className="tabular-nums">{fmt(t.list.total, { n: total })}</span>
        <label className="flex items-center gap-1.5">
          <span className="sr-only">{tp.pageSize}</span>
          <select
            value={query.size}
            onChange={(e) => navigate(patchQuery(query, { size: Number(e.target.value) }))}
            className="h-8 rounded-md border border-slate-300 bg-white pr-7 pl-2 text-sm text-slate-700 focus:outline-2 focus:-outline-offset-1 focus:outline-blue-600"
          >
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {fmt(tp.perPage, { n: s })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <nav aria-label={tp.label} className="ml-auto flex items-center gap-0.5">
        {pageLink(1, tp.first, icon(icons.first))}
        {pageLink(page - 1, tp.prev, icon(icons.prev))}
        <span className={cn(cell, "text-slate-700 sm:hidden")} aria-current="page">
          {fmt(tp.pageOf, { page, pages: capped ? `${pages}+` : pages })}
        </span>
        <span className="hidden items-center gap-0.5 sm:flex">
          {pageWindow(page, pages).map((p, i) =>
            p === "gap" ? (
              <span key={`gap-${i}`} className={cn(cell, "text-slate-400")} aria-hidden="true">
                …
              </span>
            ) : p === page ? (
              <span key={p} className={cn(cell, "bg-blue-600 font-medium text-white")} aria-current="page" aria-label={fmt(tp.page, { n: p })}>
                {p}
              </span>
            ) : (
              <span key={p}>{pageLink(p, fmt(tp.page, { n: p }), p)}</span>
            ),
          )}
        </span>
        {pageLink(page + 1, tp.next, icon(icons.next))}
        {/* The last page of a capped total is not known. */}
        {!capped && pageLink(pages, tp.last, icon(icons.last))}
      </nav>
    </div>
  );
}
