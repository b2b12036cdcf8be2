"use client";

import { useRef } from "react";
import type { JsonSchema } from "@/lib/schema/types";
import { cn } from "../../../ui/cn";
import { themeText } from "../context";
import { type Props, a11y, optionsOf } from "./widget-props";

/**
 * Choices as a row of segmented buttons (radio semantics, arrow keys move between them). A radio
 * group cannot be emptied by clicking, so an optional one gets a 清除 button (and Delete or
 * Backspace on a chosen option) that takes the answer back.
 */
export function RadioWidget(props: Props) {
  const { value, onChange, onBlur, onFocus, disabled, readonly, id, schema, registry, required } = props;
  const text = themeText[registry.formContext?.locale ?? "zh"];
  const group = useRef<HTMLDivElement>(null);
  let opts = optionsOf(props);
  if ((schema as JsonSchema).type === "boolean" && opts.length === 0)
    opts = [
      { value: true, label: text.yes },
      { value: false, label: text.no },
    ];
  const invalid = (props.rawErrors ?? []).filter(Boolean).length > 0;
  const label = a11y(props)["aria-label"] ?? props.label;
  const clearable = !required && !disabled && !readonly;
  const chosen = value !== undefined && value !== null;
  const clear = () => {
    onChange(undefined);
    onBlur(id, undefined);
    // The clear button hides once there is nothing to clear; keep the focus in the group.
    group.current?.querySelector<HTMLInputElement>("input[type=radio]")?.focus();
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div
        ref={group}
        role="radiogroup"
        id={id}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}__error` : undefined}
        aria-label={label}
        className="flex flex-wrap gap-2"
      >
        {opts.map((o, i) => {
          const checked = o.value === value;
          return (
            <label
              key={String(o.value)}
              className={cn(
                "inline-flex h-9 cursor-pointer items-center rounded-md border px-3 text-sm select-none has-focus-visible:outline-2 has-focus-visible:outline-offset-1 has-focus-visible:outline-blue-600",
                checked ? "border-blue-600 bg-blue-50 font-medium text-blue-700" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
                invalid && !checked && "border-red-400",
                (disabled || readonly) && "cursor-not-allowed opacity-60",
              )}
            >
              <input
                type="radio"
                className="sr-only"
                name={id}
                id={`${id}-${i}`}
                checked={checked}
                disabled={disabled || readonly}
                onChange={() => onChange(o.value)}
                onKeyDown={(e) => {
                  if (clearable && checked && (e.key === "Delete" || e.key === "Backspace")) {
                    e.preventDefault();
                    clear();
                  }
                }}
                onBlur={() => onBlur(id, value)}
                onFocus={() => onFocus(id, value)}
              />
              {o.label}
            </label>
          );
        })}
      </div>
      {clearable && (
        <button
          type="button"
          // Hidden rather than removed while nothing is chosen, so the row does not jump.
          className={cn(
            "inline-flex h-9 items-center gap-1 rounded-md px-2 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-blue-600",
            !chosen && "invisible",
          )}
          aria-label={text.clearChoice.replace("{label}", label ?? "")}
          onClick={clear}
        >
          <svg viewBox="0 0 20 20" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
            <path d="M5 5l10 10M15 5L5 15" strokeLinecap="round" />
          </svg>
          {text.clear}
        </button>
      )}
    </div>
  );
}
