import type { ReactNode } from "react";

/** The template's name, description and record count, with the page's actions on the right. */
export function ListHeader({ name, description, count, badge, actions }: { name: string; description?: string; count?: ReactNode; badge?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <h1 className="text-xl font-semibold text-slate-900">{name}</h1>
          {badge}
          {count && <span className="text-sm text-slate-500 tabular-nums">{count}</span>}
        </div>
        {description && <p className="mt-1 line-clamp-2 max-w-3xl text-sm text-slate-500">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}
