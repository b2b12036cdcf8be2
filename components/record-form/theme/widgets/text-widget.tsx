"use client";

import { useState, type FocusEvent } from "react";
import { fieldKind } from "@/lib/schema/fields";
import { normalizeValue } from "@/lib/schema/normalize";
import type { JsonSchema } from "@/lib/schema/types";
import { controlClass } from "../../../ui/form-controls";
import { cn } from "../../../ui/cn";
import { type Props, a11y } from "./widget-props";

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
export function TextWidget(props: Props) {
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
