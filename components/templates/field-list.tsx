"use client";

import { useI18n } from "@/components/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { fmt } from "@/lib/i18n/dictionaries";
import type { FieldBlock, FieldRow } from "./field-rows";

/**
 * The fields of the current version by section — label, key, type — each with
 * "更改字段键/类型…", which opens the migration dialog for it.
 */
export function FieldList({ blocks, onChange, disabled }: { blocks: FieldBlock[]; onChange: (field: FieldRow) => void; disabled?: boolean }) {
  const { t } = useI18n();
  const f = t.templates.versions.fields;
  const row = (field: FieldRow, head = false) => (
    <div
      className={cn("group flex items-center gap-2 py-1.5 pr-2", head && "bg-slate-50 pl-3")}
      style={head ? undefined : { paddingLeft: `${0.75 + (field.depth - 1) * 1}rem` }}
      data-field={field.path}
    >
      <span className="flex min-w-0 flex-1 flex-wrap items-baseline gap-x-2">
        <span className={cn("truncate", head ? "font-semibold" : "", field.removed ? "text-slate-400" : head ? "text-slate-900" : "text-slate-800")}>{field.label}</span>
        <code className="truncate text-xs text-slate-500" title={`${f.key}: ${field.path}`}>
          {field.key}
        </code>
      </span>
      <span className="hidden shrink-0 text-xs text-slate-500 sm:inline">{t.templates.kinds[field.kind]}</span>
      {field.removed && <Badge className="shrink-0">{f.removed}</Badge>}
      <button
        type="button"
        onClick={() => onChange(field)}
        disabled={disabled}
        aria-label={fmt(f.changeFor, { label: field.label })}
        title={fmt(f.changeFor, { label: field.label })}
        className="shrink-0 rounded px-1.5 py-0.5 text-xs font-medium text-blue-700 hover:bg-blue-50 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:text-slate-400 md:opacity-0 md:group-hover:opacity-100"
      >
        {f.change}
      </button>
    </div>
  );
  if (!blocks.length) return <p className="px-4 py-6 text-center text-sm text-slate-500">{f.empty}</p>;
  return (
    <div className="grid gap-3 p-3 lg:grid-cols-2">
      {blocks.map((b) => (
        <section key={b.root.path} aria-label={b.root.label} className="self-start overflow-hidden rounded-md border border-slate-200 text-sm">
          {row(b.root, true)}
          {b.fields.length > 0 && (
            <ul className="divide-y divide-slate-100 border-t border-slate-200">
              {b.fields.map((field) => (
                <li key={field.path}>{row(field)}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
