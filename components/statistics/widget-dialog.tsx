"use client";

import { useState } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import type { EditorField } from "@/lib/statistics/get-statistics-page";
import type { Widget } from "@/lib/statistics/widget";
import { CHARTS_OF, OWNER, WIDGET_KINDS, type WidgetKind } from "@/lib/statistics/widget-kinds";
import { useI18n } from "../i18n-provider";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { FormField, Input, Select } from "../ui/form-controls";

/**
 * Adds or edits one widget: its kind, the field it groups by (only fields that fit the kind and
 * are not personal data), count or a sum, the chart, and whether it keeps the page's current
 * filters. Returns the widget; the dashboard saves it.
 */
export function WidgetDialog({
  open,
  initial,
  editor,
  currentFilter,
  busy,
  onSave,
  onClose,
}: {
  open: boolean;
  initial: Widget | null;
  editor: { group: Record<WidgetKind, EditorField[]>; sum: EditorField[] };
  /** The page's filters as list parameters ("" when none). */
  currentFilter: string;
  busy: boolean;
  onSave: (widget: Widget) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog open={open} onClose={onClose} title={initial ? t.statistics.dialog.editTitle : t.statistics.dialog.addTitle} className="max-w-lg">
      {open && <WidgetForm key={initial?.id ?? "new"} initial={initial} editor={editor} currentFilter={currentFilter} busy={busy} onSave={onSave} onClose={onClose} />}
    </Dialog>
  );
}

