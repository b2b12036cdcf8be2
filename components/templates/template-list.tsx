"use client";

import Link from "next/link";
import { useI18n } from "@/components/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { fmt } from "@/lib/i18n/dictionaries";
import type { TemplateAdminSummary } from "@/lib/templates/edit-types";
import { TemplateRowMenu, type RowAction } from "./template-row-menu";

const th = "px-3 py-2.5 text-left text-xs font-medium whitespace-nowrap text-slate-500 first:pl-4";
const td = "px-3 py-3 align-top first:pl-4";
const enc = encodeURIComponent;

/** The templates as a table, or as one card per template on phones. */
export function TemplateList({
  templates,
  names,
  onAction,
}: {
  templates: TemplateAdminSummary[];
  /** Names of every template by key, to name a clone's origin. */
  names: Map<string, string>;
  onAction: (template: TemplateAdminSummary, action: RowAction) => void;
}) {
  const { t } = useI18n();
  const d = t.templates;

  const nameCell = (tp: TemplateAdminSummary) => (
    <div className="min-w-0">
      {tp.currentVersion > 0 && tp.status === "active" ? (
        <Link href={`/t/${enc(tp.key)}`} className="font-medium text-slate-900 hover:text-blue-700 hover:underline" title={d.actions.openRecords}>
          {tp.name}
        </Link>
      ) : (
        <span className="font-medium text-slate-900">{tp.name}</span>
      )}
      <p className="mt-0.5 font-mono text-xs text-slate-500">{tp.key}</p>
      {tp.description && <p className="mt-1 line-clamp-2 max-w-64 text-xs text-slate-500">{tp.description}</p>}
    </div>
  );
  const version = (tp: TemplateAdminSummary) => (
    <div className="flex flex-wrap items-center gap-1.5">
      {tp.currentVersion > 0 ? <span className="text-slate-700 tabular-nums">{fmt(d.versionN, { n: tp.currentVersion })}</span> : <span className="text-slate-400">{d.unpublished}</span>}
      {tp.hasDraft && <Badge tone="amber">{d.draftBadge}</Badge>}
    </div>
  );
  const status = (tp: TemplateAdminSummary) =>
    tp.status === "archived" ? (
      <Badge tone="neutral" className="shrink-0 whitespace-nowrap">
        {d.status.archived}
      </Badge>
    ) : (
      <Badge tone="green" className="shrink-0 whitespace-nowrap">
        {d.status.active}
      </Badge>
    );
  const origin = (tp: TemplateAdminSummary) => {
    if (!tp.origin) return <span className="text-slate-400">{t.common.empty}</span>;
    const name = names.get(tp.origin.templateKey);
    if (!name) return <span className="text-slate-500">{fmt(d.originGone, { key: tp.origin.templateKey, version: tp.origin.version })}</span>;
    return (
      <Link href={`/admin/templates/${enc(tp.origin.templateKey)}/versions`} className="text-blue-700 hover:underline">
        {fmt(d.origin, { name, version: tp.origin.version })}
      </Link>
    );
  };
  const actions = (tp: TemplateAdminSummary, variant: "ghost" | "secondary") => (
    <div className="-my-1 flex items-center justify-end gap-1">
      <ButtonLink href={`/admin/templates/${enc(tp.key)}`} size="sm" variant={variant} prefetch={false}>
        {d.actions.design}
      </ButtonLink>
      <ButtonLink href={`/admin/templates/${enc(tp.key)}/versions`} size="sm" variant={variant} prefetch={false}>
        {d.actions.versions}
      </ButtonLink>
      <TemplateRowMenu template={tp} onAction={(a) => onAction(tp, a)} variant={variant} />
    </div>
  );

  return (
    <>
      <ul className="divide-y divide-slate-100 md:hidden">
        {templates.map((tp) => (
          <li key={tp.key} className={`flex flex-col gap-2 px-4 py-3 ${tp.status === "archived" ? "bg-slate-50/60" : ""}`} data-template={tp.key}>
            <div className="flex items-start justify-between gap-3">
              {nameCell(tp)}
              {status(tp)}
            </div>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
              {version(tp)}
              {tp.productLine && <span>{tp.productLine}</span>}
              <LocalDateTime iso={tp.updatedAt} className="tabular-nums" />
            </div>
            {tp.origin && <p className="text-xs">{origin(tp)}</p>}
            {actions(tp, "secondary")}
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto md:block">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>{d.columns.name}</th>
              <th scope="col" className={th}>{d.columns.productLine}</th>
              <th scope="col" className={th}>{d.columns.version}</th>
              <th scope="col" className={th}>{d.columns.status}</th>
              <th scope="col" className={th}>{d.columns.origin}</th>
              <th scope="col" className={th}>{d.columns.updated}</th>
              <th scope="col" className={th}>
                <span className="sr-only">{d.columns.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {templates.map((tp) => (
              <tr key={tp.key} className={tp.status === "archived" ? "bg-slate-50/60" : undefined} data-template={tp.key}>
                <td className={td}>{nameCell(tp)}</td>
                <td className={`${td} whitespace-nowrap text-slate-600`}>{tp.productLine || <span className="text-slate-400">{t.common.empty}</span>}</td>
                <td className={`${td} whitespace-nowrap`}>{version(tp)}</td>
                <td className={`${td} whitespace-nowrap`}>{status(tp)}</td>
                <td className={`${td} min-w-40 max-w-52 text-sm`}>{origin(tp)}</td>
                <td className={`${td} whitespace-nowrap text-slate-600 tabular-nums`}>
                  <LocalDateTime iso={tp.updatedAt} />
                </td>
                <td className={`${td} text-right`}>{actions(tp, "ghost")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
