import { fieldLabelPath } from "@/lib/template-model/field-label-path";
import { isContainer, type DesignerField, type DesignerModel } from "@/lib/template-model/model";
import { allFields } from "@/lib/template-model/model-paths";
import type { ReminderRule } from "@/lib/schema/types";

/** A date field a rule can remind on: top-level or a table column. */
export interface DateChoice {
  path: string;
  label: string;
  /** The table the field is a column of, or "" for a top-level date. */
  table: string;
}

/** Date fields of the model (not removed), in form order. */
export function dateChoices(model: DesignerModel): DateChoice[] {
  return allFields(model)
    .filter(({ field }) => field.kind === "date" && !field.removed)
    .map(({ place }) => ({ path: place.path, label: fieldLabelPath(model, place.path), table: place.inTable ? place.holderPath : "" }));
}

/** A field a rule's condition may test, with the reference to store (see ReminderRule.when). */
export interface ConditionChoice {
  ref: string;
  label: string;
  field: DesignerField;
}

/**
 * What a rule on `datePath` may test: columns of the same row (by key) for a table rule, and any
 * value field outside tables ("/section/key"). Multiple choices never equal one value; left out.
 */
export function conditionChoices(model: DesignerModel, datePath: string): ConditionChoice[] {
  const table = dateChoices(model).find((d) => d.path === datePath)?.table ?? "";
  const out: ConditionChoice[] = [];
  for (const { field, place } of allFields(model)) {
    if (isContainer(field.kind) || field.kind === "multiselect" || field.removed || place.path === datePath) continue;
    if (place.inTable && (!table || place.holderPath !== table)) continue;
    const ref = place.inTable ? field.key : `/${place.path.split(".").join("/")}`;
    out.push({ ref, label: fieldLabelPath(model, place.path), field });
  }
  return out;
}

/** "-90, -60, -30" → [-90, -60, -30]; null when any part is not a whole number. */
export function parseDays(text: string): number[] | null {
  const parts = text.split(/[,，、\s]+/).filter(Boolean);
  if (parts.length === 0) return [];
  const days = parts.map((p) => Number(p.replace(/^＋|^\+/, "").replace(/^－/, "-")));
  return days.every((d) => Number.isInteger(d)) ? days : null;
}

/** "已续保, 客户拒绝" → ["已续保", "客户拒绝"] (blank parts dropped). */
export function parseList(text: string): string[] {
  return text.split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
}

/** A new rule on the first date field, with an id no other rule has. */
export function newRule(model: DesignerModel, rules: ReminderRule[], title: string, outcome: string): ReminderRule {
  const ids = new Set(rules.map((r) => r.id));
  let n = rules.length + 1;
  while (ids.has(`rule-${n}`)) n += 1;
  return { id: `rule-${n}`, title, date: dateChoices(model)[0]?.path ?? "", offsets: [-7], outcomes: [outcome] };
}
