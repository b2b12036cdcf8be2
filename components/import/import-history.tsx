"use client";

import Link from "next/link";
import { useI18n } from "@/components/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { fmt } from "@/lib/i18n/dictionaries";
import type { ImportSummary } from "@/lib/imports/list-imports";

/** The template's past imports: file, who and when, and what each run added, updated and sent back. */
export function ImportHistory({ imports }: { imports: ImportSummary[] }) {
  const { t } = useI18n();
  const d = t.imports;
  return (
    <Card className="p-5" data-testid="import-history">
      <h2 className="text-base font-semibold text-slate-900">{d.history}</h2>
      {imports.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{d.historyEmpty}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100">
          {imports.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2 text-sm">
              <Link href={`?id=${i.id}`} className="font-medium text-blue-700 hover:underline" scroll>
                {i.fileName}
              </Link>
              <span className="text-xs text-slate-500">
                {i.createdByName} · <LocalDateTime iso={i.createdAt} />
              </span>
              <span className="ml-auto flex gap-1.5">
                {i.undone && <Badge tone="amber">{d.undone}</Badge>}
                {i.run ? (
                  <>
                    {/* A run that did not end as a whole says so: what it wrote is only part of the file. */}
                    {i.run.progress.status === "cancelled" && <Badge tone="amber">{d.cancelled}</Badge>}
                    {i.run.progress.status === "failed" && <Badge tone="red">{d.historyFailed}</Badge>}
                    {(i.run.progress.status === "running" || i.run.progress.status === "pending") && <Badge tone="blue">{d.running}</Badge>}
                    <Badge tone="green">{fmt(d.historyCreated, { count: i.run.records?.created ?? 0 })}</Badge>
                    <Badge tone="blue">{fmt(d.historyUpdated, { count: i.run.records?.updated ?? 0 })}</Badge>
                    {(i.run.rows?.reject ?? 0) > 0 && <Badge tone="red">{fmt(d.historyRejected, { count: i.run.rows?.reject ?? 0 })}</Badge>}
                  </>
                ) : (
                  <Badge>{d.notRun}</Badge>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
