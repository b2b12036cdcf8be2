"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import type { FieldFilter } from "@/lib/records/list-query";
import { useI18n } from "../i18n-provider";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Input, Select } from "../ui/form-controls";
import { draftFrom, editorKind, filtersFrom, offersEmpty, type DraftError, type FilterDraft } from "./filter-draft";
import type { ListField } from "@/lib/records/list-view-model";

const radioRow = "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-50 has-checked:bg-blue-50 has-checked:text-blue-800";
const check = "size-4 shrink-0 accent-blue-600";

/**
 * The form inside a filter chip's popover: an input by field kind (text, options, range, date
 * range, yes/no) and, where offered, "为空 / 不为空". Enter applies, the chip's Esc closes.
 */
export function FilterEditor({ field, filters, onApply, onClear }: { field: ListField; filters: FieldFilter[]; onApply: (filters: FieldFilter[]) => void; onClear: () => void }) {
  const { t } = useI18n();
  const tf = t.list.filters;
  const id = useId();
  const [draft, setDraft] = useState<FilterDraft>(() => draftFrom(field, filters));
  const [error, setError] = useState<DraftError | null>(null);
  const kind = editorKind(field);
  const active = filters.some((f) => f.path === field.path);
  const set = (patch: Partial<FilterDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setError(null);
  };

  const apply = () => {
    const result = filtersFrom(field, draft);
    if ("error" in result) setError(result.error);
    else onApply(result.filters);
  };
  // Enter applies from any control (checkboxes and radios do not submit a form by themselves).
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    const el = e.target as HTMLElement;
    if (e.key === "Enter" && el.tagName !== "BUTTON" && el.tagName !== "TEXTAREA") {
      e.preventDefault();
      apply();
    }
  };
  const errorText = error ? fmt(tf.errors[error.key], { v: error.value ?? "" }) : "";
  const byValue = draft.mode === "value";
  // A bad number marks only the box it was typed in; range problems concern both.
  const oneBox = error?.key === "notNumber" || error?.key === "notDate";
  const badMin = !!error && (!oneBox || error.value === draft.min.trim());
  const badMax = !!error && (!oneBox || error.value === draft.max.trim());

  return (
    <form
      className="flex w-72 max-w-[calc(100vw-2rem)] flex-col"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
      onKeyDown={onKeyDown}
      noValidate
    >
      <div className="border-b border-slate-100 px-3 py-2.5">
        <p className="text-sm font-semibold text-slate-900">{field.label}</p>
        <p className="text-xs text-slate-500">{field.sectionTitle}</p>
      </div>
      <div className="flex flex-col gap-3 px-3 py-3">
        {offersEmpty(field) && (
          <div role="radiogroup" aria-label={tf.condition} className="grid grid-cols-3 rounded-md bg-slate-100 p-0.5 text-xs font-medium">
            {(["value", "empty", "notEmpty"] as const).map((m) => (
              <label key={m} className="cursor-pointer rounded px-1 py-1 text-center text-slate-600 has-checked:bg-white has-checked:text-slate-900 has-checked:shadow-xs has-focus-visible:outline-2 has-focus-visible:outline-blue-600">
                <input type="radio" className="sr-only" name={`${id}-mode`} checked={draft.mode === m} onChange={() => set({ mode: m })} data-autofocus={!byValue && draft.mode === m ? true : undefined} />
                {m === "value" ? tf.byValue : tf.ops[m]}
              </label>
            ))}
          </div>
        )}
        {byValue && kind === "text" && (
          <div className="flex flex-col gap-2">
            {field.ops.includes("contains") && field.ops.includes("eq") && (
              <Select aria-label={tf.condition} value={draft.textOp} onChange={(e) => set({ textOp: e.target.value as FilterDraft["textOp"] })} className="h-8">
                <option value="contains">{tf.ops.contains}</option>
                <option value="eq">{tf.ops.eq}</option>
              </Select>
            )}
            <Input
              data-autofocus
              aria-label={field.label}
              value={draft.text}
              onChange={(e) => set({ text: e.target.value })}
              placeholder={tf.valuePlaceholder}
              invalid={!!error}
              maxLength={200}
            />
            {!field.ops.includes("contains") && <p className="text-xs text-slate-500">{tf.exactHint}</p>}
          </div>
        )}
        {byValue && kind === "month" && (
          <div className="flex flex-col gap-2">
            <Input data-autofocus aria-label={field.label} value={draft.text} onChange={(e) => set({ text: e.target.value })} placeholder={tf.monthPlaceholder} invalid={!!error} maxLength={20} />
            <p className="text-xs text-slate-500">{tf.monthHint}</p>
          </div>
        )}
        {byValue && kind === "options" && (
          <fieldset className="-mx-1 flex max-h-60 flex-col overflow-y-auto">
            <legend className="sr-only">{field.label}</legend>
            {(field.options ?? []).map((o, i) => (
              <label key={o} className={radioRow}>
                <input
                  type="checkbox"
                  className={check}
                  checked={draft.picked.includes(o)}
                  onChange={(e) => set({ picked: e.target.checked ? [...draft.picked, o] : draft.picked.filter((p) => p !== o) })}
                  data-autofocus={i === 0 ? true : undefined}
                />
                <span className="truncate">{o}</span>
              </label>
            ))}
          </fieldset>
        )}
        {byValue && (kind === "range" || kind === "dateRange") && (
          <div className="flex flex-col gap-2">
            <div className="grid grid-cols-[auto_1fr] items-center gap-x-2 gap-y-2">
              <label htmlFor={`${id}-min`} className="text-xs text-slate-500">
                {kind === "range" ? tf.min : tf.from}
              </label>
              <Input
                id={`${id}-min`}
                data-autofocus
                type="text"
                inputMode={kind === "range" ? "decimal" : undefined}
                placeholder={kind === "dateRange" ? tf.datePlaceholder : undefined}
                value={draft.min}
                onChange={(e) => set({ min: e.target.value })}
                invalid={badMin}
                className="h-8"
              />
              <label htmlFor={`${id}-max`} className="text-xs text-slate-500">
                {kind === "range" ? tf.max : tf.to}
              </label>
              <Input
                id={`${id}-max`}
                type="text"
                inputMode={kind === "range" ? "decimal" : undefined}
                placeholder={kind === "dateRange" ? tf.datePlaceholder : undefined}
                value={draft.max}
                onChange={(e) => set({ max: e.target.value })}
                invalid={badMax}
                className="h-8"
              />
            </div>
            {/* Dates as the app writes them everywhere (2024-01-31), not the browser's locale picker (mm/dd/yyyy). */}
            <p className="text-xs text-slate-500">{kind === "range" ? tf.rangeHint : tf.dateHint}</p>
          </div>
        )}
        {byValue && kind === "boolean" && (
          <div role="radiogroup" aria-label={field.label} className="-mx-1 flex flex-col">
            {(["true", "false", ...(field.ops.includes("empty") ? (["empty"] as const) : [])] as const).map((v, i) => (
              <label key={v} className={radioRow}>
                <input type="radio" name={`${id}-bool`} className={check} checked={draft.bool === v} onChange={() => set({ bool: v })} data-autofocus={i === 0 ? true : undefined} />
                {v === "true" ? tf.yes : v === "false" ? tf.no : tf.unanswered}
              </label>
            ))}
          </div>
        )}
        <p role="alert" className={cn("text-xs text-red-600", !errorText && "hidden")}>
          {errorText}
        </p>
      </div>
      <div className="flex justify-end gap-2 rounded-b-lg border-t border-slate-100 bg-slate-50 px-3 py-2">
        <Button size="sm" variant="ghost" onClick={onClear} disabled={!active}>
          {tf.clear}
        </Button>
        <Button size="sm" variant="primary" type="submit">
          {tf.apply}
        </Button>
      </div>
    </form>
  );
}
