/** Placeholder shaped like the templates table while it loads. */
export default function Loading() {
  return (
    <div className="mx-auto flex max-w-6xl animate-pulse flex-col gap-5" aria-busy="true" aria-live="polite">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex flex-col gap-2">
          <div className="h-7 w-32 rounded bg-slate-200" />
          <div className="h-4 w-96 max-w-full rounded bg-slate-100" />
        </div>
        <div className="flex gap-2">
          <div className="h-9 w-24 rounded bg-slate-200" />
          <div className="h-9 w-24 rounded bg-blue-200/70" />
        </div>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white">
        <div className="flex gap-2 border-b border-slate-100 px-3 py-2">
          {[16, 16, 12].map((w, i) => (
            <div key={i} className="h-8 rounded bg-slate-100" style={{ width: `${w * 0.25}rem` }} />
          ))}
        </div>
        <div className="h-10 border-b border-slate-200 bg-slate-50" />
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex items-start gap-6 border-b border-slate-100 px-4 py-4 last:border-0">
            <div className="flex w-48 flex-col gap-1.5">
              <div className="h-4 w-36 rounded bg-slate-200" />
              <div className="h-3 w-24 rounded bg-slate-100" />
            </div>
            <div className="h-4 w-14 rounded bg-slate-100" />
            <div className="h-4 w-16 rounded bg-slate-100" />
            <div className="h-5 w-12 rounded-full bg-slate-100" />
            <div className="h-4 w-40 rounded bg-slate-100" />
            <div className="ml-auto h-7 w-40 rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
