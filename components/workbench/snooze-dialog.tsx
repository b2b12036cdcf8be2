"use client";

import { useId, useState } from "react";
import { apiFetch, ApiError } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/form-controls";
import { fmt } from "@/lib/i18n/dictionaries";
import { addDays } from "@/lib/reminders/office-date";
import type { ReminderItem } from "@/lib/reminders/types";

const QUICK_DAYS = [1, 3, 7, 14];

/** 稍后提醒: a day after today (tomorrow by default, or one of the quick choices). */
export function SnoozeDialog({ item, today, onClose, onDone }: { item: ReminderItem; today: string; onClose: () => void; onDone: (item: ReminderItem, until: string) => void }) {
  const { t } = useI18n();
  const w = t.workbench;
  const id = useId();
  const [until, setUntil] = useState(addDays(today, 1));
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      await apiFetch("/api/reminders/snooze", { body: { key: item.id, until } });
      onDone(item, until);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t.common.errors.generic);
    }
  };
  return (
    <FormDialog onClose={onClose} title={fmt(w.snoozeDialog.title, { rule: item.ruleTitle })} submitLabel={w.snoozeDialog.confirm} onSubmit={submit}>
      <p className="font-medium text-slate-900">{item.recordTitle || item.recordId}</p>
      <div className="flex flex-wrap gap-2">
        {QUICK_DAYS.map((n) => (
          <Button key={n} size="sm" variant={until === addDays(today, n) ? "primary" : "secondary"} onClick={() => setUntil(addDays(today, n))}>
            {n === 1 ? w.snoozeDialog.tomorrow : fmt(w.snoozeDialog.inDays, { n })}
          </Button>
        ))}
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-until`} className="text-sm font-medium text-slate-700">
          {w.snoozeDialog.until}
        </label>
        <Input id={`${id}-until`} type="date" min={addDays(today, 1)} value={until} onChange={(e) => setUntil(e.target.value)} autoFocus required />
      </div>
      {error && <Alert tone="error">{error}</Alert>}
    </FormDialog>
  );
}
