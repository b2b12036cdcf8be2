/** Placeholder shaped like the version history while it loads. */
export default function Loading() {
  return (
    <div className="mx-auto flex max-w-6xl animate-pulse flex-col gap-5" aria-busy="true" aria-live="polite">
      <div className="flex items-end justify-between gap-3">
        <div className="flex flex-col gap-2">
          <div className="h-4 w-20 rounded bg-slate-100" />
          <div className="h-7 w-64 rounded bg-slate-200" />
          <div className="h-4 w-96 max-w-full rounded bg-slate-100" />
        </div>
        <div className="flex gap-2">
          <div className="h-9 w-16 rounded bg-slate-200" />
          <div className="h-9 w-24 rounded bg-blue-200/70" />
        </div>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white">
        <div className="h-10 border-b border-slate-200 bg-slate-50" />
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex gap-6 border-b border-slate-100 px-4 py-4 last:border-0">
            <div className="size-4 rounded bg-slate-200" />
            <div className="h-4 w-16 rounded bg-slate-200" />
            <div className="h-4 w-36 rounded bg-slate-100" />
            <div className="h-4 w-48 rounded bg-slate-100" />
          </div>
        ))}
      </div>
      <div className="h-64 rounded-lg border border-slate-200 bg-white" />
    </div>
  );
}
