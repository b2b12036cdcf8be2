/** Placeholder shaped like the designer (header, tabs, palette · canvas · properties) while it loads. */
export default function Loading() {
  return (
    <div className="flex animate-pulse flex-col gap-4" aria-busy="true" aria-live="polite">
      <div className="h-4 w-40 rounded bg-slate-100" />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-col gap-2">
          <div className="h-7 w-56 rounded bg-slate-200" />
          <div className="h-4 w-72 rounded bg-slate-100" />
        </div>
        <div className="flex gap-2">
          <div className="h-9 w-20 rounded bg-slate-100" />
          <div className="h-9 w-24 rounded bg-slate-200" />
          <div className="h-9 w-20 rounded bg-blue-200/70" />
        </div>
      </div>
      <div className="flex gap-4 border-b border-slate-200 pb-2">
        {[10, 10, 10].map((w, i) => (
          <div key={i} className="h-6 rounded bg-slate-100" style={{ width: `${w * 0.25}rem` }} />
        ))}
      </div>
      <div className="grid gap-5 lg:grid-cols-[9.5rem_minmax(0,1fr)_19rem]">
        <div className="hidden flex-col gap-1.5 lg:flex">
          {Array.from({ length: 10 }, (_, i) => (
            <div key={i} className="h-8 rounded-md border border-slate-200 bg-white" />
          ))}
        </div>
        <div className="flex flex-col gap-4">
          {[5, 3].map((rows, i) => (
            <div key={i} className="rounded-lg border border-slate-200 bg-white">
              <div className="border-b border-slate-100 px-3 py-3">
                <div className="h-5 w-32 rounded bg-slate-200" />
              </div>
              <div className="flex flex-col gap-3 px-3 py-3">
                {Array.from({ length: rows }, (_, j) => (
                  <div key={j} className="h-4 w-2/3 rounded bg-slate-100" />
                ))}
              </div>
            </div>
          ))}
        </div>
        <div className="hidden h-64 rounded-lg border border-slate-200 bg-white lg:block" />
      </div>
    </div>
  );
}
