"use client";

import { cn } from "../../../ui/cn";
import { type Props, a11y, rowOfId } from "./widget-props";

export function CheckboxWidget(props: Props) {
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
