"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { fmt } from "@/lib/i18n/dictionaries";
import type { MigrationView } from "@/lib/templates/migrations/migration-view";
import { MigrationProgress } from "./migration-progress";
import { useMigration } from "./use-migration";

/** "字段键 mobile → phone" or "basic.age 改为整数": what a job does, from its operation. */
export function useDescribeJob() {
  const { t } = useI18n();
  const b = t.templates.banner;
  return (m: MigrationView) =>
    m.op.type === "renameKey"
      ? fmt(b.renameKey, { from: m.op.path.split(".").pop() ?? m.op.path, to: m.op.newKey })
      : fmt(b.changeKind, { path: m.op.path, kind: t.templates.kinds[m.op.kind] ?? m.op.kind });
}

function JobRow({ templateKey, job, onFinished }: { templateKey: string; job: MigrationView; onFinished?: () => void }) {
  const { t } = useI18n();
  const describe = useDescribeJob();
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
 */
export function MigrationBanner({ templateKey, refreshSignal = 0, onFinished }: { templateKey: string; refreshSignal?: number; onFinished?: () => void }) {
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
          <JobRow key={job.id} templateKey={templateKey} job={job} onFinished={onFinished} />
        ))}
      </ul>
    </section>
  );
}
