"use client";

import { useState } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import { listQueryToParams } from "@/lib/records/list-query";
import { useI18n } from "../i18n-provider";
import { Button, buttonClass } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { useToast } from "../ui/toast";
import { useListNav } from "./list-nav";

type Format = "xlsx" | "csv";
type Columns = "list" | "all";
type Tables = "flat" | "sheets";

/**
 * 导出: the list view as it stands (filters, search, sort) to .xlsx or .csv. The file streams from
 * the server as a download, so the page stays usable while a large export comes in.
 */
export function ExportButton({ total, totalLabel, personalData }: { total: number; totalLabel: string; personalData: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <svg viewBox="0 0 20 20" className="size-4 text-slate-500" fill="currentColor" aria-hidden="true">
          <path d="M10.75 2.75a.75.75 0 00-1.5 0v8.614L6.295 8.235a.75.75 0 10-1.09 1.03l4.25 4.5a.75.75 0 001.09 0l4.25-4.5a.75.75 0 00-1.09-1.03l-2.955 3.129V2.75z" />
          <path d="M3.5 12.75a.75.75 0 00-1.5 0v2.5A2.75 2.75 0 004.75 18h10.5A2.75 2.75 0 0018 15.25v-2.5a.75.75 0 00-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5z" />
        </svg>
        {t.exports.button}
      </Button>
      <ExportDialog open={open} onClose={() => setOpen(false)} total={total} totalLabel={totalLabel} personalData={personalData} />
    </>
  );
}

/**
 * 导出所选: the ticked rows only, in the list's sort order. The filters are left out on purpose:
 * rows ticked under an earlier search are still wanted.
 */
export function ExportSelectedButton({ ids, personalData }: { ids: string[]; personalData: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="primary" size="sm" onClick={() => setOpen(true)} disabled={ids.length === 0}>
        {t.list.selection.exportSelected}
      </Button>
      <ExportDialog open={open} onClose={() => setOpen(false)} total={ids.length} totalLabel={String(ids.length)} personalData={personalData} ids={ids} />
    </>
  );
}

function ExportDialog({ open, onClose, total, totalLabel, personalData, ids }: { open: boolean; onClose: () => void; total: number; totalLabel: string; personalData: boolean; ids?: string[] }) {
  const { t } = useI18n();
  const d = t.exports;
  const toast = useToast();
  const { templateKey, query, list } = useListNav();
  const [format, setFormat] = useState<Format>("xlsx");
  const [columns, setColumns] = useState<Columns>("all");
  const [tables, setTables] = useState<Tables>("flat");
  const [personal, setPersonal] = useState(false);

  const params = listQueryToParams(query, list);
  params.delete("page");
  params.delete("size");
  if (ids) {
    for (const name of [...params.keys()]) if (name !== "sort" && name !== "dir") params.delete(name);
    params.set("ids", ids.join(","));
  }
  params.set("format", format);
  params.set("columns", columns);
  if (columns === "all") params.set("tables", format === "csv" ? "flat" : tables);
  if (personal) params.set("personal", "1");
  params.set("tz", Intl.DateTimeFormat().resolvedOptions().timeZone);
  const href = `/api/templates/${encodeURIComponent(templateKey)}/records/export?${params.toString()}`;

  const radio = <T extends string>(name: string, value: T, current: T, set: (v: T) => void, label: string, disabled = false) => (
    <label key={value} className="flex items-start gap-2 text-sm text-slate-700">
      <input type="radio" name={name} className="mt-1" checked={current === value} disabled={disabled} onChange={() => set(value)} />
      <span className={disabled ? "text-slate-400" : undefined}>{label}</span>
    </label>
  );

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={d.title}
      className="max-w-lg"
      footer={
        <>
          <Button onClick={onClose}>{t.common.actions.cancel}</Button>
          {total > 0 ? (
            <a
              href={href}
              download
              className={buttonClass("primary")}
              onClick={() => {
                toast(d.started, "info");
                onClose();
              }}
            >
              {d.start}
            </a>
          ) : (
            <Button variant="primary" disabled>
              {d.start}
            </Button>
          )}
        </>
      }
    >
      <div className="flex flex-col gap-4">
        <p className="text-sm text-slate-600">{total > 0 ? fmt(ids ? d.scopeSelected : d.scope, { n: totalLabel }) : d.scopeEmpty}</p>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm font-medium text-slate-800">{d.format}</legend>
          {(["xlsx", "csv"] as const).map((v) => radio("export-format", v, format, setFormat, d.formats[v]))}
          {/* Excel opens a CSV's ID numbers and 0001 codes as numbers (tester round 9 P2-9): said where CSV is chosen. */}
          {format === "csv" && <p className="text-xs text-amber-700">{d.csvNumbers}</p>}
        </fieldset>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm font-medium text-slate-800">{d.columns}</legend>
          {(["list", "all"] as const).map((v) => radio("export-columns", v, columns, setColumns, d.columnOptions[v]))}
        </fieldset>
        {columns === "all" && (
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 text-sm font-medium text-slate-800">{d.tables}</legend>
            {radio("export-tables", "flat", format === "csv" ? "flat" : tables, setTables, d.tableOptions.flat)}
            {radio("export-tables", "sheets", format === "csv" ? "flat" : tables, setTables, d.tableOptions.sheets, format === "csv")}
            {format === "csv" && <p className="text-xs text-slate-500">{d.sheetsXlsxOnly}</p>}
          </fieldset>
        )}
        {personalData ? (
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input type="checkbox" className="mt-1" checked={personal} onChange={(e) => setPersonal(e.target.checked)} />
            <span>
              {d.personal}
              <span className="block text-xs text-slate-500">{d.personalHelp}</span>
            </span>
          </label>
        ) : (
          <p className="text-xs text-slate-500">{d.personalMasked}</p>
        )}
        <p className="text-xs text-slate-500">{d.formulaNote}</p>
      </div>
    </Dialog>
  );
}
