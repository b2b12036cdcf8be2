"use client";

import type { RegistryWidgetsType, RJSFSchema, WidgetProps } from "@rjsf/utils";
import { useRef, useState, type FocusEvent } from "react";
import { fieldKind } from "@/lib/schema/fields";
import { normalizeDate, normalizeValue } from "@/lib/schema/normalize";
import type { JsonSchema } from "@/lib/schema/types";
import { controlClass } from "../../ui/form-controls";
import { cn } from "../../ui/cn";
import { themeText, type FormContext } from "./context";

type Props = WidgetProps<unknown, RJSFSchema, FormContext>;

/**
 * The table row a control sits in ("root.payments.2.amount" → 2), or null outside tables. Ids are
 * data paths joined by "." and keys never contain dots (see error-schema.ts).
 */
export function rowOfId(id: string): number | null {
  const parts = id.split(".");
  const seg = parts[parts.length - 2];
  return parts.length >= 3 && /^\d+$/.test(seg) ? Number(seg) : null;
}

function a11y(props: Props) {
  const invalid = (props.rawErrors ?? []).filter(Boolean).length > 0;
  const row = rowOfId(props.id);
  const text = themeText[props.registry.formContext?.locale ?? "zh"];
  // Table cells have no visible label (the column header is above, or hidden on phones), so the
  // control carries its name, with the row, itself.
  const cellLabel = row !== null && props.label ? text.cell.replace("{label}", props.label).replace("{n}", String(row + 1)) : undefined;
  const help = !invalid && row === null && props.options.help ? `${props.id}__help` : undefined;
  return {
    id: props.id,
    name: props.htmlName || props.id,
    "aria-invalid": invalid || undefined,
    "aria-describedby": invalid ? `${props.id}__error` : help,
    "aria-label": cellLabel ?? (props.hideLabel || !props.label ? props.label || undefined : undefined),
    "aria-required": props.required || undefined,
    disabled: props.disabled,
    readOnly: props.readonly,
    autoFocus: props.autofocus,
    invalid,
  };
}

const moneyFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

const inputModes: Partial<Record<string, "text" | "tel" | "email" | "decimal" | "numeric">> = {
  mobile: "tel",
  phone: "tel",
  email: "email",
  money: "decimal",
  percent: "decimal",
  number: "decimal",
  integer: "numeric",
};

/**
 * Text input for strings and numbers. While focused it keeps exactly what is typed ("100万",
 * "1,000"); on blur the value is cleaned the way the server cleans it (full-width digits, units,
 * separators, upper-case X in IDs), so what you see is what will be stored.
 */
