import { getByPath } from "./fields";
import type { JsonSchema, VisibleWhen } from "./types";

const isEmpty = (v: unknown) => v === undefined || v === null || v === "";

/** Evaluates an `x-visibleWhen` rule against the object holding the field and the record root. */
export function isVisible(rule: VisibleWhen | undefined, parent: unknown, root: unknown): boolean {
  if (!rule) return true;
  const value = rule.field.startsWith("/")
    ? getByPath(root, rule.field.slice(1).split("/"))
    : getByPath(parent, rule.field.split("."));
  // Nothing chosen yet: a conditional field stays hidden until its condition is met.
  if (isEmpty(value)) return false;
  if ("equals" in rule && value !== rule.equals) return false;
  if ("notEquals" in rule && value === rule.notEquals) return false;
  if (rule.in && !rule.in.includes(value)) return false;
  if (rule.notIn && rule.notIn.includes(value)) return false;
  return true;
}

/**
 * Returns a copy of `data` without the values of fields that are hidden by their condition, so
 * that what a user typed before changing the condition is not stored or validated.
 */
export function stripHidden(schema: JsonSchema, data: unknown, root: unknown = data): unknown {
  if (Array.isArray(data)) return data.map((row) => stripHidden(schema.items ?? {}, row, root));
  if (!data || typeof data !== "object" || !schema.properties) return data;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const child = schema.properties[key];
    if (!child) {
      out[key] = value;
      continue;
    }
    if (!isVisible(child["x-visibleWhen"], data, root)) continue;
    out[key] = stripHidden(child, value, root);
  }
  return out;
}
