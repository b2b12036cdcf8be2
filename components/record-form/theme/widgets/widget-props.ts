import type { RJSFSchema, WidgetProps } from "@rjsf/utils";
import { themeText, type FormContext } from "../context";

export type Props = WidgetProps<unknown, RJSFSchema, FormContext>;

/**
 * The table row a control sits in ("root.payments.2.amount" → 2), or null outside tables. Ids are
 * data paths joined by "." and keys never contain dots (see error-schema.ts).
 */
export function rowOfId(id: string): number | null {
  const parts = id.split(".");
  const seg = parts[parts.length - 2];
  return parts.length >= 3 && /^\d+$/.test(seg) ? Number(seg) : null;
}

/** The attributes every control carries: id, name, ARIA state and its accessible name in tables. */
export function a11y(props: Props) {
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


/** The choices of a select, radio group or checkbox list, labels as text. */
export function optionsOf(props: Props): { value: unknown; label: string }[] {
  return (props.options.enumOptions ?? []).map((o) => ({ value: o.value, label: String(o.label) }));
}