function TextWidget(props: Props) {
  const { value, onChange, onBlur, onFocus, schema, placeholder, options } = props;
  const { invalid, ...attrs } = a11y(props);
  const kind = fieldKind(schema as JsonSchema);
  const [draft, setDraft] = useState<string | null>(null);
  // Amounts read with thousands separators ("300,000" is not mistaken for "3000000"); typing and
  // pasting them that way works too, as the normalizer drops the separators.
  const grouped = kind === "money" && typeof value === "number" ? moneyFormat.format(value) : null;
  const shown = draft ?? grouped ?? (value === undefined || value === null ? "" : String(value));
  const numeric = kind === "money" || kind === "percent" || kind === "number" || kind === "integer";
  const commit = (raw: string) => {
    const next = raw === "" ? undefined : normalizeValue(schema as JsonSchema, raw);
    onChange(next);
    return next;
  };
  const input = (
    <input
      {...attrs}
      type="text"
      inputMode={inputModes[kind] ?? "text"}
      autoComplete="off"
      spellCheck={false}
      value={shown}
      placeholder={placeholder || (options.placeholder as string | undefined)}
      maxLength={(schema as JsonSchema).maxLength}
      className={controlClass(invalid, cn("h-9", numeric && "text-right tabular-nums", kind === "idNumber" && "font-mono tracking-wide", kind === "money" && "pl-7", kind === "percent" && "pr-7"))}
      onFocus={(e: FocusEvent<HTMLInputElement>) => onFocus(props.id, e.target.value)}
      onChange={(e) => {
        const raw = e.target.value;
        if (numeric) {
          // Keep the text while typing; store the number as soon as it reads as one.
          setDraft(raw);
          const n = normalizeValue(schema as JsonSchema, raw);
          onChange(raw === "" ? undefined : n);
        } else onChange(raw === "" ? undefined : raw);
      }}
      onBlur={(e) => {
        setDraft(null);
        const next = commit(e.target.value);
        onBlur(props.id, next);
      }}
    />
  );
  if (kind === "money" || kind === "percent") {
    return (
      <div className="relative">
        {kind === "money" && <span className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-slate-400">¥</span>}
        {input}
        {kind === "percent" && <span className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-slate-400">%</span>}
      </div>
    );
  }
  return input;
}

function TextareaWidget(props: Props) {
  const { value, onChange, onBlur, onFocus, placeholder, options, schema } = props;
  const { invalid, ...attrs } = a11y(props);
  return (
    <textarea
      {...attrs}
      rows={(options.rows as number | undefined) ?? 3}
      value={typeof value === "string" ? value : ""}
      placeholder={placeholder}
      maxLength={(schema as JsonSchema).maxLength}
      className={controlClass(invalid, "min-h-9 py-2")}
      onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
      onBlur={(e) => onBlur(props.id, e.target.value)}
      onFocus={(e) => onFocus(props.id, e.target.value)}
    />
  );
}

/**
 * Dates as text, so that pasted 2023/1/1, 2023.1.1, 2023年1月1日 or 20230101 are accepted and
 * cleaned to 2023-01-01 on blur (as the server does); the calendar button opens the native picker.
 * Date-times use the native control.
 */
function DateWidget(props: Props) {
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
        value={typeof value === "string" ? value.slice(0, 16) : ""}
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

function optionsOf(props: Props): { value: unknown; label: string }[] {
  return (props.options.enumOptions ?? []).map((o) => ({ value: o.value, label: String(o.label) }));
}

function SelectWidget(props: Props) {
  const { value, onChange, onBlur, onFocus, registry } = props;
  const { invalid, ...attrs } = a11y(props);
  const text = themeText[registry.formContext?.locale ?? "zh"];
  const opts = optionsOf(props);
  const index = opts.findIndex((o) => o.value === value);
  return (
    <select
      {...attrs}
      value={index >= 0 ? String(index) : ""}
      className={controlClass(invalid, cn("h-9 pr-2", index < 0 && "text-slate-400"))}
      onChange={(e) => onChange(e.target.value === "" ? undefined : opts[Number(e.target.value)]?.value)}
      onBlur={() => onBlur(props.id, value)}
      onFocus={() => onFocus(props.id, value)}
    >
      <option value="">{text.choose}</option>
      {opts.map((o, i) => (
        <option key={String(o.value)} value={String(i)} className="text-slate-900">
          {o.label}
        </option>
      ))}
    </select>
  );
}

/**
 * Choices as a row of segmented buttons (radio semantics, arrow keys move between them). A radio
 * group cannot be emptied by clicking, so an optional one gets a 清除 button (and Delete or
 * Backspace on a chosen option) that takes the answer back.
 */
function RadioWidget(props: Props) {
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

function CheckboxWidget(props: Props) {
  const { value, onChange, onBlur, onFocus, label, hideLabel, id } = props;
  const { invalid, ...attrs } = a11y(props);
  return (
    <label className={cn("inline-flex min-h-9 cursor-pointer items-center gap-2 text-sm text-slate-700", invalid && "text-red-700")}>
      <input
        {...attrs}
        type="checkbox"
        checked={value === true}
        className="size-4 rounded border-slate-300 text-blue-600 focus-visible:outline-2 focus-visible:outline-blue-600"
        onChange={(e) => onChange(e.target.checked)}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      />
      {!hideLabel && rowOfId(id) === null && label}
    </label>
  );
}

function CheckboxesWidget(props: Props) {
  const { value, onChange, onBlur, id, disabled, readonly } = props;
  const selected = Array.isArray(value) ? value : [];
  const opts = optionsOf(props);
  const invalid = (props.rawErrors ?? []).filter(Boolean).length > 0;
  return (
    <div role="group" id={id} aria-label={a11y(props)["aria-label"] ?? props.label} aria-describedby={invalid ? `${id}__error` : undefined} className="flex flex-wrap gap-x-4 gap-y-2">
      {opts.map((o, i) => (
        <label key={String(o.value)} className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            id={`${id}-${i}`}
            className="size-4 rounded border-slate-300"
            disabled={disabled || readonly}
            checked={selected.includes(o.value)}
            // Leaving the choices marks the field as touched, so its error shows like any other.
            onBlur={() => onBlur(id, value)}
            onChange={(e) => {
              const next = e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value);
              // Keep the template's option order whatever order they were ticked in.
              onChange(opts.map((x) => x.value).filter((v) => next.includes(v)));
            }}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

/** The record form's widgets; numbers use a text input so that "100万" and "1,000" can be typed. */
export const widgets: RegistryWidgetsType<unknown, RJSFSchema, FormContext> = {
  TextWidget,
  EmailWidget: TextWidget,
  URLWidget: TextWidget,
  UpDownWidget: TextWidget,
  RangeWidget: TextWidget,
  TextareaWidget,
  DateWidget,
  DateTimeWidget: DateWidget,
  SelectWidget,
  RadioWidget,
  CheckboxWidget,
  CheckboxesWidget,
};
