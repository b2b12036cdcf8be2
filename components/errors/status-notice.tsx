import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

const icons = {
  forbidden: "M16.5 10.5V6.75a4.5 4.5 0 10-9 0v3.75m-.75 11.25h10.5a2.25 2.25 0 002.25-2.25v-6.75a2.25 2.25 0 00-2.25-2.25H6.75a2.25 2.25 0 00-2.25 2.25v6.75a2.25 2.25 0 002.25 2.25z",
  notFound: "M21 21l-5.197-5.197m0 0A7.5 7.5 0 105.196 5.196a7.5 7.5 0 0010.607 10.607zM13.5 10.5h-6",
  error: "M12 9v3.75m9-.75a9 9 0 11-18 0 9 9 0 0118 0zm-9 3.75h.008v.008H12v-.008z",
};

/**
 * A friendly full-width message for a page that cannot be shown (not found, no access, an
 * error), with the next steps as actions.
 */
export function StatusNotice({ kind, title, description, actions, code }: { kind: keyof typeof icons; title: ReactNode; description?: ReactNode; actions?: ReactNode; code?: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center px-6 py-16 text-center sm:py-24">
      <div
        className={cn(
          "mb-5 flex size-14 items-center justify-center rounded-full",
          kind === "error" ? "bg-red-50 text-red-500" : kind === "forbidden" ? "bg-amber-50 text-amber-600" : "bg-slate-100 text-slate-400",
        )}
      >
        <svg viewBox="0 0 24 24" className="size-7" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
          <path strokeLinecap="round" strokeLinejoin="round" d={icons[kind]} />
        </svg>
      </div>
      <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
      {description && <p className="mt-2 text-sm leading-6 text-slate-500">{description}</p>}
      {code && <p className="mt-3 font-mono text-xs text-slate-400">{code}</p>}
      {actions && <div className="mt-6 flex flex-wrap items-center justify-center gap-2">{actions}</div>}
    </div>
  );
}
