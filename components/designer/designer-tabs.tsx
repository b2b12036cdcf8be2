"use client";

import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { useI18n } from "../i18n-provider";
import { cn } from "../ui/cn";

export const TABS = ["design", "preview", "json"] as const;
export type DesignerTab = (typeof TABS)[number];

/** 设计 | 预览 | JSON as an ARIA tab list (arrow keys, Home and End move between tabs). */
export function DesignerTabs({ tab, onSelect, extra }: { tab: DesignerTab; onSelect: (tab: DesignerTab) => void; extra?: ReactNode }) {
  const { t } = useI18n();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next = e.key === "ArrowRight" ? (i + 1) % TABS.length : e.key === "ArrowLeft" ? (i + TABS.length - 1) % TABS.length : e.key === "Home" ? 0 : e.key === "End" ? TABS.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    onSelect(TABS[next]);
    refs.current[next]?.focus();
  };
  return (
    <div className="flex flex-wrap items-end justify-between gap-2 border-b border-slate-200">
      <div role="tablist" aria-label={t.designer.tabs.label} className="-mb-px flex gap-1" onKeyDown={onKeyDown}>
        {TABS.map((k, i) => (
          <button
            key={k}
            ref={(el) => {
              refs.current[i] = el;
            }}
            id={`designer-tab-${k}`}
            type="button"
            role="tab"
            aria-selected={tab === k}
            aria-controls={`designer-panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            onClick={() => onSelect(k)}
            className={cn(
              "border-b-2 px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600",
              tab === k ? "border-blue-600 text-blue-700" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800",
            )}
          >
            {t.designer.tabs[k]}
          </button>
        ))}
      </div>
      {extra && <div className="pb-1.5">{extra}</div>}
    </div>
  );
}
