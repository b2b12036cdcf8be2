import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalDateTime } from "@/components/ui/local-date-time";
import type { Dictionary } from "@/lib/i18n/dictionaries";
import type { ReturnedItem } from "@/lib/verification/list-returned-records";

/** Records a reviewer returned to the reader, each with the reason: open one, correct it, save. */
export function ReturnedList({ items, t }: { items: ReturnedItem[]; t: Dictionary }) {
  const r = t.verification.returnedList;
  return (
    <Card data-testid="returned-list">
      <CardHeader title={r.title} description={r.description} />
      {items.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">{r.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {items.map((item) => (
            <li key={item.recordId} className="flex flex-col gap-1 px-5 py-3 text-sm sm:flex-row sm:items-baseline sm:gap-3">
              <Link href={`/t/${encodeURIComponent(item.templateKey)}/r/${item.recordId}`} className="font-medium text-slate-900 hover:underline">
                {item.title || item.recordId}
              </Link>
              <span className="text-slate-500">{item.templateName}</span>
              <span className="min-w-0 flex-1 text-red-800">{item.reason}</span>
              <span className="whitespace-nowrap text-slate-500">
                {item.returnedBy} · <LocalDateTime iso={item.returnedAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
