"use client";

import { useCallback, useEffect, useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { LocalDateTime } from "@/components/ui/local-date-time";
import type { BackupsView } from "@/lib/backup/backups-view";
import { fmt } from "@/lib/i18n/dictionaries";

const API = "/api/admin/backups";
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** 数据备份: back up now (a job with a progress bar), and the kept backups to download; `daily`: whether `npm start` backs up once a day. */
export function BackupsAdmin({ initial, keep, daily }: { initial: BackupsView; keep: number; daily: boolean }) {
  const { t } = useI18n();
  const d = t.backup;
  const [view, setView] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const job = view.job;
  const active = !!job && (job.progress.status === "pending" || job.progress.status === "running") && !job.progress.stalled;

  const refresh = useCallback(async () => setView(await apiFetch<BackupsView>(API)), []);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void refresh().catch(() => undefined), 1000);
    return () => clearInterval(timer);
  }, [active, refresh]);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setView(await apiFetch<BackupsView>(API, { method: "POST", body: {} }));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-xl font-semibold text-slate-900 sm:text-2xl">{d.title}</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-500">{d.intro}</p>
        </div>
        <Button variant="primary" onClick={start} busy={busy} disabled={active} className="self-start sm:self-auto">
          {busy ? d.starting : d.start}
        </Button>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      {job && (
        <Card className="p-4">
          <div className="flex items-center justify-between text-sm">
            <span className="text-slate-700">
              {job.progress.status === "done" ? fmt(d.done, { name: job.name }) : job.progress.status === "failed" ? fmt(d.failed, { error: job.progress.error ?? "" }) : job.progress.status === "cancelled" ? fmt(d.cancelled, { name: job.name, error: job.progress.error ?? "" }) : d.running}
            </span>
            <span className="font-semibold tabular-nums text-slate-900">{job.progress.percent}%</span>
          </div>
          <div role="progressbar" aria-label={d.running} aria-valuemin={0} aria-valuemax={100} aria-valuenow={job.progress.percent} className="mt-1.5 h-2.5 overflow-hidden rounded-full bg-slate-200">
            <div
              className={cn("h-full rounded-full transition-[width] duration-500", job.progress.status === "done" ? "bg-emerald-500" : job.progress.status === "failed" || job.progress.status === "cancelled" ? "bg-amber-500" : "bg-blue-600")}
              style={{ width: `${job.progress.percent}%` }}
            />
          </div>
          <p className="mt-1.5 text-xs text-slate-600 tabular-nums">{fmt(d.progress, { done: job.progress.done.toLocaleString(), total: job.progress.total.toLocaleString() })}</p>
        </Card>
      )}
      <Card>
        <h2 className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-800">{d.files}</h2>
        {view.files.length === 0 ? (
          <EmptyState title={d.empty} />
        ) : (
          <table className="w-full text-sm">
            <thead className="text-left text-xs text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">{d.name}</th>
                <th className="px-4 py-2 font-medium">{d.at}</th>
                <th className="px-4 py-2 text-right font-medium">{d.size}</th>
                <th className="px-4 py-2" />
              </tr>
            </thead>
            <tbody>
              {view.files.map((f) => (
                <tr key={f.name} className="border-t border-slate-100">
                  <td className="px-4 py-2 font-mono text-xs text-slate-800">{f.name}</td>
                  <td className="px-4 py-2 text-slate-600">
                    <LocalDateTime iso={f.at} />
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums text-slate-600">{size(f.size)}</td>
                  <td className="px-4 py-2 text-right">
                    <a href={`${API}/${encodeURIComponent(f.name)}`} download className="text-blue-700 hover:underline" aria-label={fmt(d.downloadLabel, { name: f.name })}>
                      {d.download}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="flex flex-col gap-1 border-t border-slate-100 px-4 py-3 text-xs text-slate-500">
          <p>{fmt(d.where, { dir: view.dir, keep })}</p>
          <p>{daily ? d.daily : d.noDaily}</p>
          <p>{d.restoreHelp}</p>
        </div>
      </Card>
    </div>
  );
}
