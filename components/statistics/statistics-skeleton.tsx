import { Card } from "../ui/card";

const bar = "animate-pulse rounded bg-slate-200/80";

/** The 统计 tab's shape while its widgets are computed: tabs, header, filter bar, cards and charts. */
export function StatisticsSkeleton() {
  return (
    <div className="flex flex-col gap-4" aria-busy="true">
      <div className="flex gap-4 border-b border-slate-200 pb-2">
        <div className={`${bar} h-5 w-10`} />
        <div className={`${bar} h-5 w-10`} />
      </div>
      <div className="flex flex-col gap-1.5 py-0.5">
        <div className={`${bar} h-7 w-56`} />
        <div className={`${bar} h-4 w-80 max-w-full`} />
      </div>
      <Card className="flex gap-2 px-4 py-3">
        {[20, 24, 24, 28].map((w, i) => (
          <div key={i} className={`${bar} h-8 rounded-full`} style={{ width: `${w * 0.25}rem` }} />
        ))}
      </Card>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Card key={i} className="flex flex-col gap-3 px-4 py-4">
            <div className={`${bar} h-4 w-24`} />
            <div className={`${bar} h-8 w-32`} />
          </Card>
        ))}
        {Array.from({ length: 2 }, (_, i) => (
          <Card key={i} className="flex flex-col gap-3 px-4 py-4 sm:col-span-2">
            <div className={`${bar} h-4 w-32`} />
            <div className={`${bar} h-56 w-full`} />
          </Card>
        ))}
      </div>
    </div>
  );
}
