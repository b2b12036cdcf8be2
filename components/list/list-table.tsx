"use client";

import Link from "next/link";
import { useEffect, useRef, type MouseEvent } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import type { RecordRow } from "@/lib/records/types";
import { useI18n } from "../i18n-provider";
import { cn } from "../ui/cn";
import { LocalDateTime } from "../ui/local-date-time";
import { ListCell } from "./list-cell";
import type { ListColumn } from "@/lib/records/list-view-model";
import { isModifiedClick, useListNav } from "./list-nav";
import { nextSort, patchQuery } from "./list-url";
import { RestoreButton } from "./restore-button";

function SortIcon({ dir }: { dir: "asc" | "desc" | null }) {
  return (
    <svg viewBox="0 0 12 16" className="size-3 shrink-0" aria-hidden="true">
      <path d="M6 2l3.5 4.5h-7z" className={dir === "asc" ? "fill-blue-600" : "fill-slate-300"} />
      <path d="M6 14l-3.5-4.5h7z" className={dir === "desc" ? "fill-blue-600" : "fill-slate-300"} />
    </svg>
  );
}

const isBlank = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/**
 * The records table: columns from the template's list settings, sortable headers, rows that open
 * the record on click (and through the real link in the first cell, for keyboards and new tabs).
 * The header stays in view while the rows scroll; wide tables scroll sideways with the first
 * column held in place.
 */
export function ListTable({ name, columns, rows, canRestore }: { name: string; columns: ListColumn[]; rows: RecordRow[]; canRestore: boolean }) {
  const { t, locale } = useI18n();
  const { base, query, list, navigate, go, hrefFor, isPending } = useListNav();
  const scroller = useRef<HTMLDivElement>(null);
  const trash = query.trash;
  const firstRowId = rows[0]?.id;
  // A new page of rows starts at its top, also when the table scrolls by itself.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [firstRowId]);

  const recordHref = (row: RecordRow) => `${base}/r/${row.id}`;
  const onRowClick = (e: MouseEvent<HTMLTableRowElement>, row: RecordRow) => {
    if ((e.target as HTMLElement).closest("a, button, input, label")) return;
    // Selecting text in a cell is not a click on the row.
    if (window.getSelection()?.toString()) return;
    if (isModifiedClick(e)) window.open(recordHref(row), "_blank", "noopener");
    else go(recordHref(row));
  };
  const sortLabel = (dir: "asc" | "desc") => (dir === "asc" ? t.list.table.sortAsc : t.list.table.sortDesc);

  return (
    <div
      ref={scroller}
      className={cn("relative overflow-auto transition-opacity lg:max-h-[calc(100dvh-23.5rem)]", isPending && "opacity-60")}
      aria-busy={isPending || undefined}
    >
      <table className="w-full border-separate border-spacing-0 text-sm">
        <caption className="sr-only">{fmt(t.list.table.caption, { name })}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => {
              const dir = query.sort.field === c.id ? query.sort.dir : null;
              const title = c.meta ? (t.list.meta[c.id] ?? c.id) : c.title;
              return (
                <th
                  key={c.id}
                  scope="col"
                  aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : undefined}
                  className={cn(
                    "sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-semibold whitespace-nowrap text-slate-600",
                    i === 0 && "left-0 z-20 border-r border-r-slate-100",
                    c.numeric && "text-right",
                  )}
                >
                  {c.sortable ? (
                    <Link
                      prefetch={false}
                      href={hrefFor(patchQuery(query, { sort: nextSort(query, c.id) }))}
                      scroll={false}
                      onClick={(e) => {
                        if (isModifiedClick(e)) return;
                        e.preventDefault();
                        navigate(patchQuery(query, { sort: nextSort(query, c.id) }));
                      }}
                      className={cn("-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600", c.numeric && "flex-row-reverse", dir && "text-slate-900")}
                      title={fmt(t.list.table.sortBy, { field: title })}
                    >
                      {title}
                      <SortIcon dir={dir} />
                      {dir && <span className="sr-only">（{sortLabel(dir)}）</span>}
                    </Link>
                  ) : (
                    title
                  )}
                </th>
              );
            })}
            {trash && (
              <>
                <th scope="col" className="sticky top-0 z-10 border-b border-slate-200 bg-slate-50 px-3 py-2 text-left text-xs font-semibold whitespace-nowrap text-slate-600">
                  {t.list.table.deletedAt}
                </th>
                {canRestore && (
                  <th scope="col" className="sticky top-0 right-0 z-20 border-b border-l border-slate-200 border-l-slate-100 bg-slate-50 px-3 py-2 text-right text-xs font-semibold whitespace-nowrap text-slate-600">
                    <span className="sr-only">{t.list.table.actions}</span>
                  </th>
                )}
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} onClick={(e) => onRowClick(e, row)} className="group cursor-pointer">
              {columns.map((c, i) => {
                const cellClass = cn(
                  "border-b border-slate-100 px-3 py-2.5 whitespace-nowrap text-slate-700 group-last:border-b-0 group-focus-within:bg-slate-50 group-hover:bg-slate-50",
                  c.numeric && "text-right",
                  i === 0 && "sticky left-0 z-[1] border-r border-r-slate-100 bg-white font-medium",
                );
                if (i > 0) {
                  return (
                    <td key={c.id} className={cn(cellClass, "bg-white")}>
                      <ListCell column={c} value={row.cells[c.id]} t={t} locale={locale} />
                    </td>
                  );
                }
                return (
                  <th key={c.id} scope="row" className={cn(cellClass, "text-left")}>
                    {/* No prefetch: a page of rows would otherwise load every record behind it. */}
                    <Link
                      prefetch={false}
                      href={recordHref(row)}
                      onClick={(e) => {
                        if (isModifiedClick(e)) return;
                        e.preventDefault();
                        go(recordHref(row));
                      }}
                      className="rounded text-blue-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
                    >
                      {/* The link must read as one when its column is blank (a record without 客户编号). */}
                      {isBlank(row.cells[c.id]) ? <span>{t.list.table.openBlank}</span> : <ListCell column={c} value={row.cells[c.id]} t={t} locale={locale} />}
                      {c.id !== list.titleField && <span className="sr-only">{fmt(t.list.table.ofRecord, { title: row.title || t.list.table.untitled })}</span>}
                    </Link>
                  </th>
                );
              })}
              {trash && (
                <>
                  <td className="border-b border-slate-100 bg-white px-3 py-2.5 whitespace-nowrap group-last:border-b-0 group-hover:bg-slate-50">
                    {row.deletedAt && <LocalDateTime iso={row.deletedAt} className="text-slate-500 tabular-nums" />}
                  </td>
                  {canRestore && (
                    <td className="sticky right-0 border-b border-l border-slate-100 bg-white px-3 py-1.5 text-right whitespace-nowrap group-last:border-b-0 group-hover:bg-slate-50">
                      <RestoreButton row={row} />
                    </td>
                  )}
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
