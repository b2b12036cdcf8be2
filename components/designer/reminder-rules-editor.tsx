"use client";

import { useId } from "react";
import { useI18n } from "@/components/i18n-provider";
import { Input, Select } from "@/components/ui/form-controls";
import { fmt } from "@/lib/i18n/dictionaries";
import type { DesignerProblem } from "@/lib/template-model/check-model";
import type { DesignerModel } from "@/lib/template-model/model";
import type { ReminderRule, VisibleWhen } from "@/lib/schema/types";
import { buildRule, CONDITION_OPS, ruleParts, valueInput, type ConditionOp } from "./condition-model";
import { ProblemNote, PropGroup } from "./prop-inputs";
import { conditionChoices, dateChoices, newRule, parseDays, parseList } from "./reminder-model";

function RuleEditor({ model, rule, index, problems, onChange, onRemove }: { model: DesignerModel; rule: ReminderRule; index: number; problems: DesignerProblem[]; onChange: (rule: ReminderRule) => void; onRemove: () => void }) {
  const { t } = useI18n();
  const r = t.designer.reminders;
  const id = useId();
  const dates = dateChoices(model);
  const targets = conditionChoices(model, rule.date);
  // One condition in the panel; rules with more keep them (JSON view) and show the first.
  const cond: VisibleWhen | undefined = rule.when?.[0];
  const target = cond ? targets.find((c) => c.ref === cond.field) : undefined;
  const parts = cond ? ruleParts(cond) : { op: "equals" as ConditionOp, values: [] };
  const input = valueInput(target?.field);
  const setCond = (next: VisibleWhen | undefined) => onChange({ ...rule, when: next ? [next, ...(rule.when ?? []).slice(1)] : (rule.when ?? []).slice(1) });
  const value = (v: string): unknown => (input.type === "number" ? Number(v) : input.type === "choices" ? input.options.find((o) => String(o) === v) : v);
  const label = (v: unknown) => (v === true ? t.common.yes : v === false ? t.common.no : String(v));
  return (
    <li className="flex flex-col gap-2 rounded-md border border-slate-200 p-3" aria-label={rule.title || fmt(r.untitled, { n: index + 1 })}>
      <div className="flex items-center gap-2">
        <Input aria-label={r.name} value={rule.title} onChange={(e) => onChange({ ...rule, title: e.target.value })} className="flex-1" />
        <button type="button" className="text-sm text-red-700 hover:underline" onClick={onRemove}>
          {r.remove}
        </button>
      </div>
      <label className="flex flex-col gap-1 text-xs text-slate-600" htmlFor={`${id}-date`}>
        {r.date}
        <Select id={`${id}-date`} value={rule.date} onChange={(e) => onChange({ ...rule, date: e.target.value, when: [] })}>
          {!dates.some((d) => d.path === rule.date) && <option value={rule.date}>{rule.date || r.pick}</option>}
          {dates.map((d) => (
            <option key={d.path} value={d.path}>
              {d.table ? fmt(r.perRow, { label: d.label }) : d.label}
            </option>
          ))}
        </Select>
      </label>
      <div className="grid grid-cols-2 gap-2">
        <label className="flex flex-col gap-1 text-xs text-slate-600">
          {r.offsets}
          <Input
            defaultValue={rule.offsets.join(", ")}
            key={rule.offsets.join(",")}
            onBlur={(e) => {
              const days = parseDays(e.target.value);
              if (days) onChange({ ...rule, offsets: days });
            }}
          />
        </label>
        <label className="flex flex-col gap-1 text-xs text-slate-600">
          {r.until}
          <Input
            inputMode="numeric"
            value={rule.until ?? ""}
            placeholder={r.untilOpen}
            onChange={(e) => {
              const v = e.target.value.trim();
              const { until: _drop, ...rest } = rule;
              onChange(v === "" || !Number.isInteger(Number(v)) ? rest : { ...rest, until: Number(v) });
            }}
          />
        </label>
      </div>
      <p className="text-xs text-slate-400">{r.offsetsHelp}</p>
      <div className="flex flex-col gap-1 text-xs text-slate-600">
        <span>{r.condition}</span>
        <div className="grid grid-cols-[minmax(0,1fr)_6rem] gap-2">
          <Select aria-label={r.conditionField} value={cond?.field ?? ""} onChange={(e) => setCond(e.target.value ? buildRule(e.target.value, "equals", []) : undefined)}>
            <option value="">{r.always}</option>
            {cond && !target && <option value={cond.field}>{cond.field}</option>}
            {targets.map((c) => (
              <option key={c.ref} value={c.ref}>
                {c.label}
              </option>
            ))}
          </Select>
          <Select aria-label={r.conditionOp} disabled={!cond} value={parts.op} onChange={(e) => cond && setCond(buildRule(cond.field, e.target.value as ConditionOp, parts.values))}>
            {CONDITION_OPS.map((op) => (
              <option key={op} value={op}>
                {t.designer.condition.ops[op]}
              </option>
            ))}
          </Select>
        </div>
        {cond &&
          (input.type === "choices" ? (
            <div className="flex flex-wrap gap-x-3 gap-y-1">
              {input.options.map((o) => (
                <label key={String(o)} className="flex items-center gap-1 text-sm text-slate-700">
                  <input
                    type={parts.op === "in" || parts.op === "notIn" ? "checkbox" : "radio"}
                    name={`${id}-value`}
                    checked={parts.values.includes(o)}
                    onChange={(e) => {
                      const multi = parts.op === "in" || parts.op === "notIn";
                      const values = multi ? (e.target.checked ? [...parts.values, o] : parts.values.filter((v) => v !== o)) : [o];
                      setCond(buildRule(cond.field, parts.op, values));
                    }}
                  />
                  {label(o)}
                </label>
              ))}
            </div>
          ) : (
            <Input aria-label={r.conditionValue} value={parts.values.map(String).join(", ")} onChange={(e) => setCond(buildRule(cond.field, parts.op, parseList(e.target.value).map(value)))} />
          ))}
      </div>
      <label className="flex flex-col gap-1 text-xs text-slate-600">
        {r.outcomes}
        <Input defaultValue={rule.outcomes.join("、")} key={rule.outcomes.join("|")} onBlur={(e) => onChange({ ...rule, outcomes: parseList(e.target.value) })} />
      </label>
      <ProblemNote problems={problems} />
    </li>
  );
}

