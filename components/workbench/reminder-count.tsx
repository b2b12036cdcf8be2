"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { fmt } from "@/lib/i18n/dictionaries";

/** Fired by the 工作台 after closing or snoozing a reminder, so the sidebar's count follows. */
export const REMINDERS_CHANGED = "dossier:reminders-changed";

/** The number of reminders due today or overdue, as a badge beside 工作台 in the sidebar. */
export function ReminderCount() {
  const { t } = useI18n();
  const [due, setDue] = useState<{ due: number; more: boolean } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const load = (e?: Event) =>
      apiFetch<{ due: number; more: boolean }>(`/api/reminders/count${e ? "?fresh=1" : ""}`, { signal: controller.signal })
        .then((r) => setDue(r))
        .catch(() => undefined); // a count that fails to load is left out, never an error on every page
    load();
    window.addEventListener(REMINDERS_CHANGED, load);
    return () => {
      controller.abort();
      window.removeEventListener(REMINDERS_CHANGED, load);
    };
  }, []);
  if (!due?.due) return null;
  // A count that reached the server's cap (100) reads "99+", as mail badges do.
  const label = due.more ? fmt(t.workbench.dueMore, { n: due.due - 1 }) : fmt(t.workbench.dueCount, { n: due.due });
  return (
    <span className="ml-auto rounded-full bg-red-600 px-1.5 py-0.5 text-[11px] leading-none font-semibold text-white" title={label} data-testid="reminder-count">
      <span aria-hidden="true">{due.more ? `${due.due - 1}+` : due.due}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
