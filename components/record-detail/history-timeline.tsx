import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { fmt, type Dictionary } from "@/lib/i18n/dictionaries";
import type { HistoryEntry } from "@/lib/records/types";
import { pathLabel, pointerSegments, type Locale } from "@/lib/schema/messages";
import type { JsonSchema, UiSchema } from "@/lib/schema/types";
import { ChangeList } from "./change-list";
import { describeChange, historyActionKey, historyActionLabel, historyActionTone } from "./history-view";

/** A line under the action for entries whose meaning is not a list of changes. */
function entryNote(entry: HistoryEntry, schema: JsonSchema, locale: Locale, t: Dictionary): string | null {
  const key = historyActionKey(entry.action);
  const meta = entry.meta;
  if (key === "reveal" && meta?.path === "*") return t.detail.history.revealedAll;
  if (key === "reveal" && meta?.path === "*print") return t.detail.history.printed;
  if (key === "reveal" && meta?.path === "*export") return fmt(t.detail.history.exported, { fields: meta.label ?? "" });
  if (key === "reveal" && meta?.path) {
    const field = pathLabel(schema, pointerSegments(meta.path), locale) || meta.label || meta.path;
    return fmt(t.detail.history.revealed, { field });
  }
  if (meta?.fromVersion !== undefined && meta.toVersion !== undefined) return fmt(t.detail.history.migrated, { from: meta.fromVersion, to: meta.toVersion });
  if (key === "reminder" && meta?.outcome)
    return fmt(meta.note ? t.detail.history.reminderNote : t.detail.history.reminder, { rule: meta.rule ?? "", field: meta.label ?? "", date: meta.date ?? "", outcome: meta.outcome, note: meta.note ?? "" });
  if (key === "update" && entry.changes.length === 0) return t.detail.history.noChanges;
  if (key === "return" && meta?.reason) return fmt(t.detail.history.returnReason, { reason: meta.reason });
  if (key === "transfer" && meta?.toOwner) return fmt(t.detail.history.transferred, { from: meta.fromOwner ?? "—", to: meta.toOwner });
  if (key === "verify" && meta?.verifiedRevision !== undefined) return fmt(meta.bulk ? t.detail.history.verifiedBulk : t.detail.history.verifiedRevision, { n: meta.verifiedRevision });
  return null;
}

/** Newer / older pages of a history list, as plain links (the page is rendered on the server). */
export interface HistoryPager {
  page: number;
  hasMore: boolean;
  hrefFor: (page: number) => string;
}

function Pager({ pager, t }: { pager: HistoryPager; t: Dictionary }) {
  if (pager.page === 1 && !pager.hasMore) return null;
  return (
    <nav aria-label={t.detail.history.pages} className="flex items-center justify-between border-t border-slate-100 px-5 py-3 text-sm">
      {pager.page > 1 ? (
        <Link href={pager.hrefFor(pager.page - 1)} className="text-blue-700 hover:underline" scroll={false}>
          {t.detail.history.newer}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-xs text-slate-500">{fmt(t.detail.history.page, { n: pager.page })}</span>
      {pager.hasMore ? (
        <Link href={pager.hrefFor(pager.page + 1)} className="text-blue-700 hover:underline" scroll={false}>
          {t.detail.history.older}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** The record's history, newest first: who, when, what, and field by field old → new. */
export function HistoryTimeline({
  id,
  history,
  schema,
  uiSchema,
  locale,
  t,
  title,
  empty,
  pager,
}: {
  id: string;
  history: HistoryEntry[];
  schema: JsonSchema;
  uiSchema: UiSchema;
  locale: Locale;
  t: Dictionary;
  title?: string;
  empty?: string;
  pager?: HistoryPager;
}) {
  const titleId = `${id}-title`;
  return (
    <section id={id} aria-labelledby={titleId} className="scroll-mt-20">
      <Card>
        <CardHeader id={titleId} title={title ?? t.detail.history.title} />
        {history.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-400">{empty ?? t.detail.history.empty}</p>
        ) : (
          <ol className="px-5 py-4">
            {history.map((entry, i) => {
              const note = entryNote(entry, schema, locale, t);
              const changes = entry.changes.map((change) => describeChange({ schema, uiSchema, change, locale }));
              return (
                <li key={entry.id} className="relative flex gap-3 pb-5 last:pb-0">
                  {i < history.length - 1 && <span className="absolute top-5 bottom-0 left-[7px] w-px bg-slate-200" aria-hidden="true" />}
                  <span className="relative mt-1.5 size-[15px] shrink-0 rounded-full border-2 border-white bg-slate-300 ring-1 ring-slate-200" aria-hidden="true" />
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
                      <span className="font-medium text-slate-900">{entry.actorName}</span>
                      <Badge tone={historyActionTone(entry.action)}>{historyActionLabel(entry.action, t.detail.history.actions)}</Badge>
                      <LocalDateTime iso={entry.at} className="text-slate-500 tabular-nums" />
                      {entry.revision !== null && <span className="text-xs text-slate-400">{fmt(t.detail.history.revision, { n: entry.revision })}</span>}
                    </div>
                    {note && <p className="mt-1 text-sm text-slate-600">{note}</p>}
                    {changes.length > 0 && <ChangeList changes={changes} isCreation={historyActionKey(entry.action) === "create"} />}
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        {pager && <Pager pager={pager} t={t} />}
      </Card>
    </section>
  );
}
