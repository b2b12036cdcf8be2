"use client";

import { useState } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import { ApiError, apiFetch } from "../api-client";
import { useI18n } from "../i18n-provider";
import { Button, ButtonLink } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { useToast } from "../ui/toast";
import { isModifiedClick, useListNav } from "./list-nav";
import { clearCriteria, hasCriteria, patchQuery } from "./list-url";

const DEMO_COUNT = 200;

/**
 * What the table area shows without rows: a fresh template (create the first record, or load demo
 * data for administrators), a search or filter that matches nothing, an empty recycle bin, or a
 * page number past the end.
 */
export function ListEmpty({ total, canCreate, canLoadDemo }: { total: number; canCreate: boolean; canLoadDemo: boolean }) {
  const { t } = useI18n();
  const te = t.list.empty;
  const { base, query, hrefFor, navigate, templateKey, refresh, isPending } = useListNav();
  const toast = useToast();
  // "refreshing": the demo data exists and the list is reloading to show it.
  const [phase, setPhase] = useState<"idle" | "loading" | "refreshing">("idle");
  const busy = phase === "loading" || (phase === "refreshing" && isPending);

  const link = (target: typeof query, label: string) => (
    <ButtonLink
      prefetch={false}
      href={hrefFor(target)}
      scroll={false}
      onClick={(e) => {
        if (isModifiedClick(e)) return;
        e.preventDefault();
        navigate(target);
      }}
    >
      {label}
    </ButtonLink>
  );

  if (total > 0) {
    return <EmptyState title={te.pageEmpty} description={fmt(te.pageEmptyDescription, { n: total })} actions={link(patchQuery(query, {}), te.firstPage)} />;
  }
  if (hasCriteria(query)) {
    return <EmptyState title={te.noMatch} description={te.noMatchDescription} actions={link(clearCriteria(query), t.list.filters.clearFilters)} />;
  }
  if (query.trash) return <EmptyState title={te.trashEmpty} description={te.trashEmptyDescription} />;

  const loadDemo = async () => {
    setPhase("loading");
    try {
      const res = await apiFetch<{ created: number }>(`/api/templates/${encodeURIComponent(templateKey)}/demo`, { body: { count: DEMO_COUNT } });
      toast(fmt(te.demoLoaded, { n: res?.created ?? DEMO_COUNT }));
      setPhase("refreshing");
      refresh();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : t.common.errors.generic, "error");
      setPhase("idle");
    }
  };

  return (
    <EmptyState
      title={te.title}
      description={
        busy ? (
          <span role="status">{fmt(te.loadingDemo, { n: DEMO_COUNT })}</span>
        ) : canCreate || canLoadDemo ? (
          te.description
        ) : (
          te.descriptionReadOnly
        )
      }
      actions={
        (canCreate || canLoadDemo) && (
          <>
            {canCreate && (
              <ButtonLink href={`${base}/new`} variant="primary">
                {te.createFirst}
              </ButtonLink>
            )}
            {canLoadDemo && (
              <Button onClick={loadDemo} busy={busy}>
                {te.loadDemo}
              </Button>
            )}
          </>
        )
      }
    />
  );
}
