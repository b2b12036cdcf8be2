import { Card } from "../ui/card";

const bar = "animate-pulse rounded bg-slate-200/80";

/** The list page's shape while it loads: header, search and filter bar, table rows, pager. */
export function ListSkeleton({ rows = 10, columns = 7 }: { rows?: number; columns?: number }) {
  return (
    <div className="flex flex-col gap-4" aria-busy="true">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex flex-col gap-1.5 py-0.5">
          <div className={`${bar} h-7 w-56`} />
          <div className={`${bar} h-4 w-80 max-w-full`} />
        </div>
        <div className="flex gap-2">
          <div className={`${bar} h-9 w-24`} />
          <div className={`${bar} h-9 w-20 bg-blue-200/70`} />
        </div>
      </div>
      <Card>
        <div className="flex flex-col gap-3 border-b border-slate-100 px-4 py-3 sm:flex-row sm:flex-wrap sm:items-center sm:gap-2">
          <div className={`${bar} h-9 w-full sm:w-72`} />
          {[20, 24, 24, 28, 18, 24, 28, 28, 24].map((w, i) => (
            <div key={i} className={`${bar} hidden h-8 rounded-full sm:block`} style={{ width: `${w * 0.25}rem` }} />
          ))}
        </div>
        <div className="overflow-hidden">
          <div className="flex gap-6 border-b border-slate-200 bg-slate-50 px-3 py-2.5">
            {Array.from({ length: columns }, (_, i) => (
              <div key={i} className={`${bar} h-3.5 flex-1`} />
            ))}
          </div>
          {Array.from({ length: rows }, (_, r) => (
            <div key={r} className="flex gap-6 border-b border-slate-100 px-3 py-3.5">
              {Array.from({ length: columns }, (_, i) => (
                <div key={i} className={`${bar} h-3.5 flex-1 bg-slate-100`} style={{ opacity: 1 - r * 0.06 }} />
              ))}
            </div>
          ))}
        </div>
        <div className="flex items-center justify-between px-4 py-3">
          <div className={`${bar} h-8 w-40`} />
          <div className={`${bar} h-8 w-56`} />
        </div>
      </Card>
    </div>
  );
}
