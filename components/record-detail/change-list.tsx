"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { Badge, toneFor } from "@/components/ui/badge";
import { fmt } from "@/lib/i18n/dictionaries";
import { COLLAPSED_CHANGES, type ChangeView } from "./history-view";

function Value({ change, text, side }: { change: ChangeView; text: string; side: "before" | "after" }) {
  if (change.kind === "select" && text) return <Badge tone={toneFor(text, change.options)}>{text}</Badge>;
  return <span className={side === "before" ? "text-slate-500 line-through decoration-slate-300" : "font-medium text-slate-900"}>{text}</span>;
}

/** A history entry's field changes, "label: old → new", collapsed to a few when there are many. */
export function ChangeList({ changes, isCreation = false }: { changes: ChangeView[]; isCreation?: boolean }) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? changes : changes.slice(0, COLLAPSED_CHANGES);
  return (
    <div className="mt-2">
      <ul className="flex flex-col gap-1.5 text-sm">
        {shown.map((c) => (
          <li key={c.path} className="flex flex-col gap-0.5 sm:flex-row sm:flex-wrap sm:items-baseline sm:gap-x-2">
            <span className="text-slate-500">{c.label}:</span>
            <span className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
              {c.type === "added" ? (
                <>
                  <Value change={c} text={c.after} side="after" />
                  {/* On creation every value is new; the badge would only add noise. */}
                  {!isCreation && <Badge tone="green">{t.detail.history.added}</Badge>}
                </>
              ) : c.type === "removed" ? (
                <>
                  <Value change={c} text={c.before} side="before" />
                  <Badge tone="red">{t.detail.history.removed}</Badge>
                </>
              ) : (
                <>
                  <Value change={c} text={c.before} side="before" />
                  <span className="text-slate-400" aria-hidden="true">
                    →
                  </span>
                  <span className="sr-only">{t.detail.history.changedTo}</span>
                  <Value change={c} text={c.after} side="after" />
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
      {changes.length > COLLAPSED_CHANGES && (
        <button
          type="button"
          onClick={() => setExpanded((v) => !v)}
          aria-expanded={expanded}
          className="mt-2 text-xs font-medium text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600"
        >
          {expanded ? t.detail.history.showLess : fmt(t.detail.history.showAll, { n: changes.length })}
        </button>
      )}
    </div>
  );
}
