"use client";

import { useI18n } from "../i18n-provider";
import { ButtonLink } from "../ui/button";
import { ExportButton } from "./export-dialog";
import { isModifiedClick, useListNav } from "./list-nav";

/** 回收站 (administrators), 导出 (every reader), 导入 and 新建 (those who may create). */
export function ListToolbar({ canCreate, canRestore, total, totalLabel, personalData }: { canCreate: boolean; canRestore: boolean; total: number; totalLabel: string; personalData: boolean }) {
  const { t } = useI18n();
  const { base, query, hrefFor, navigate } = useListNav();
  // Entering or leaving the bin starts a fresh list: filters rarely mean the same thing there.
  const target = { ...query, filters: [], q: "", page: 1, trash: !query.trash };
  return (
    <>
      {canRestore && (
        <ButtonLink
          prefetch={false}
          href={hrefFor(target)}
          scroll={false}
          aria-pressed={query.trash}
          onClick={(e) => {
            if (isModifiedClick(e)) return;
            e.preventDefault();
            navigate(target);
          }}
        >
          <svg viewBox="0 0 20 20" className="size-4 text-slate-500" fill="currentColor" aria-hidden="true">
            {query.trash ? (
              <path fillRule="evenodd" d="M17 10a.75.75 0 01-.75.75H5.56l3.22 3.22a.75.75 0 11-1.06 1.06l-4.5-4.5a.75.75 0 010-1.06l4.5-4.5a.75.75 0 011.06 1.06L5.56 9.25h10.69A.75.75 0 0117 10z" clipRule="evenodd" />
            ) : (
              <path fillRule="evenodd" d="M8.75 1A2.75 2.75 0 006 3.75v.443c-.795.077-1.584.176-2.365.298a.75.75 0 10.23 1.482l.149-.022.841 10.518A2.75 2.75 0 007.596 19h4.807a2.75 2.75 0 002.742-2.53l.841-10.52.149.023a.75.75 0 00.23-1.482A41.03 41.03 0 0014 4.193V3.75A2.75 2.75 0 0011.25 1h-2.5zM10 4c.84 0 1.673.025 2.5.075V3.75c0-.69-.56-1.25-1.25-1.25h-2.5c-.69 0-1.25.56-1.25 1.25v.325C8.327 4.025 9.16 4 10 4z" clipRule="evenodd" />
            )}
          </svg>
          {query.trash ? t.list.toolbar.leaveTrash : t.list.toolbar.trash}
        </ButtonLink>
      )}
      {!query.trash && <ExportButton total={total} totalLabel={totalLabel} personalData={personalData} />}
      {canCreate && !query.trash && (
        <ButtonLink href={`${base}/import`} prefetch={false}>
          <svg viewBox="0 0 20 20" className="size-4 text-slate-500" fill="currentColor" aria-hidden="true">
            <path d="M9.25 13.25a.75.75 0 001.5 0V4.636l2.955 3.129a.75.75 0 001.09-1.03l-4.25-4.5a.75.75 0 00-1.09 0l-4.25 4.5a.75.75 0 101.09 1.03L9.25 4.636v8.614z" />
            <path d="M3.5 12.75a.75.75 0 00-1.5 0v2.5A2.75 2.75 0 004.75 18h10.5A2.75 2.75 0 0018 15.25v-2.5a.75.75 0 00-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5z" />
          </svg>
          {t.imports.button}
        </ButtonLink>
      )}
      {canCreate && !query.trash && (
        <ButtonLink href={`${base}/new`} variant="primary">
          <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
            <path d="M10.75 4.75a.75.75 0 00-1.5 0v4.5h-4.5a.75.75 0 000 1.5h4.5v4.5a.75.75 0 001.5 0v-4.5h4.5a.75.75 0 000-1.5h-4.5v-4.5z" />
          </svg>
          {t.list.toolbar.create}
        </ButtonLink>
      )}
    </>
  );
}
