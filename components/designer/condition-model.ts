import { fieldLabelPath } from "@/lib/template-model/field-label-path";
import { isContainer, NUMBER_KINDS, type DesignerField, type DesignerModel, type FieldPath } from "@/lib/template-model/model";
import { allFields, visibleWhenTarget } from "@/lib/template-model/model-paths";
import type { VisibleWhen } from "@/lib/schema/types";
import { holderOf } from "./designer-ops";

/** The operators the condition editor offers. */
export const CONDITION_OPS = ["equals", "notEquals", "in", "notIn"] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** A field a condition may refer to, with the reference to store in the rule. */
export interface ConditionTarget {
  path: FieldPath;
  /** "客户基础信息 › 性别" */
  label: string;
  /** The rule's `field`: a sibling's key, or "/section/key" from the record root. */
  ref: string;
  field: DesignerField;
}

/**
 * The fields a field's visibility may depend on: its siblings (also inside a table row) and any
 * value field outside tables elsewhere in the template. Containers, removed fields, multiselects
 * (a list of values is never equal to one choice) and the field itself are left out.
 */
export function conditionTargets(model: DesignerModel, path: FieldPath): ConditionTarget[] {
  const holder = holderOf(path);
  const out: ConditionTarget[] = [];
  for (const { field, place } of allFields(model)) {
    if (isContainer(field.kind) || field.kind === "multiselect" || field.removed) continue;
    if (place.path === path || place.path.startsWith(`${path}.`)) continue;
    const sibling = place.holderPath === holder;
    if (!sibling && place.inTable) continue;
    out.push({ path: place.path, label: fieldLabelPath(model, place.path), ref: sibling ? field.key : `/${place.path.split(".").join("/")}`, field });
  }
  return out;
}

/** The target path a rule refers to, seen from the field at `path`. */
export function ruleTargetPath(path: FieldPath, rule: VisibleWhen): FieldPath {
  return visibleWhenTarget(holderOf(path), rule);
}

/** The rule's operator and its value(s) (the first operator, when a rule has several). */
export function ruleParts(rule: VisibleWhen): { op: ConditionOp; values: unknown[] } {
  const op = CONDITION_OPS.find((o) => o in rule) ?? "equals";
  const v = rule[op];
  return { op, values: op === "in" || op === "notIn" ? (Array.isArray(v) ? v : []) : v === undefined ? [] : [v] };
}

/** A rule from its parts: one value for 等于/不等于, a list for 属于/不属于. */
export function buildRule(ref: string, op: ConditionOp, values: unknown[]): VisibleWhen {
  if (op === "in" || op === "notIn") return { field: ref, [op]: values };
  return values.length ? { field: ref, [op]: values[0] } : { field: ref, [op]: "" };
}

/** How the value of a condition on `target` is picked. */
export type ValueInput = { type: "choices"; options: unknown[] } | { type: "number" } | { type: "text" };

/** The value picker for a target: its choices (是/否 for yes/no), a number or free text. */
export function valueInput(target: DesignerField | undefined): ValueInput {
  if (!target) return { type: "text" };
  if (target.kind === "boolean") return { type: "choices", options: [true, false] };
  if (target.kind === "select" && target.options) return { type: "choices", options: target.options };
  if (NUMBER_KINDS.includes(target.kind)) return { type: "number" };
  return { type: "text" };
}

/** Keeps only the values a new target can take (choices change when the target does). */
export function valuesFor(input: ValueInput, values: unknown[]): unknown[] {
  if (input.type === "choices") return values.filter((v) => input.options.includes(v));
  if (input.type === "number") return values.filter((v) => typeof v === "number");
  return values.filter((v) => typeof v === "string");
}

/**
 * The condition a new rule starts with: the nearest field above this one that has choices (是/否
 * or 单选) — what a condition usually depends on — and its first value, so that the rule is
 * complete at once; otherwise the nearest field above, else the first there is.
 */
export function defaultRule(model: DesignerModel, path: FieldPath, targets: ConditionTarget[]): VisibleWhen | undefined {
  if (targets.length === 0) return undefined;
  const order = allFields(model).map((e) => e.place.path);
  const at = order.indexOf(path);
  const above = targets.filter((x) => order.indexOf(x.path) < at).reverse();
  const pick = above.find((x) => valueInput(x.field).type === "choices") ?? above[0] ?? targets[0];
  const input = valueInput(pick.field);
  return buildRule(pick.ref, "equals", input.type === "choices" ? input.options.slice(0, 1) : []);
}
