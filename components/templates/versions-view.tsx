"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { PageHeader } from "@/components/page/page-header";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Spinner } from "@/components/ui/spinner";
import { fmt } from "@/lib/i18n/dictionaries";
import type { DraftInfo, TemplateAdminSummary, VersionDiff as Diff, VersionSummary } from "@/lib/templates/edit-types";
import type { MigrationView } from "@/lib/migrations/migration-view";
import { exportHref } from "./export-template-dialog";
import { FieldList } from "./field-list";
import type { FieldBlock, FieldRow } from "./field-rows";
import { MigrationBanner } from "./migration-banner";
import { MigrationDialog } from "./migration-dialog";
import { VersionDiff } from "./version-diff";
import { toggleRef, type VersionRef } from "./version-refs";
import { VersionTable } from "./version-table";

const sameRefs = (a: readonly VersionRef[], b: readonly VersionRef[]) => a.length === b.length && a.every((r, i) => r === b[i]);

/**
 * A template's version history: the draft and versions with checkboxes, the diff of the two
 * picked, running migrations, and the current version's fields with "更改字段键/类型…".
 */
export function VersionsView({
  template,
  versions,
  draft,
  migrations,
  initialPair,
  initialDiff,
  blocks,
}: {
  template: TemplateAdminSummary;
  versions: VersionSummary[];
  draft: DraftInfo | null;
  migrations: MigrationView[];
  initialPair: VersionRef[];
  initialDiff: Diff | null;
  blocks: FieldBlock[];
}) {
  const { t } = useI18n();
  const v = t.templates.versions;
  const router = useRouter();
  const enc = encodeURIComponent(template.key);
  const [selected, setSelected] = useState<VersionRef[]>(initialPair);
  const [diff, setDiff] = useState<{ pair: VersionRef[]; diff: Diff | null; error: string | null }>({ pair: initialPair, diff: initialDiff, error: null });
  const [migrating, setMigrating] = useState<FieldRow | null>(null);
  const [bannerSignal, setBannerSignal] = useState(0);
  // After a refresh (a migration published a version) adopt the new default pair if none is picked.
  const [seenPair, setSeenPair] = useState(initialPair);
  if (!sameRefs(seenPair, initialPair)) {
    setSeenPair(initialPair);
    if (selected.length < 2) {
      setSelected(initialPair);
      setDiff({ pair: initialPair, diff: initialDiff, error: null });
    }
  }
  const labels = useMemo(() => Object.fromEntries(blocks.flatMap((b) => [b.root, ...b.fields]).map((f) => [f.path, f.label])), [blocks]);
  const jobs = useMemo(() => new Map(migrations.map((m) => [m.toVersion, m])), [migrations]);
  const running = migrations.some((m) => m.status === "pending" || m.status === "running");

  useEffect(() => {
    if (selected.length !== 2 || sameRefs(selected, diff.pair)) return;
    const [from, to] = selected;
    const ctrl = new AbortController();
    apiFetch<Diff>(`/api/templates/${enc}/diff?from=${from}&to=${to}`, { signal: ctrl.signal })
      .then((res) => setDiff({ pair: selected, diff: res, error: null }))
      .catch((err) => {
        if ((err as Error).name !== "AbortError") setDiff({ pair: selected, diff: null, error: err instanceof ApiError ? err.message : t.common.errors.generic });
      });
    return () => ctrl.abort();
  }, [selected, diff.pair, enc, t.common.errors.generic]);

  const pick = (ref: VersionRef) => {
    const next = toggleRef(selected, ref);
    setSelected(next);
    // The picked pair lives in the address too, so a diff can be shared or reloaded.
    if (next.length === 2) window.history.replaceState(null, "", `?from=${next[0]}&to=${next[1]}`);
  };
  const refName = (r: VersionRef) => (r === "draft" ? v.draft : fmt(t.templates.versionN, { n: r }));
  const loading = selected.length === 2 && !sameRefs(selected, diff.pair);
  const refresh = () => {
    setBannerSignal((n) => n + 1);
    router.refresh();
  };

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-5">
      <PageHeader
        crumbs={[{ href: "/admin/templates", label: t.templates.title }]}
        title={`${template.name} · ${v.title}`}
        description={v.description}
        actions={
          <>
            {template.currentVersion > 0 && (
              <a href={exportHref(template.key, template.currentVersion)} download className={buttonClass("secondary")}>
                {v.export}
              </a>
            )}
            <ButtonLink href={`/admin/templates/${enc}`} variant="primary" prefetch={false}>
              {v.openDesigner}
            </ButtonLink>
          </>
        }
      />
      <MigrationBanner templateKey={template.key} refreshSignal={bannerSignal} labels={labels} onFinished={() => router.refresh()} />

      <Card>
        {versions.length === 0 && !draft ? (
          <EmptyState title={v.noVersions} />
        ) : (
          <VersionTable templateKey={template.key} versions={versions} draft={draft} jobs={jobs} selected={selected} onToggle={pick} />
        )}
      </Card>

      {(versions.length > 1 || (draft && versions.length > 0)) && (
        <Card aria-busy={loading || undefined}>
          <CardHeader
            title={v.diff.title}
            description={selected.length === 2 ? fmt(v.diff.range, { from: refName(selected[0]), to: refName(selected[1]) }) : undefined}
            actions={loading ? <Spinner className="size-4 text-slate-400" /> : undefined}
          />
          {selected.length < 2 ? (
            <p className="px-4 py-6 text-center text-sm text-slate-500">{selected.length === 1 ? v.diff.pick : v.diff.pickTwo}</p>
          ) : diff.error && !loading ? (
            <div className="p-4">
              <Alert tone="error">{fmt(v.diff.error, { message: diff.error })}</Alert>
            </div>
          ) : (
            <div className={loading ? "opacity-50 transition-opacity" : undefined}>{diff.diff && <VersionDiff changes={diff.diff.changes} />}</div>
          )}
        </Card>
      )}

      {template.currentVersion > 0 && (
        <Card>
          <CardHeader title={v.fields.title} description={fmt(v.fields.description, { n: template.currentVersion })} />
          <FieldList blocks={blocks} onChange={setMigrating} disabled={running} />
        </Card>
      )}

      {migrating && (
        <MigrationDialog
          templateKey={template.key}
          field={migrating}
          open
          onClose={() => {
            setMigrating(null);
            refresh();
          }}
          onDone={() => router.refresh()}
        />
      )}
    </div>
  );
}
