"use client";

import Link from "next/link";
import { useI18n } from "../i18n-provider";
import { cn } from "../ui/cn";

/** 列表 | 统计: the two views of a template's records, as links (each has its own address). */
export function TemplateTabs({ templateKey, active, query = "" }: { templateKey: string; active: "list" | "stats"; query?: string }) {
  const { t } = useI18n();
  const base = `/t/${encodeURIComponent(templateKey)}`;
  const tabs = [
    { id: "list", href: `${base}${query}`, label: t.statistics.tabList },
    { id: "stats", href: `${base}/stats${query}`, label: t.statistics.tabStats },
  ] as const;
  return (
    <nav aria-label={t.statistics.tabsLabel} className="-mb-1 flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          aria-current={active === tab.id ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-600",
            active === tab.id ? "border-blue-600 text-blue-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
