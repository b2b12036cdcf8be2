import { cloneJson, isPlainObject } from "./json";
import { getField, visibleWhenTarget, walkFields } from "./model-paths";
import type { DesignerModel, FieldPath } from "./model";
import type { ReminderRule } from "../schema/types";

/**
 * A reminder rule with its field paths renamed. Conditions are absolute ("/status/state"), or
 * relative to the row of a table rule or to the root of a top-level one.
 */
function renameInRule(rule: ReminderRule, rp: (p: string) => string, isTable: (path: string) => boolean): ReminderRule {
  const date = rp(rule.date);
  const holder = date.includes(".") ? date.slice(0, date.lastIndexOf(".")) : "";
  const table = holder && isTable(holder) ? holder : "";
  const oldTable = table ? rule.date.slice(0, rule.date.lastIndexOf(".")) : "";
  const when = rule.when?.map((c) => {
    if (c.field.startsWith("/")) return { ...c, field: `/${rp(c.field.slice(1).split("/").join(".")).split(".").join("/")}` };
    if (!table) return { ...c, field: rp(c.field) };
    return { ...c, field: rp(`${oldTable}.${c.field}`).slice(table.length + 1) };
  });
  return { ...rule, date, ...(when ? { when } : {}) };
}

/**
 * The model with one field's key changed and every reference to it rewritten: visibility
 * conditions, list columns, title and sort fields, demo hints, and the sibling references of
 * `x-notBefore`, `x-idDerive` and a table's `x-sumEquals` and `x-rowKey`. Stored records are not touched here:
 * renaming a published key is a migration (lib/migrations).
 */
export function renameKey(model: DesignerModel, path: FieldPath, newKey: string): DesignerModel {
  const next = cloneJson(model);
  const segments = path.split(".");
  const oldKey = segments[segments.length - 1];
  const newPath = [...segments.slice(0, -1), newKey].join(".");
  const rp = (p: string) => (p === path ? newPath : p.startsWith(`${path}.`) ? newPath + p.slice(path.length) : p);

  walkFields(next, (field, place) => {
    const rule = field.visibleWhen;
    if (rule) {
      const target = visibleWhenTarget(place.holderPath, rule);
      const moved = rp(target);
      if (moved !== target) {
        const holder = rp(place.holderPath);
        if (rule.field.startsWith("/")) rule.field = `/${moved.split(".").join("/")}`;
        else rule.field = holder ? moved.slice(holder.length + 1) : moved;
      }
    }
    if (place.holderPath !== segments.slice(0, -1).join(".") || field.key === oldKey) return;
    const s = field.extras.schema;
    if (s["x-notBefore"] === oldKey) s["x-notBefore"] = newKey;
    const derive = s["x-idDerive"];
    if (isPlainObject(derive)) for (const k of Object.keys(derive)) if (derive[k] === oldKey) derive[k] = newKey;
  });
  const holder = segments.length > 1 ? getField(next, segments.slice(0, -1).join(".")) : undefined;
  const sum = holder?.kind === "table" ? holder.extras.schema["x-sumEquals"] : undefined;
  if (isPlainObject(sum) && sum.field === oldKey) sum.field = newKey;
  if (holder?.kind === "table" && holder.rowKey) holder.rowKey = holder.rowKey.map((k) => (k === oldKey ? newKey : k));

  const field = getField(next, path);
  if (field) field.key = newKey;
  next.list.columns = next.list.columns.map(rp);
  if (next.list.titleField) next.list.titleField = rp(next.list.titleField);
  if (next.list.defaultSort) next.list.defaultSort.field = rp(next.list.defaultSort.field);
  if (next.reminders) next.reminders = next.reminders.map((r) => renameInRule(r, rp, (p) => getField(next, p)?.kind === "table"));
  if (next.verification) next.verification = { ...next.verification, critical: next.verification.critical.map(rp) };
  if (next.demo) next.demo = Object.fromEntries(Object.entries(next.demo).map(([k, v]) => [rp(k), v]));
  return next;
}
