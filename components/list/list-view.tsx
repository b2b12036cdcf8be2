"use client";

import { useState } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import type { ListQuery } from "@/lib/records/list-query";
import type { RecordPage } from "@/lib/records/types";
import type { ListSettings } from "@/lib/schema/types";
import { useI18n } from "../i18n-provider";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { FilterBar } from "./filter-bar";
import { ListEmpty } from "./list-empty";
import { ListHeader } from "./list-header";
import type { ListColumn, ListField } from "@/lib/records/list-view-model";
import { ListNavProvider, useListNav } from "./list-nav";
import { ListSelectionProvider, MAX_SELECTED, useListSelection } from "./list-selection";
import { ExportSelectedButton } from "./export-dialog";
import { TransferSelectedButton } from "./transfer-dialog";
import { Button } from "../ui/button";
import { ListTable } from "./list-table";
import { ListToolbar } from "./list-toolbar";
import { Pagination, shownTotal } from "./pagination";
import { SearchBox } from "./search-box";
import { hasCriteria } from "./list-url";
import { VerificationFilter } from "./verification-filter";
import { OwnerChip } from "./owner-chip";
import { TemplateTabs } from "../statistics/template-tabs";

/** What the list page hands over: the template's list model, the page of rows, and what the reader may do. */
export interface ListViewProps {
  templateKey: string;
  name: string;
  description: string;
  list: ListSettings;
  query: ListQuery;
  page: RecordPage;
  columns: ListColumn[];
  fields: ListField[];
  /** Titles of a few fields the search looks through, for the search box's placeholder. */
  searchFields: string[];
  /** Personal numbers the search matches by their last digits too. */
  searchEndings?: string[];
  can: { create: boolean; restore: boolean; loadDemo: boolean; personalData: boolean; transfer?: boolean };
  /** The template uses verification (双重验证): the list offers its state as a filter. */
  verification?: boolean;
  /** The name of the owner the list is narrowed to (`owner=` in the address), if any. */
  ownerName?: string;
}

/** A template's home: header and actions, search and filters, the table and paging, all driven by the URL. */
export function ListView(props: ListViewProps) {
  return (
    <ListNavProvider templateKey={props.templateKey} query={props.query} list={props.list}>
      <ListSelectionProvider>
        <ListFrame {...props} />
      </ListSelectionProvider>
    </ListNavProvider>
  );
}

/** A thin sliding bar while the next state of the list loads. */
export function PendingBar({ active, label }: { active: boolean; label: string }) {
  return (
    <div className="pointer-events-none absolute inset-x-0 top-0 h-0.5 overflow-hidden rounded-t-lg" role="progressbar" aria-hidden={!active} aria-label={label} hidden={!active}>
      <div className="h-full w-2/5 animate-progress-slide bg-blue-600" />
    </div>
  );
}

function ListFrame({ name, description, page, columns, fields, searchFields, searchEndings = [], can, verification = false, ownerName }: ListViewProps) {
  const { t } = useI18n();
  const { templateKey, query, isPending, hrefFor } = useListNav();
  // The 统计 tab opens with the list's filters (only those: a dashboard has no search or sort).
  const filtersOnly = new URLSearchParams([...new URLSearchParams(hrefFor(query).split("?")[1] ?? "")].filter(([k]) => k.startsWith("f.")));
  // On phones the many filter chips would push the table off screen; they fold behind a button.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const active = new Set(query.filters.map((f) => f.path)).size;
  return (
    <div className="flex flex-col gap-4">
      <TemplateTabs templateKey={templateKey} active="list" query={filtersOnly.size ? `?${filtersOnly}` : ""} />
      <ListHeader
        name={name}
        description={description}
        count={fmt(t.list.totalRecords, { n: shownTotal(page) })}
        badge={query.trash && <Badge tone="amber">{t.list.toolbar.trash}</Badge>}
        actions={<ListToolbar canCreate={can.create} canRestore={can.restore} total={page.total} totalLabel={shownTotal(page)} personalData={can.personalData} />}
      />
      <Card className="relative">
        <PendingBar active={isPending} label={t.list.pending} />
        {/* A template without any records has nothing to search or filter yet. */}
        <div hidden={page.total === 0 && !hasCriteria(query) && !query.trash} className="flex flex-col gap-3 border-b border-slate-100 px-4 py-3 sm:flex-row sm:flex-wrap sm:items-center sm:gap-2">
          <div className="flex items-center gap-2 sm:w-72">
            <SearchBox fields={searchFields} endings={searchEndings} personalData={can.personalData} />
            {fields.length > 0 && (
              <button
                type="button"
                className={cn(
                  "flex h-9 shrink-0 items-center gap-1.5 rounded-md border px-3 text-sm font-medium sm:hidden",
                  active ? "border-blue-200 bg-blue-50 text-blue-800" : "border-slate-300 bg-white text-slate-700",
                )}
                aria-expanded={filtersOpen}
                aria-controls="list-filters"
                onClick={() => setFiltersOpen((v) => !v)}
              >
                {t.list.filters.label}
                {active > 0 && <span className="rounded-full bg-blue-600 px-1.5 text-xs text-white tabular-nums">{active}</span>}
              </button>
            )}
          </div>
          <div id="list-filters" className={cn("sm:contents", !filtersOpen && !hasCriteria(query) && "hidden")}>
            <FilterBar fields={fields} collapsed={!filtersOpen} />
          </div>
          <OwnerChip name={ownerName} />
          {verification && <VerificationFilter />}
        </div>
        {query.trash && <p className="border-b border-amber-100 bg-amber-50 px-4 py-2 text-sm text-amber-900">{t.list.trashBanner}</p>}
        {!query.trash && <SelectionBar personalData={can.personalData} canTransfer={Boolean(can.transfer)} />}
        {page.rows.length > 0 ? (
          <ListTable name={name} columns={columns} rows={page.rows} canRestore={can.restore} />
        ) : (
          <div className={cn("transition-opacity", isPending && "opacity-60")}>
            <ListEmpty total={page.total} canCreate={can.create} canLoadDemo={can.loadDemo} />
          </div>
        )}
        {page.total > 0 && (
          <div className="border-t border-slate-100">
            <Pagination total={shownTotal(page)} pages={page.pages} capped={Boolean(page.totalCapped)} />
          </div>
        )}
      </Card>
    </div>
  );
}

/** What is ticked, and what can be done with it: 导出所选, 转移给… (administrators), 清除选择. Shown only while something is ticked. */
function SelectionBar({ personalData, canTransfer }: { personalData: boolean; canTransfer: boolean }) {
  const { t } = useI18n();
  const { selected, clear } = useListSelection();
  if (selected.size === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-blue-100 bg-blue-50 px-4 py-2 text-sm text-blue-900" role="region" aria-label={t.list.selection.exportSelected} data-testid="list-selection">
      <span className="font-medium tabular-nums" aria-live="polite">
        {fmt(t.list.selection.count, { n: selected.size })}
      </span>
      {selected.size >= MAX_SELECTED && <span className="text-xs text-blue-800">{fmt(t.list.selection.capped, { max: MAX_SELECTED })}</span>}
      <span className="ml-auto flex items-center gap-2">
        <Button variant="ghost" size="sm" onClick={clear}>
          {t.list.selection.clear}
        </Button>
        {canTransfer && <TransferSelectedButton ids={[...selected]} onDone={clear} />}
        <ExportSelectedButton ids={[...selected]} personalData={personalData} />
      </span>
    </div>
  );
}
