"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { fmt } from "@/lib/i18n/dictionaries";
import type { MigrationView } from "@/lib/migrations/migration-view";
import { renamedPath } from "./migration-form";
import { MigrationProgress } from "./migration-progress";
import { useMigration } from "./use-migration";

/** "客户姓名：字段键 name → fullName" or "保险金额 改为单行文本": what a job does, from its operation. */
export function useDescribeJob(labels: Record<string, string> = {}) {
  const { t } = useI18n();
  const b = t.templates.banner;
  return (m: MigrationView) => {
    // The page may show the version the migration published, where a renamed field has its new path.
    const name = labels[m.op.path] ?? (m.op.type === "renameKey" ? labels[renamedPath(m.op.path, m.op.newKey)] : undefined);
    if (m.op.type === "renameKey") {
      const text = fmt(b.renameKey, { from: m.op.path.split(".").pop() ?? m.op.path, to: m.op.newKey });
      return name ? `${name}：${text}` : text;
    }
    return fmt(b.changeKind, { path: name ?? m.op.path, kind: t.templates.kinds[m.op.kind] ?? m.op.kind });
  };
}

function JobRow({ templateKey, job, labels, onFinished }: { templateKey: string; job: MigrationView; labels?: Record<string, string>; onFinished?: () => void }) {
  const { t } = useI18n();
  const describe = useDescribeJob(labels);
  const { migration, resume, resuming, error } = useMigration({ templateKey, initial: job, onFinished });
  return (
    <li className="flex flex-col gap-2">
      <p className="text-sm font-medium text-slate-800">
        {describe(migration)}
        {migration.status === "done" && <span className="ml-2 text-emerald-700">{t.templates.banner.done}</span>}
      </p>
      <MigrationProgress migration={migration} onResume={resume} resuming={resuming} error={error} />
    </li>
  );
}

/**
 * Running (or stopped) key/type migrations of a template, each with its progress bar and 继续:
 * shown on the versions page and in the designer, so closing the migration dialog never hides a
 * running job. Re-reads the list when `refreshSignal` changes; `onFinished` when a job completes.
 * `labels` (field path → label, of either version) name the fields instead of their paths.
 */
export function MigrationBanner({
  templateKey,
  refreshSignal = 0,
  labels,
  onFinished,
}: {
  templateKey: string;
  refreshSignal?: number;
  labels?: Record<string, string>;
  onFinished?: () => void;
}) {
  const { t } = useI18n();
  const [jobs, setJobs] = useState<MigrationView[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    apiFetch<{ migrations: MigrationView[] }>(`/api/templates/${encodeURIComponent(templateKey)}/migrations`, { signal: ctrl.signal })
      .then((res) => setJobs(res.migrations.filter((m) => m.status !== "done")))
      .catch(() => {
        /* the banner is a convenience; the page works without it */
      });
    return () => ctrl.abort();
  }, [templateKey, refreshSignal]);
  if (!jobs.length) return null;
  return (
    <section aria-label={t.templates.banner.title} className="rounded-lg border border-blue-200 bg-blue-50/60 px-4 py-3">
      <h2 className="mb-2 text-sm font-semibold text-blue-900">{t.templates.banner.title}</h2>
      <ul className="flex flex-col gap-4">
        {jobs.map((job) => (
          <JobRow key={job.id} templateKey={templateKey} job={job} labels={labels} onFinished={onFinished} />
        ))}
      </ul>
    </section>
  );
}
