"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { apiFetch, ApiError } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/form-controls";
import { useToast } from "@/components/ui/toast";
import { fmt } from "@/lib/i18n/dictionaries";
import type { ReminderGroup, ReminderItem, WorkbenchPage } from "@/lib/reminders/types";
import { CalendarLinkDialog } from "./calendar-link-dialog";
import { DoneDialog } from "./done-dialog";
import { REMINDERS_CHANGED } from "./reminder-count";
import { SnoozeDialog } from "./snooze-dialog";
import { dueText, groupReminders, reminderHref, stageText } from "./workbench-view";

const GROUP_TONES: Record<ReminderGroup, "red" | "amber" | "blue" | "neutral"> = { overdue: "red", today: "amber", week: "blue", later: "neutral" };

/** How many more reminders 更多 asks for at a time. */
const MORE = 50;

/**
 * The 工作台: open reminders grouped 逾期 / 今天 / 本周 / 稍后 and by rule, each opening its record,
 * with every rule's count and its first reminders (更多 loads the next ones); 已处理 and 稍后提醒 per
 * reminder, by mouse or keyboard (↑/↓, Enter, D, S on a focused row).
 */
export function Workbench({ data, owner, horizonDays, templates }: { data: WorkbenchPage; owner: string; horizonDays: number; templates: { key: string; name: string }[] }) {
  const { t } = useI18n();
  const w = t.workbench;
  const router = useRouter();
  const toast = useToast();
  const [items, setItems] = useState(data.items);
  const [blocks, setBlocks] = useState(data.blocks);
  const [loadingMore, setLoadingMore] = useState<string | null>(null);
  const [seen, setSeen] = useState(data);
  const [dialog, setDialog] = useState<{ kind: "done" | "snooze"; item: ReminderItem } | null>(null);
  const [calendarOpen, setCalendarOpen] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  // The view an answer of 更多 belongs to: one that arrives after another filter was chosen is dropped.
  const view = useRef(data);
  // After 更多, the first reminder it brought gets the focus (the button may be gone).
  const focusNext = useRef<string | null>(null);
  // New data from the server (the refresh after handling a reminder; another agent chosen remounts
  // the page): its counts and first reminders, plus those 更多 had brought that are still in a block.
  if (seen !== data) {
    setSeen(data);
    const fresh = new Set(data.items.map((i) => i.id));
    const inBlocks = new Set(data.blocks.map((b) => `${b.group}|${b.ruleKey}`));
    setItems([...data.items, ...items.filter((i) => !fresh.has(i.id) && inBlocks.has(`${i.group}|${i.templateKey}:${i.ruleId}`))]);
    setBlocks(data.blocks);
  }
  useEffect(() => {
    view.current = data;
  }, [data]);
  useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    focusNext.current = null;
    listRef.current?.querySelector<HTMLElement>(`[data-reminder="${CSS.escape(id)}"]`)?.focus();
  });
  const groups = groupReminders(items, blocks);
  const multiTemplate = new Set(blocks.map((b) => b.ruleKey.split(":")[0])).size > 1;
  const total = blocks.reduce((n, b) => n + b.count, 0);

  // Handled: the reminder leaves and its block counts one less at once; the badge counts again and
  // the page is asked again (kept blocks stay open, see above; the router's cache — Back — learns
  // of it too). The keyboard goes on from the next reminder.
  const finished = (item: ReminderItem, message: string) => {
    setDialog(null);
    const rows = [...(listRef.current?.querySelectorAll<HTMLElement>("[data-reminder]") ?? [])];
    const at = rows.findIndex((r) => r.dataset.reminder === item.id);
    focusNext.current = (rows[at + 1] ?? rows[at - 1])?.dataset.reminder ?? null;
    setItems((all) => all.filter((i) => i.id !== item.id));
    setBlocks((all) => all.map((b) => (b.group === item.group && b.ruleKey === `${item.templateKey}:${item.ruleId}` ? { ...b, count: b.count - 1 } : b)));
    toast(message);
    window.dispatchEvent(new Event(REMINDERS_CHANGED));
    router.refresh();
  };

  // 更多: the block's next reminders, after those shown (the server pages through the list it computed for this view).
  const loadMore = async (group: ReminderGroup, ruleKey: string, shown: ReminderItem[]) => {
    const id = `${group}|${ruleKey}`;
    if (loadingMore) return;
    setLoadingMore(id);
    const asked = view.current;
    try {
      const last = shown[shown.length - 1];
      const q = new URLSearchParams({ group, rule: ruleKey, offset: String(shown.length), limit: String(MORE), ...(last ? { after: last.id } : {}), ...(owner ? { owner } : {}) });
      const page = await apiFetch<{ items: ReminderItem[]; count: number }>(`/api/reminders?${q}`);
      if (view.current !== asked) return;
      const have = new Set(items.map((i) => i.id));
      const added = page.items.filter((i) => !have.has(i.id));
      setItems((all) => {
        const kept = new Set(all.map((i) => i.id));
        return [...all, ...added.filter((i) => !kept.has(i.id))];
      });
      setBlocks((all) => all.map((b) => (b.group === group && b.ruleKey === ruleKey ? { ...b, count: page.count } : b)));
      // The first reminder it brought, else (nothing new: the button goes) the block's last one.
      focusNext.current = added[0]?.id ?? last?.id ?? null;
    } catch (err) {
      toast(err instanceof ApiError ? err.message : t.common.errors.generic, "error");
    } finally {
      setLoadingMore(null);
    }
  };

  const onRowKey = (e: KeyboardEvent<HTMLLIElement>, item: ReminderItem) => {
    if (e.target !== e.currentTarget) return;
    const rows = [...(listRef.current?.querySelectorAll<HTMLElement>("[data-reminder]") ?? [])];
    const at = rows.indexOf(e.currentTarget);
    const key = e.key.toLowerCase();
    if (key === "arrowdown" || key === "j") rows[at + 1]?.focus();
    else if (key === "arrowup" || key === "k") rows[at - 1]?.focus();
    else if (key === "enter") router.push(reminderHref(item));
    else if (key === "d") setDialog({ kind: "done", item });
    else if (key === "s") setDialog({ kind: "snooze", item });
    else return;
    e.preventDefault();
  };

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">{w.title}</h1>
          <p className="mt-1 text-sm text-slate-500">{fmt(w.subtitle, { today: data.today })}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {data.everyone && (
            <label className="flex items-center gap-2 text-sm whitespace-nowrap text-slate-600">
              {w.owner}
              <Select value={owner} onChange={(e) => router.push(e.target.value ? `/?owner=${encodeURIComponent(e.target.value)}` : "/")} className="w-40">
                <option value="">{w.allOwners}</option>
                {data.owners.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </Select>
            </label>
          )}
          <Button onClick={() => setCalendarOpen(true)}>{w.calendar.button}</Button>
          {templates.map((tp) => (
            <ButtonLink key={tp.key} href={`/t/${tp.key}`} size="md">
              {fmt(w.openList, { name: tp.name })}
            </ButtonLink>
          ))}
        </div>
      </div>

      {groups.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label={fmt(w.summary, { n: total })}>
          {groups.map((g) => (
            <li key={g.group}>
              <a href={`#group-${g.group}`} className="inline-flex items-center gap-1.5 rounded-full border border-slate-200 bg-white px-3 py-1 text-sm text-slate-700 hover:bg-slate-50">
                {fmt(w.groups[g.group], { days: horizonDays })}
                <Badge tone={GROUP_TONES[g.group]}>{g.count}</Badge>
              </a>
            </li>
          ))}
        </ul>
      )}

      {groups.length === 0 ? (
        <Card>
          <EmptyState title={w.emptyTitle} description={owner ? w.emptyOwner : w.emptyDescription} />
        </Card>
      ) : (
        <div ref={listRef} className="flex flex-col gap-5">
          <p className="text-xs text-slate-500">{w.keyboardHelp}</p>
          {groups.map((g) => (
            <section key={g.group} id={`group-${g.group}`} aria-labelledby={`group-${g.group}-title`}>
              <h2 id={`group-${g.group}-title`} className="mb-2 flex items-center gap-2 text-base font-semibold text-slate-900">
                {fmt(w.groups[g.group], { days: horizonDays })}
                <Badge tone={GROUP_TONES[g.group]}>{g.count}</Badge>
              </h2>
              <div className="flex flex-col gap-3">
                {g.rules.map((block) => (
                  <Card key={block.ruleKey} className="overflow-hidden">
                    <h3 className="flex items-center gap-2 border-b border-slate-100 bg-slate-50 px-4 py-2 text-sm font-medium text-slate-700">
                      {block.ruleTitle}
                      <span className="text-slate-400">{block.count}</span>
                    </h3>
                    <ul className="divide-y divide-slate-100">
                      {block.items.map((item) => (
                        <li
                          key={item.id}
                          data-reminder={item.id}
                          tabIndex={0}
                          onKeyDown={(e) => onRowKey(e, item)}
                          aria-label={`${block.ruleTitle} ${item.recordTitle} ${dueText(item.dueIn, w)}`}
                          className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5 focus:bg-blue-50 focus:outline-none"
                        >
                          <div className="min-w-0 flex-1">
                            <Link href={reminderHref(item)} className="font-medium text-blue-700 hover:underline" tabIndex={-1}>
                              {item.recordTitle || item.recordId}
                            </Link>
                            <p className="text-xs text-slate-500">
                              {multiTemplate && `${item.templateName} · `}
                              {item.dateLabel} {item.date}
                              {item.row !== null && ` · ${fmt(w.row, { n: item.row + 1 })}`} · {stageText(item.stage, w)}
                              {data.everyone && ` · ${item.ownerName}`}
                            </p>
                          </div>
                          <span className={item.dueIn < 0 ? "text-sm font-medium text-red-700" : "text-sm text-slate-600"}>{dueText(item.dueIn, w)}</span>
                          <div className="flex gap-2">
                            <Button size="sm" variant="primary" onClick={() => setDialog({ kind: "done", item })}>
                              {w.done}
                            </Button>
                            <Button size="sm" onClick={() => setDialog({ kind: "snooze", item })}>
                              {w.snooze}
                            </Button>
                          </div>
                        </li>
                      ))}
                    </ul>
                    {block.items.length < block.count && (
                      <div className="border-t border-slate-100 px-4 py-2">
                        <Button size="sm" variant="ghost" busy={loadingMore === `${g.group}|${block.ruleKey}`} disabled={loadingMore !== null} onClick={() => loadMore(g.group, block.ruleKey, block.items)}>
                          {loadingMore === `${g.group}|${block.ruleKey}` ? w.moreLoading : fmt(w.more, { n: block.count - block.items.length })}
                        </Button>
                      </div>
                    )}
                  </Card>
                ))}
              </div>
            </section>
          ))}
        </div>
      )}

      {calendarOpen && <CalendarLinkDialog onClose={() => setCalendarOpen(false)} />}
      {dialog?.kind === "done" && <DoneDialog item={dialog.item} onClose={() => setDialog(null)} onDone={(item) => finished(item, fmt(w.doneToast, { title: item.recordTitle || item.ruleTitle }))} />}
      {dialog?.kind === "snooze" && (
        <SnoozeDialog item={dialog.item} today={data.today} onClose={() => setDialog(null)} onDone={(item, until) => finished(item, fmt(w.snoozedToast, { date: until }))} />
      )}
    </div>
  );
}
