import type { JsonSchema, VisibleWhen } from "../schema/types";

/**
 * Conditionally required fields in standard JSON Schema. A field that is required and has
 * `x-visibleWhen` is required only while visible: an `if` (the visibility condition) / `then`
 * (`required`) pair on the object holding the field, or on the root for absolute conditions
 * ("/basic/gender"). Several pairs on one object go into `allOf`.
 */

/** The condition's path split into data keys, and whether it starts at the record root. */
export function conditionPath(rule: VisibleWhen): { absolute: boolean; segments: string[] } {
  const absolute = rule.field.startsWith("/");
  // Same reading as lib/schema/visibility.ts: absolute paths use "/", relative ones ".".
  const segments = absolute ? rule.field.slice(1).split("/") : rule.field.split(".");
  return { absolute, segments };
}

/** The schema a value must match for the rule to show the field. */
export function encodeValueCondition(rule: VisibleWhen): JsonSchema {
  const parts: JsonSchema[] = [];
  if ("equals" in rule) parts.push({ const: rule.equals });
  if ("notEquals" in rule) parts.push({ not: { const: rule.notEquals } });
  if (rule.in) parts.push({ enum: [...rule.in] });
  if (rule.notIn) parts.push(rule.notIn.length === 1 ? { not: { const: rule.notIn[0] } } : { not: { enum: [...rule.notIn] } });
  if (parts.length === 1) return parts[0];
  return { allOf: parts };
}

/** The `if` schema of a rule, nested along its path from the object it is evaluated on. */
export function encodeIf(rule: VisibleWhen): JsonSchema {
  const { segments } = conditionPath(rule);
  let node: JsonSchema = encodeValueCondition(rule);
  // Nested levels name their type: ajv's strict mode wants `type` next to `required`.
  for (let i = segments.length - 1; i >= 0; i--)
    node = { ...(i > 0 ? { type: "object" } : {}), properties: { [segments[i]]: node }, required: [segments[i]] };
  return node;
}

/** A conditionally required field as seen from the object its `if`/`then` is placed on. */
export interface ConditionTarget {
  /** Containers between the placement object and the field's holder. */
  chain: { key: string; isTable: boolean }[];
  key: string;
  isTable: boolean;
}

/** The table marker: a conditionally required table needs at least one row while visible. */
export const TABLE_MARKER: JsonSchema = { type: "array", minItems: 1 };

/** The `then` schema requiring the targets (in the order given). */
export function buildThen(targets: ConditionTarget[]): JsonSchema {
  const root: JsonSchema = {};
  for (const t of targets) {
    let node = root;
    for (const seg of t.chain) {
      node.properties ??= {};
      const child = (node.properties[seg.key] ??= seg.isTable ? { type: "array" } : { type: "object" });
      node = seg.isTable ? (child.items ??= { type: "object" }) : child;
    }
    node.required = [...(node.required ?? []), t.key];
    if (t.isTable) {
      node.properties ??= {};
      node.properties[t.key] = { ...TABLE_MARKER };
    }
  }
  return root;
}

/**
 * Places generated `if`/`then` pairs on a holder node next to the raw ones kept in extras: one
 * pair goes directly on the node when it has no raw `if`, otherwise pairs go into `allOf`.
 */
export function attachConditions(node: Record<string, unknown>, pairs: { if: JsonSchema; then: JsonSchema }[]): void {
  if (pairs.length === 0) return;
  if (pairs.length === 1 && !("if" in node)) {
    node.if = pairs[0].if;
    node.then = pairs[0].then;
    return;
  }
  const raw = Array.isArray(node.allOf) ? (node.allOf as unknown[]) : [];
  node.allOf = [...raw, ...pairs];
}
