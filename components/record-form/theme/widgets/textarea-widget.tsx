"use client";

import type { JsonSchema } from "@/lib/schema/types";
import { controlClass } from "../../../ui/form-controls";
import { type Props, a11y } from "./widget-props";

export function TextareaWidget(props: Props) {
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