function WidgetForm({ initial, editor, currentFilter, busy, onSave, onClose }: { initial: Widget | null; editor: { group: Record<WidgetKind, EditorField[]>; sum: EditorField[] }; currentFilter: string; busy: boolean; onSave: (w: Widget) => void; onClose: () => void }) {
  const { t } = useI18n();
  const d = t.statistics.dialog;
  const [kind, setKind] = useState<WidgetKind>(initial?.kind ?? "byChoice");
  const [title, setTitle] = useState(initial?.title ?? "");
  const [field, setField] = useState(initial?.field ?? "");
  const [sum, setSum] = useState(initial?.sum ?? "");
  const [chart, setChart] = useState<string>(initial?.chart ?? "");
  const [limit, setLimit] = useState(String(initial?.limit ?? 10));
  const [filterChoice, setFilterChoice] = useState<"keep" | "current" | "none">(initial?.filter ? "keep" : currentFilter ? "current" : "none");
  const [tried, setTried] = useState(false);
  // A new widget's id: random, so two editors adding at once never collide (ids are [A-Za-z0-9_-]).
  // (getRandomValues, unlike randomUUID, also works on a plain-http address.)
  const [newId] = useState(() => `w${Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, "0")).join("")}`);
  const groups = editor.group[kind];
  // Rows of a table add up their own columns; a record-level grouping adds up record-level fields.
  const fieldTable = kind === "number" ? undefined : field === OWNER ? null : (groups.find((f) => f.path === field)?.table ?? null);
  const sums = editor.sum.filter((f) => fieldTable === undefined || f.table === fieldTable);
  const charts = CHARTS_OF[kind];
  const fieldOk = kind === "number" || groups.some((f) => f.path === field) || (kind === "topN" && field === OWNER);
  const titleOk = title.trim().length > 0;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!fieldOk || !titleOk) return;
    const filter = filterChoice === "keep" ? initial?.filter : filterChoice === "current" ? currentFilter : undefined;
    onSave({
      id: initial?.id ?? newId,
      kind,
      title: title.trim(),
      ...(kind !== "number" ? { field } : {}),
      ...(sum && sums.some((f) => f.path === sum) ? { sum } : {}),
      ...(charts.length ? { chart: (charts as string[]).includes(chart) ? (chart as Widget["chart"]) : charts[0] } : {}),
      ...(kind === "topN" ? { limit: Math.min(50, Math.max(1, Number(limit) || 10)) } : {}),
      ...(filter ? { filter } : {}),
    });
  };
  return (
    <form onSubmit={submit} className="mt-2 flex flex-col gap-4 text-slate-900">
      <FormField id="widget-kind" label={d.kind}>
        <Select id="widget-kind" value={kind} onChange={(e) => { setKind(e.target.value as WidgetKind); setField(""); setChart(""); }}>
          {WIDGET_KINDS.map((k) => (
            <option key={k} value={k}>{d.kinds[k]}</option>
          ))}
        </Select>
      </FormField>
      <FormField id="widget-title" label={d.title} required error={tried && !titleOk ? d.titleRequired : undefined}>
        <Input id="widget-title" value={title} maxLength={60} onChange={(e) => setTitle(e.target.value)} invalid={tried && !titleOk} />
      </FormField>
      {kind !== "number" && (
        <FormField id="widget-field" label={kind === "byMonth" ? d.fieldByMonth : d.field} required error={tried && !fieldOk ? d.fieldRequired : groups.length === 0 && kind !== "topN" ? d.noFields : undefined}>
          <Select id="widget-field" value={field} onChange={(e) => { setField(e.target.value); if (!title.trim()) setTitle(e.target.selectedOptions[0]?.text ?? ""); }} invalid={tried && !fieldOk}>
            <option value="">—</option>
            {kind === "topN" && <option value={OWNER}>{d.owner}</option>}
            {groups.map((f) => (
              <option key={f.path} value={f.path}>{f.label}</option>
            ))}
          </Select>
        </FormField>
      )}
      <FormField id="widget-measure" label={d.measure}>
        <Select id="widget-measure" value={sums.some((f) => f.path === sum) ? sum : ""} onChange={(e) => setSum(e.target.value)}>
          <option value="">{d.count}</option>
          {sums.map((f) => (
            <option key={f.path} value={f.path}>{fmt(d.sum, { field: f.label })}</option>
          ))}
        </Select>
      </FormField>
      {charts.length > 1 && (
        <FormField id="widget-chart" label={d.chart}>
          <Select id="widget-chart" value={(charts as string[]).includes(chart) ? chart : charts[0]} onChange={(e) => setChart(e.target.value)}>
            {charts.map((c) => (
              <option key={c} value={c}>{d.charts[c]}</option>
            ))}
          </Select>
        </FormField>
      )}
      {kind === "topN" && (
        <FormField id="widget-limit" label={d.limit}>
          <Input id="widget-limit" type="number" min={1} max={50} value={limit} onChange={(e) => setLimit(e.target.value)} />
        </FormField>
      )}
      {(initial?.filter || currentFilter) && (
        <fieldset className="flex flex-col gap-1.5 text-sm">
          {initial?.filter && (
            <label className="flex items-center gap-2">
              <input type="radio" name="widget-filter" checked={filterChoice === "keep"} onChange={() => setFilterChoice("keep")} />
              {d.keepFilter}
            </label>
          )}
          {currentFilter && (
            <label className="flex items-center gap-2">
              <input type="radio" name="widget-filter" checked={filterChoice === "current"} onChange={() => setFilterChoice("current")} />
              {d.useFilters}
            </label>
          )}
          <label className="flex items-center gap-2">
            <input type="radio" name="widget-filter" checked={filterChoice === "none"} onChange={() => setFilterChoice("none")} />
            {d.noFilter}
          </label>
          <p className="text-xs text-slate-500">{d.useFiltersHelp}</p>
        </fieldset>
      )}
      <div className="-mx-5 mt-1 flex justify-end gap-2 rounded-b-lg border-t border-slate-100 bg-slate-50 px-5 py-3">
        <Button onClick={onClose} disabled={busy}>{t.common.actions.cancel}</Button>
        <Button type="submit" variant="primary" busy={busy}>{d.save}</Button>
      </div>
    </form>
  );
}
