"use client";

import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { fmt } from "@/lib/i18n/dictionaries";
import type { MigrationView } from "@/lib/migrations/migration-view";

const tones = { pending: "neutral", running: "blue", done: "green", failed: "red" } as const;

/**
 * A migration's progress: a real bar (percent of records processed), processed / total,
 * migrated and not converted, and — when it stalled or failed — the reason and 继续.
 */
export function MigrationProgress({ migration: m, onResume, resuming, error }: { migration: MigrationView; onResume?: () => void; resuming?: boolean; error?: string | null }) {
  const { t } = useI18n();
  const p = t.templates.progress;
  const stuck = m.status === "failed" || m.stalled;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <div className="flex items-center gap-2">
          <Badge tone={m.stalled ? "amber" : tones[m.status]}>{p.status[m.status]}</Badge>
          <span className="text-xs text-slate-500">{fmt(p.toVersion, { version: m.toVersion })}</span>
        </div>
        <span className="font-semibold text-slate-900 tabular-nums">{m.percent}%</span>
      </div>
      <div
        role="progressbar"
        aria-label={p.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={m.percent}
        aria-valuetext={`${m.percent}% · ${fmt(p.count, { processed: m.processed, total: m.total })}`}
        className="h-2.5 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={cn("h-full rounded-full transition-[width] duration-500", m.status === "done" ? "bg-emerald-500" : stuck ? "bg-amber-500" : "bg-blue-600")}
          style={{ width: `${m.percent}%` }}
        />
      </div>
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 tabular-nums">
        <span>{fmt(p.count, { processed: m.processed, total: m.total })}</span>
        <span>{fmt(p.migrated, { count: m.migrated })}</span>
        {m.failed > 0 && <span className="text-amber-700">{fmt(p.failed, { count: m.failed })}</span>}
      </div>
      {stuck && (
        <Alert
          tone="warning"
          actions={
            onResume && (
              <Button size="sm" variant="primary" onClick={onResume} busy={resuming}>
                {p.resume}
              </Button>
            )
          }
        >
          {m.status === "failed" && m.error ? fmt(p.failedError, { error: m.error }) : p.stalled}
        </Alert>
      )}
      {error && <p className="text-xs text-red-600">{error}</p>}
    </div>
  );
}
