"use client";

import { useI18n } from "@/components/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { fmt } from "@/lib/i18n/dictionaries";
import type { DraftInfo, VersionSummary } from "@/lib/templates/edit-types";
import type { MigrationView } from "@/lib/migrations/migration-view";
import { exportHref } from "./export-template-dialog";
import type { VersionRef } from "./version-refs";

const grid = "md:grid md:grid-cols-[3.75rem_8rem_13rem_minmax(0,1fr)_minmax(0,15rem)_auto] md:items-start md:gap-3";
const linkClass = "text-sm text-blue-700 hover:underline";

/**
 * The draft (if any) and every published version, newest first, each with a checkbox to pick it
 * for the diff: who published it and when, its note, the impact stored at publish time and the
 * migration that made it.
 */
export function VersionTable({
  templateKey,
  versions,
  draft,
  jobs,
  selected,
  onToggle,
}: {
  templateKey: string;
  versions: VersionSummary[];
  draft: DraftInfo | null;
  jobs: Map<number, MigrationView>;
  selected: VersionRef[];
  onToggle: (ref: VersionRef) => void;
}) {
  const { t } = useI18n();
  const v = t.templates.versions;
  const check = (ref: VersionRef, label: string) => (
    <input type="checkbox" checked={selected.includes(ref)} onChange={() => onToggle(ref)} aria-label={label} className="size-4 rounded border-slate-300 accent-blue-600" />
  );
  const details = (ver: VersionSummary) => {
    const job = jobs.get(ver.version);
    const op = ver.migration;
    return (
      <div className="flex flex-col gap-1 text-xs text-slate-600">
        {ver.impact && (
          <span className={ver.impact.failing ? "text-amber-700" : undefined}>
            {ver.impact.failing
              ? fmt(v.impactFailing, { failing: ver.impact.failing, total: ver.impact.total })
              : ver.impact.total
                ? fmt(v.impactOk, { total: ver.impact.total })
                : v.impactNone}
          </span>
        )}
        {op && (
          <span className="flex flex-wrap items-center gap-1.5">
            {op.type === "renameKey"
              ? fmt(v.renameKey, { from: op.path.split(".").pop() ?? op.path, to: op.newKey })
              : fmt(v.changeKind, { path: op.path, kind: t.templates.kinds[op.kind] ?? op.kind })}
            {job && <Badge tone={job.status === "done" ? "green" : job.status === "failed" ? "red" : "blue"}>{t.templates.progress.status[job.status]}</Badge>}
            {job && job.failed > 0 && <span className="text-amber-700">{fmt(t.templates.progress.failed, { count: job.failed })}</span>}
          </span>
        )}
        {!ver.impact && !op && <span className="hidden text-slate-400 md:inline">{t.common.empty}</span>}
      </div>
    );
  };

  return (
    <div>
      <div className={cn("hidden border-b border-slate-200 bg-slate-50 px-4 py-2.5 text-xs font-medium text-slate-500", grid)}>
        <span>{v.columns.compare}</span>
        <span>{v.columns.version}</span>
        <span>{v.columns.published}</span>
        <span>{v.columns.note}</span>
        <span>{v.columns.details}</span>
        <span className="sr-only">{t.templates.columns.actions}</span>
      </div>
      <ul className="divide-y divide-slate-100">
        {draft && (
          <li className={cn("flex flex-wrap items-start gap-x-3 gap-y-1.5 bg-amber-50/40 px-4 py-3", grid)} data-version="draft">
            <span className="pt-0.5">{check("draft", v.selectDraft)}</span>
            <span>
              <Badge tone="amber">{v.draft}</Badge>
            </span>
            <span className="basis-full text-sm text-slate-600 md:basis-auto">
              {fmt(v.draftBy, { base: draft.baseVersion, name: draft.updatedByName || "—" })}
              <LocalDateTime iso={draft.updatedAt} className="block text-xs text-slate-500 tabular-nums" />
            </span>
            <span className="hidden text-sm text-slate-400 md:block">{v.noNote}</span>
            <span className="hidden md:block" />
            <span className="flex gap-3 md:justify-end">
              <ButtonLink href={`/admin/templates/${encodeURIComponent(templateKey)}`} size="sm" variant="link" prefetch={false}>
                {t.templates.actions.design}
              </ButtonLink>
              <a href={exportHref(templateKey, "draft")} download className={linkClass}>
                {v.export}
              </a>
            </span>
          </li>
        )}
        {versions.map((ver) => (
          <li key={ver.version} className={cn("flex flex-wrap items-start gap-x-3 gap-y-1.5 px-4 py-3", grid)} data-version={ver.version}>
            <span className="pt-0.5">{check(ver.version, fmt(v.selectVersion, { n: ver.version }))}</span>
            <span className="flex items-center gap-1.5 text-sm font-medium text-slate-900">
              {fmt(t.templates.versionN, { n: ver.version })}
              {ver.isCurrent && <Badge tone="green">{v.current}</Badge>}
            </span>
            <span className="basis-full text-sm text-slate-600 md:basis-auto">
              {ver.publishedByName || "—"}
              <LocalDateTime iso={ver.publishedAt} className="block text-xs text-slate-500 tabular-nums" />
            </span>
            <span className="basis-full text-sm break-words text-slate-700 md:basis-auto">{ver.note || <span className="text-slate-400">{v.noNote}</span>}</span>
            <span className="basis-full md:basis-auto">{details(ver)}</span>
            <span className="flex md:justify-end">
              <a href={exportHref(templateKey, ver.version)} download className={linkClass}>
                {v.export}
              </a>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
