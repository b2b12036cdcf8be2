"use client";

import type { DesignerProblem } from "@/lib/template-model/check-model";
import { NUMBER_KINDS, type DesignerField } from "@/lib/template-model/model";
import { useI18n } from "../i18n-provider";
import { Input, Select } from "../ui/form-controls";
import { Prop } from "./prop-inputs";

/** The default value, with the input its kind needs (a choice, 是/否, a number, a date, text). */
export function DefaultEditor({ field, onChange, problems }: { field: DesignerField; onChange: (value: unknown) => void; problems: DesignerProblem[] }) {
  const { t } = useI18n();
  const p = t.designer.props;
  const value = field.default;
  if (field.kind === "multiselect") {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <Prop label={p.default} problems={problems}>
        {(id) => (
          <div id={id} role="group" className="flex flex-wrap gap-x-3 gap-y-1">
            {(field.options ?? []).map((o) => (
              <label key={o} className="flex items-center gap-1.5 text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="size-4 accent-blue-600"
                  checked={chosen.includes(o)}
                  onChange={(e) => {
                    const next = (field.options ?? []).filter((x) => (x === o ? e.target.checked : chosen.includes(x)));
                    onChange(next.length ? next : undefined);
                  }}
                />
                {o}
              </label>
            ))}
          </div>
        )}
      </Prop>
    );
  }
  return (
    <Prop label={p.default} problems={problems}>
      {(id, describedBy) => {
        const common = { id, "aria-describedby": describedBy, invalid: problems.length > 0 };
        if (field.kind === "boolean")
          return (
            <Select {...common} value={value === true ? "true" : value === false ? "false" : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value === "true")}>
              <option value="">{p.noDefault}</option>
              <option value="true">{p.yes}</option>
              <option value="false">{p.no}</option>
            </Select>
          );
        if (field.kind === "select" && field.options)
          return (
            <Select {...common} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}>
              <option value="">{p.noDefault}</option>
              {field.options.map((o, i) => (
                <option key={i} value={o}>
                  {o}
                </option>
              ))}
            </Select>
          );
        if (NUMBER_KINDS.includes(field.kind))
          return (
            <Input
              {...common}
              type="number"
              step="any"
              value={typeof value === "number" ? value : ""}
              onChange={(e) => {
                const n = Number(e.target.value);
                onChange(e.target.value === "" || !Number.isFinite(n) ? undefined : n);
              }}
            />
          );
        return (
          <Input
            {...common}
            type={field.kind === "date" ? "date" : "text"}
            value={typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value)}
            onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
          />
        );
      }}
    </Prop>
  );
}
