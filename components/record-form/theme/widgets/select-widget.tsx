"use client";

import { controlClass } from "../../../ui/form-controls";
import { cn } from "../../../ui/cn";
import { themeText } from "../context";
import { type Props, a11y, optionsOf } from "./widget-props";

export function SelectWidget(props: Props) {
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
