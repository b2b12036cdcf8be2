"use client";

import { useRef } from "react";
import { normalizeDate } from "@/lib/schema/normalize";
import type { JsonSchema } from "@/lib/schema/types";
import { controlClass } from "../../../ui/form-controls";
import { themeText } from "../context";
import { type Props, a11y, rowOfId } from "./widget-props";

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A stored date-time (an instant: 2026-12-06T10:30:00.000Z) as the native control's local
 * "YYYY-MM-DDTHH:mm", the time the browser picked it in (the control showed the UTC text's clock,
 * 10:30 for 18:30 picked in Beijing). "" for anything else.
 */
export function localDateTimeInput(value: unknown): string {
  const at = typeof value === "string" ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime())) return "";
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/**
 * Dates as text, so that pasted 2023/1/1, 2023.1.1, 2023年1月1日 or 20230101 are accepted and
 * cleaned to 2023-01-01 on blur (as the server does); the calendar button opens the native picker.
 * Date-times use the native control.
 */
export function DateWidget(props: Props) {
  const { value, onChange, onBlur, onFocus, schema, registry } = props;
  const { invalid, ...attrs } = a11y(props);
  const picker = useRef<HTMLInputElement>(null);
  const datetime = (schema as JsonSchema).format === "date-time";
  const words = themeText[registry.formContext?.locale ?? "zh"];
  if (datetime) {
    return (
      <input
        {...attrs}
        type="datetime-local"
        value={localDateTimeInput(value)}
        className={controlClass(invalid, "h-9 tabular-nums")}
        onChange={(e) => onChange(e.target.value === "" ? undefined : new Date(e.target.value).toISOString())}
        onBlur={(e) => onBlur(props.id, e.target.value)}
        onFocus={(e) => onFocus(props.id, e.target.value)}
      />
    );
  }
  const text = typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
  return (
    <div className="relative">
      <input
        {...attrs}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        // A table cell is too narrow for the example: it would show as "年-月-日，如 20".
        placeholder={rowOfId(props.id) === null ? words.dateHint : words.dateHintCell}
        value={text}
        maxLength={20}
        className={controlClass(invalid, "h-9 pr-9 tabular-nums")}
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
        onBlur={(e) => {
          const next = e.target.value === "" ? undefined : normalizeDate(e.target.value);
          if (next !== e.target.value) onChange(next);
          onBlur(props.id, next);
        }}
        onFocus={(e) => onFocus(props.id, e.target.value)}
      />
      <button
        type="button"
        tabIndex={-1}
        aria-hidden="true"
        disabled={props.disabled || props.readonly}
        title={words.pickDate}
        className="absolute inset-y-0 right-0 flex w-9 items-center justify-center text-slate-400 hover:text-slate-700"
        onClick={() => picker.current?.showPicker?.()}
      >
        <svg viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8">
          <rect x="3.5" y="5" width="17" height="15" rx="2" />
          <path d="M3.5 9.5h17M8 3v4M16 3v4" strokeLinecap="round" />
        </svg>
      </button>
      <input
        ref={picker}
        type="date"
        tabIndex={-1}
        aria-hidden="true"
        className="pointer-events-none absolute right-0 bottom-0 h-0 w-0 opacity-0"
        value={/^\d{4}-\d{2}-\d{2}$/.test(text) ? text : ""}
        min="1900-01-01"
        max="2199-12-31"
        onChange={(e) => e.target.value && onChange(e.target.value)}
      />
    </div>
  );
}
