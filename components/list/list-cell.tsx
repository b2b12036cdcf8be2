"use client";

import type { Dictionary } from "@/lib/i18n/dictionaries";
import { formatValue } from "@/lib/schema/format-value";
import type { Locale } from "@/lib/schema/messages";
import { Badge, toneFor } from "../ui/badge";
import { LocalDateTime } from "../ui/local-date-time";
import type { ListColumn } from "@/lib/records/list-view-model";

const VERIFICATION_TONE = { unverified: "neutral", pending: "amber", verified: "green", returned: "red" } as const;

/** One table cell's content: dates in local time, choices as coloured badges, the rest formatted text. */
export function ListCell({ column, value, t, locale }: { column: ListColumn; value: unknown; t: Dictionary; locale: Locale }) {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
    return <span className="text-slate-300">{t.common.empty}</span>;
  }
  if ((column.id === "@updatedAt" || column.id === "@createdAt") && typeof value === "string") {
    return <LocalDateTime iso={value} className="text-slate-500 tabular-nums" />;
  }
  if (column.id === "@verification") {
    const state = String(value);
    return <Badge tone={VERIFICATION_TONE[state as keyof typeof VERIFICATION_TONE] ?? "neutral"}>{t.list.verification[state] ?? state}</Badge>;
  }
  if ((column.kind === "select" || column.kind === "multiselect") && (typeof value === "string" || Array.isArray(value))) {
    const values = Array.isArray(value) ? value.map(String) : [value];
    return (
      <span className="inline-flex flex-wrap gap-1">
        {values.map((v) => (
          <Badge key={v} tone={toneFor(v, column.options)}>
            {v}
          </Badge>
        ))}
      </span>
    );
  }
  return <span className={column.numeric || column.kind === "idNumber" || column.kind === "mobile" ? "tabular-nums" : undefined}>{formatValue(column.kind, value, locale)}</span>;
}
