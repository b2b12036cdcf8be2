"use client";
import { type Props, a11y, optionsOf } from "./widget-props";

export function CheckboxesWidget(props: Props) {
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