/**
 * 提醒规则: the template's reminder rules (the 工作台) — a date field, days before or after it, an
 * optional condition and the outcomes closing a reminder may record. Rules that no longer fit the
 * fields are reported here and at publish.
 */
export function ReminderRulesEditor({ model, onModel, problems }: { model: DesignerModel; onModel: (model: DesignerModel) => void; problems: DesignerProblem[] }) {
  const { t } = useI18n();
  const r = t.designer.reminders;
  const rules = model.reminders ?? [];
  const set = (next: ReminderRule[]) => onModel({ ...model, reminders: next });
  return (
    <PropGroup title={r.title}>
      <p className="-mt-1 text-xs text-slate-400">{r.help}</p>
      {rules.length === 0 ? (
        <p className="text-sm text-slate-500">{r.empty}</p>
      ) : (
        <ol className="flex flex-col gap-2">
          {rules.map((rule, i) => (
            <RuleEditor
              key={`${rule.id}-${i}`}
              model={model}
              rule={rule}
              index={i}
              problems={problems.filter((p) => p.property === `reminders.${i}`)}
              onChange={(next) => set(rules.map((x, j) => (j === i ? next : x)))}
              onRemove={() => set(rules.filter((_, j) => j !== i))}
            />
          ))}
        </ol>
      )}
      {dateChoices(model).length > 0 && (
        <button type="button" className="self-start text-sm text-blue-700 hover:underline" onClick={() => set([...rules, newRule(model, rules, r.newTitle, r.newOutcome)])}>
          + {r.add}
        </button>
      )}
    </PropGroup>
  );
}
