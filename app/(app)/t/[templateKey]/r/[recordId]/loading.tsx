/** Placeholder shaped like the detail page, so nothing jumps when it arrives. */
export default function Loading() {
  return (
    <div className="mx-auto flex max-w-6xl animate-pulse flex-col gap-6" aria-busy="true" aria-live="polite">
      <div className="flex flex-col gap-3">
        <div className="h-4 w-40 rounded bg-slate-200" />
        <div className="h-7 w-56 rounded bg-slate-200" />
        <div className="h-4 w-96 max-w-full rounded bg-slate-100" />
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_11rem]">
        <div className="flex flex-col gap-5">
          {[0, 1, 2].map((i) => (
            <div key={i} className="rounded-lg border border-slate-200 bg-white">
              <div className="border-b border-slate-100 px-5 py-4">
                <div className="h-4 w-28 rounded bg-slate-200" />
              </div>
              <div className="grid grid-cols-1 gap-4 px-5 py-4 sm:grid-cols-2">
                {[0, 1, 2, 3].map((j) => (
                  <div key={j} className="flex flex-col gap-1.5">
                    <div className="h-3 w-16 rounded bg-slate-100" />
                    <div className="h-4 w-32 rounded bg-slate-200" />
                  </div>
                ))}
              </div>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
