"use client";

import { useI18n } from "@/components/i18n-provider";
import { cn } from "@/components/ui/cn";
import { fmt } from "@/lib/i18n/dictionaries";
import type { ImportJobView } from "@/lib/imports/import-view";

/**
 * A check's or run's progress: a real bar, rows done of all, rows per second and time left.
 * Before its first batch (the file being opened and read, seconds for a large one) it says it
 * prepares, with a bar of no value and the rows a run knows from its check — not "0 / 0 行" at 0 %.
 */
export function ImportProgress({ job, label }: { job: ImportJobView; label: string }) {
  const { t } = useI18n();
  const d = t.imports;
  const { progress: p } = job;
  const starting = (p.status === "pending" || p.status === "running") && p.done === 0;
  const left = p.rate > 0 && p.total > p.done ? Math.ceil((p.total - p.done) / p.rate) : null;
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-center justify-between text-sm">
        <span className="text-slate-700">{label}</span>
        <span className="font-semibold tabular-nums text-slate-900">{starting ? d.preparing : `${p.percent}%`}</span>
      </div>
      {starting ? (
        <div role="progressbar" aria-label={label} aria-valuetext={d.preparing} className="h-2.5 overflow-hidden rounded-full bg-slate-200">
          <div className="h-full w-full rounded-full bg-blue-300 motion-safe:animate-pulse" />
        </div>
      ) : (
        <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={p.percent} className="h-2.5 overflow-hidden rounded-full bg-slate-200">
          <div className={cn("h-full rounded-full transition-[width] duration-500", p.status === "done" ? "bg-emerald-500" : p.status === "failed" ? "bg-amber-500" : "bg-blue-600")} style={{ width: `${p.percent}%` }} />
        </div>
      )}
      <div className="flex flex-wrap gap-x-4 text-xs text-slate-600 tabular-nums">
        {starting ? p.total > 0 && <span>{fmt(d.rowsInAll, { total: p.total })}</span> : <span>{fmt(d.progress, { done: p.done, total: p.total })}</span>}
        {p.rate > 0 && p.status === "running" && <span>{fmt(d.rate, { rate: Math.round(p.rate) })}</span>}
        {left !== null && p.status === "running" && <span>{fmt(d.eta, { seconds: left })}</span>}
      </div>
    </div>
  );
}
