import Link from "next/link";
import type { ReactNode } from "react";

/** Breadcrumb, title and actions at the top of a page. */
export function PageHeader({ crumbs = [], title, description, actions }: { crumbs?: { href: string; label: string }[]; title: ReactNode; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-5 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        {crumbs.length > 0 && (
          <nav aria-label="breadcrumb" className="mb-1 flex flex-wrap items-center gap-1 text-sm text-slate-500">
            {crumbs.map((c, i) => (
              <span key={c.href} className="flex items-center gap-1">
                {i > 0 && <span aria-hidden="true">/</span>}
                <Link href={c.href} className="hover:text-slate-900 hover:underline">
                  {c.label}
                </Link>
              </span>
            ))}
          </nav>
        )}
        <h1 className="truncate text-xl font-semibold text-slate-900">{title}</h1>
        {description && <p className="mt-1 text-sm text-slate-500">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}
