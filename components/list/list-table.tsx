"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState, type MouseEvent } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import type { RecordRow } from "@/lib/records/types";
import { useI18n } from "../i18n-provider";
import { cn } from "../ui/cn";
import { formatValue } from "@/lib/schema/format-value";
import type { Locale } from "@/lib/schema/messages";
import type { Dictionary } from "@/lib/i18n/dictionaries";
import { Badge } from "../ui/badge";
import { LocalDateTime } from "../ui/local-date-time";
import { ListCell } from "./list-cell";
import type { ListColumn } from "@/lib/records/list-view-model";
import { isModifiedClick, useListNav } from "./list-nav";
import { nextSort, patchQuery } from "./list-url";
import { useListSelection } from "./list-selection";
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
 * What the first cell's link says when its column is empty (客户编号 is optional): the record's
 * title, else 未命名 with the first key-like value the row has (保单号…), never a bare 查看.
 */
function blankFirstCell(row: RecordRow, columns: ListColumn[], t: Dictionary, locale: Locale): string {
  if (row.title.trim()) return row.title;
  const key = columns.slice(1).find((c) => !c.meta && !isBlank(row.cells[c.id]));
  return key ? fmt(t.list.table.untitledWith, { key: String(formatValue(key.kind, row.cells[key.id], locale)) }) : fmt(t.list.table.untitledWith, { key: "" }).trim();
}

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
  // Rows are ticked for 导出所选 (not in the recycle bin, which exports nothing).
  const { selected, toggle, setMany } = useListSelection();
  const selectable = !trash;
  const pageIds = rows.map((r) => r.id);
  const ticked = pageIds.filter((id) => selected.has(id)).length;
  const pageBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (pageBox.current) pageBox.current.indeterminate = ticked > 0 && ticked < pageIds.length;
  }, [ticked, pageIds.length]);
  const sortLabel = (dir: "asc" | "desc") => (dir === "asc" ? t.list.table.sortAsc : t.list.table.sortDesc);
  // Columns hidden to the right (更新时间 at 1280 px): a fading edge and a hint say so until the
  // reader has scrolled to them.
  const [moreRight, setMoreRight] = useState(false);
  const measure = useCallback(() => {
    const el = scroller.current;
    if (el) setMoreRight(el.scrollLeft + el.clientWidth < el.scrollWidth - 2);
  }, []);
  useEffect(() => {
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, [measure, columns.length, rows.length]);

  return (
    <>
    <ListCards name={name} columns={columns} rows={rows} href={recordHref} go={go} />
    <div className="relative hidden sm:block">
    <div
      ref={scroller}
      onScroll={measure}
      className={cn("relative overflow-auto transition-opacity lg:max-h-[calc(100dvh-23.5rem)]", isPending && "opacity-60")}
      aria-busy={isPending || undefined}
      data-testid="list-scroller"
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
                  {i === 0 && selectable && (
                    <input
                      ref={pageBox}
                      type="checkbox"
                      className="mr-2 size-4 align-middle accent-blue-600"
                      aria-label={t.list.selection.selectPage}
                      checked={ticked > 0 && ticked === pageIds.length}
                      onChange={(e) => setMany(pageIds, e.target.checked)}
                    />
                  )}
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
                    {selectable && (
                      <input
                        type="checkbox"
                        className="mr-2 size-4 align-middle accent-blue-600"
                        aria-label={fmt(t.list.selection.selectRow, { title: row.title || blankFirstCell(row, columns, t, locale) })}
                        checked={selected.has(row.id)}
                        onChange={(e) => toggle(row.id, e.target.checked)}
                      />
                    )}
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
                      {isBlank(row.cells[c.id]) ? <span data-blank-first="">{blankFirstCell(row, columns, t, locale)}</span> : <ListCell column={c} value={row.cells[c.id]} t={t} locale={locale} />}
                      {c.id !== list.titleField && !isBlank(row.cells[c.id]) && <span className="sr-only">{fmt(t.list.table.ofRecord, { title: row.title || t.list.table.untitled })}</span>}
                    </Link>
                    {row.incomplete && (
                      <Badge tone="amber" className="ml-2">
                        {fmt(t.list.incomplete, { sections: row.incomplete.join(t.common.listSeparator) })}
                      </Badge>
                    )}
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
    {moreRight && (
      <div className="pointer-events-none absolute inset-y-0 right-0 z-30 w-16 bg-gradient-to-l from-white via-white/60 to-transparent" data-testid="more-columns">
        <span className="absolute top-1.5 right-1.5 rounded bg-slate-800/85 px-1.5 py-0.5 text-[11px] whitespace-nowrap text-white shadow-sm">{t.list.table.moreColumns} →</span>
      </div>
    )}
    </div>
    </>
  );
}

/**
 * The same rows on a phone: one card per record with its title, the next three columns and the
 * first choice column (a status) as a badge; the whole card opens the record.
 */
function ListCards({ name, columns, rows, href, go }: { name: string; columns: ListColumn[]; rows: RecordRow[]; href: (row: RecordRow) => string; go: (href: string) => void }) {
  const { t, locale } = useI18n();
  const { list } = useListNav();
  const [first, ...rest] = columns;
  const status = [...rest].reverse().find((c) => c.kind === "select");
  const shown = rest.filter((c) => c !== status && !c.meta && c.id !== list.titleField).slice(0, 3);
  if (!first) return null;
  return (
    <ul className="flex flex-col divide-y divide-slate-100 sm:hidden" aria-label={fmt(t.list.table.cards, { name })} data-testid="list-cards">
      {rows.map((row) => (
        <li key={row.id}>
          <Link
            prefetch={false}
            href={href(row)}
            onClick={(e) => {
              if (isModifiedClick(e)) return;
              e.preventDefault();
              go(href(row));
            }}
            className="flex flex-col gap-1.5 px-4 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600"
          >
            <span className="flex items-start justify-between gap-2">
              <span className="min-w-0">
                <span className="block truncate font-medium text-blue-700">
                  {isBlank(row.cells[first.id]) ? blankFirstCell(row, columns, t, locale) : <ListCell column={first} value={row.cells[first.id]} t={t} locale={locale} />}
                </span>
                {row.title && first.id !== list.titleField && !isBlank(row.cells[first.id]) && <span className="block truncate text-sm text-slate-700">{row.title}</span>}
                {row.incomplete && (
                  <Badge tone="amber" className="mt-0.5">
                    {fmt(t.list.incomplete, { sections: row.incomplete.join(t.common.listSeparator) })}
                  </Badge>
                )}
              </span>
              {status && !isBlank(row.cells[status.id]) && <ListCell column={status} value={row.cells[status.id]} t={t} locale={locale} />}
            </span>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
              {shown.map((c) => (
                <div key={c.id} className="contents">
                  <dt className="text-slate-500">{c.title}</dt>
                  <dd className="min-w-0 truncate text-slate-700">
                    <ListCell column={c} value={row.cells[c.id]} t={t} locale={locale} />
                  </dd>
                </div>
              ))}
            </dl>
          </Link>
        </li>
      ))}
    </ul>
  );
}
