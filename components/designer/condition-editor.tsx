"use client";

import { useId, useState } from "react";
import type { DesignerProblem } from "@/lib/template-model/check-model";
import type { DesignerModel, FieldPath } from "@/lib/template-model/model";
import type { VisibleWhen } from "@/lib/schema/types";
import { fmt } from "@/lib/i18n/dictionaries";
import { useI18n } from "../i18n-provider";
import { Button } from "../ui/button";
import { Input, Select } from "../ui/form-controls";
import { buildRule, CONDITION_OPS, conditionTargets, defaultRule, ruleParts, ruleTargetPath, valueInput, valuesFor, type ConditionOp } from "./condition-model";
import { ProblemNote } from "./prop-inputs";

/**
 * 条件显示: show the field only when another field (a sibling, or any field of another section)
 * equals, differs from, or is one of some values — picked from that field's choices or typed.
 */
export function ConditionEditor({ model, path, rule, onChange, problems }: { model: DesignerModel; path: FieldPath; rule: VisibleWhen | undefined; onChange: (rule: VisibleWhen | undefined) => void; problems: DesignerProblem[] }) {
  const { t } = useI18n();
  const c = t.designer.condition;
  const id = useId();
  const targets = conditionTargets(model, path);
  if (!rule) {
    return (
      <div className="flex flex-col gap-2">
        <p className="text-sm text-slate-500">{c.none}</p>
        <div>
          <Button size="sm" disabled={targets.length === 0} onClick={() => onChange(defaultRule(model, path, targets))}>
            + {c.add}
          </Button>
        </div>
        {targets.length === 0 && <p className="text-xs text-slate-400">{c.noTargets}</p>}
        <ProblemNote problems={problems} />
      </div>
    );
  }
  const targetPath = ruleTargetPath(path, rule);
  const target = targets.find((x) => x.path === targetPath);
  const { op, values } = ruleParts(rule);
  const input = valueInput(target?.field);
  const multi = op === "in" || op === "notIn";
  const show = (v: unknown) => (v === true ? t.designer.props.yes : v === false ? t.designer.props.no : String(v));
  const update = (next: { ref?: string; op?: ConditionOp; values?: unknown[] }) => onChange(buildRule(next.ref ?? rule.field, next.op ?? op, next.values ?? values));

  return (
    <div className="flex flex-col gap-2.5">
      {target && values.length > 0 && (
        <p className="rounded-md bg-slate-50 px-2.5 py-1.5 text-xs text-slate-600">
          {fmt(c.summary, { field: target.label, op: c.ops[op], value: values.map(show).join("、") })}
        </p>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-field`} className="text-xs font-medium text-slate-600">
          {c.field}
        </label>
        <Select
          id={`${id}-field`}
          value={target?.ref ?? ""}
          onChange={(e) => {
            const next = targets.find((x) => x.ref === e.target.value);
            if (next) update({ ref: next.ref, values: valuesFor(valueInput(next.field), values) });
          }}
        >
          {!target && <option value="">{rule.field}</option>}
          {targets.map((x) => (
            <option key={x.path} value={x.ref}>
              {x.label}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-op`} className="text-xs font-medium text-slate-600">
          {c.op}
        </label>
        <Select id={`${id}-op`} value={op} onChange={(e) => update({ op: e.target.value as ConditionOp, values: e.target.value === "in" || e.target.value === "notIn" ? values : values.slice(0, 1) })}>
          {CONDITION_OPS.map((o) => (
            <option key={o} value={o}>
              {c.ops[o]}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex flex-col gap-1">
        <span id={`${id}-value`} className="text-xs font-medium text-slate-600">
          {c.value}
        </span>
        {input.type === "choices" ? (
          multi ? (
            <div role="group" aria-labelledby={`${id}-value`} className="flex flex-wrap gap-x-3 gap-y-1">
              {input.options.map((v) => (
                <label key={String(v)} className="flex items-center gap-1.5 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    className="size-4 accent-blue-600"
                    checked={values.includes(v)}
                    onChange={(e) => update({ values: e.target.checked ? input.options.filter((x) => x === v || values.includes(x)) : values.filter((x) => x !== v) })}
                  />
                  {show(v)}
                </label>
              ))}
            </div>
          ) : (
            <Select
              aria-labelledby={`${id}-value`}
              value={values.length ? String(input.options.indexOf(values[0])) : ""}
              onChange={(e) => update({ values: e.target.value === "" ? [] : [input.options[Number(e.target.value)]] })}
            >
              <option value="">—</option>
              {input.options.map((v, i) => (
                <option key={String(v)} value={String(i)}>
                  {show(v)}
                </option>
              ))}
            </Select>
          )
        ) : (
          <ValueText key={`${targetPath}|${op}`} labelledBy={`${id}-value`} number={input.type === "number"} multi={multi} values={values} placeholder={c.valuePlaceholder} onChange={(v) => update({ values: v })} />
        )}
      </div>
      <ProblemNote problems={problems} />
      <div>
        <Button size="sm" variant="ghost" onClick={() => onChange(undefined)}>
          {c.remove}
        </Button>
      </div>
    </div>
  );
}

/** Typed condition values; several are separated by 、 or commas (kept as typed while editing). */
function ValueText({ labelledBy, number, multi, values, placeholder, onChange }: { labelledBy: string; number: boolean; multi: boolean; values: unknown[]; placeholder: string; onChange: (values: unknown[]) => void }) {
  const [text, setText] = useState(() => values.map(String).join("、"));
  return (
    <Input
      aria-labelledby={labelledBy}
      inputMode={number ? "decimal" : undefined}
      placeholder={multi ? `${placeholder}（、分隔）` : placeholder}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const raw = (multi ? e.target.value.split(/[、,，]/) : [e.target.value]).map((s) => s.trim()).filter((s) => s !== "");
        const parsed = number ? raw.map(Number).filter((n) => Number.isFinite(n)) : raw;
        onChange(multi ? parsed : parsed.slice(0, 1));
      }}
    />
  );
}
