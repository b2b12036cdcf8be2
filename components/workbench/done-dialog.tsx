"use client";

import { useId, useState } from "react";
import { apiFetch, ApiError } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { FormDialog } from "@/components/ui/form-dialog";
import { Textarea } from "@/components/ui/form-controls";
import { fmt } from "@/lib/i18n/dictionaries";
import type { ReminderItem } from "@/lib/reminders/types";

/** 已处理: pick one of the rule's outcomes (the first is chosen, arrows change it), add a note, confirm. */
export function DoneDialog({ item, onClose, onDone }: { item: ReminderItem; onClose: () => void; onDone: (item: ReminderItem) => void }) {
  const { t } = useI18n();
  const w = t.workbench;
  const id = useId();
  const [outcome, setOutcome] = useState(item.outcomes[0] ?? "");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    try {
      await apiFetch("/api/reminders/close", { body: { key: item.id, outcome, note } });
      onDone(item);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t.common.errors.generic);
    }
  };
  return (
    <FormDialog onClose={onClose} title={fmt(w.doneDialog.title, { rule: item.ruleTitle })} submitLabel={w.doneDialog.confirm} onSubmit={submit}>
      <p>
        {w.doneDialog.record}
        {t.common.colon}
        <span className="font-medium text-slate-900">{item.recordTitle || item.recordId}</span> · {item.dateLabel} {item.date}
      </p>
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1.5 text-sm font-medium text-slate-700">{w.doneDialog.outcome}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {item.outcomes.map((o, i) => (
            <label key={o} className="flex items-center gap-1.5 text-sm text-slate-800">
              <input type="radio" name={`${id}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} autoFocus={i === 0} />
              {o}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-note`} className="text-sm font-medium text-slate-700">
          {w.doneDialog.note}
        </label>
        <Textarea
          id={`${id}-note`}
          rows={3}
          maxLength={500}
          value={note}
          placeholder={w.doneDialog.notePlaceholder}
          onChange={(e) => setNote(e.target.value)}
          // Ctrl/⌘+Enter confirms from the note, as in most chat and ticket tools.
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
      </div>
      {error && <Alert tone="error">{error}</Alert>}
    </FormDialog>
  );
}
