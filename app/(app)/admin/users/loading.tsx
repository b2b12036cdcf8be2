/** Placeholder shaped like the users table while it loads. */
export default function Loading() {
  return (
    <div className="mx-auto flex max-w-6xl animate-pulse flex-col gap-5" aria-busy="true" aria-live="polite">
      <div className="flex items-end justify-between">
        <div className="flex flex-col gap-2">
          <div className="h-7 w-32 rounded bg-slate-200" />
          <div className="h-4 w-72 max-w-full rounded bg-slate-100" />
        </div>
        <div className="h-9 w-24 rounded bg-slate-200" />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white">
        <div className="h-10 border-b border-slate-200 bg-slate-50" />
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="flex gap-6 border-b border-slate-100 px-4 py-4 last:border-0">
            <div className="h-4 w-20 rounded bg-slate-200" />
            <div className="h-4 w-40 rounded bg-slate-100" />
            <div className="h-4 w-14 rounded bg-slate-100" />
            <div className="h-4 w-12 rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
