import type { JsonSchema } from "../schema/types";
import { buildThen, conditionPath, encodeIf, TABLE_MARKER } from "./conditions";
import { deepEqual, isPlainObject } from "./json";
import type { DesignerField } from "./model";

interface Found {
  field: DesignerField;
  chain: { key: string; isTable: boolean }[];
}

/** The fields a `then` requires, or null when it says anything the model cannot express. */
function resolveThen(then: unknown, fields: DesignerField[], chain: Found["chain"]): Found[] | null {
  // `type` on nested levels is checked when the pair is regenerated and compared.
  if (!isPlainObject(then) || Object.keys(then).some((k) => k !== "required" && k !== "properties" && k !== "type")) return null;
  const out: Found[] = [];
  const find = (k: string) => fields.find((f) => f.key === k);
  if ("required" in then) {
    if (!Array.isArray(then.required)) return null;
    for (const k of then.required) {
      const field = typeof k === "string" ? find(k) : undefined;
      if (!field) return null;
      out.push({ field, chain });
    }
  }
  if ("properties" in then) {
    if (!isPlainObject(then.properties)) return null;
    for (const [k, v] of Object.entries(then.properties)) {
      const field = find(k);
      if (!field) return null;
      let sub: Found[] | null = null;
      if (field.kind === "table" && deepEqual(v, TABLE_MARKER)) continue; // checked when regenerated
      if (field.kind === "section") sub = resolveThen(v, field.children ?? [], [...chain, { key: k, isTable: false }]);
      else if (field.kind === "table" && isPlainObject(v) && "items" in v && Object.keys(v).every((x) => x === "items" || x === "type"))
        sub = resolveThen(v.items, field.children ?? [], [...chain, { key: k, isTable: true }]);
      if (!sub) return null;
      out.push(...sub);
    }
  }
  return out;
}

function dfsOrder(fields: DesignerField[], order = new Map<DesignerField, number>()): Map<DesignerField, number> {
  for (const f of fields) {
    order.set(f, order.size);
    if (f.children) dfsOrder(f.children, order);
  }
  return order;
}

/**
 * Reads one `if`/`then` pair: when it is exactly what the model would write for some
 * conditionally required fields, marks them required and returns true; otherwise the pair is
 * left alone (the caller keeps it in extras) and false is returned.
 */
export function consumeCondition(pair: unknown, fields: DesignerField[], isRoot: boolean): boolean {
  if (!isPlainObject(pair) || Object.keys(pair).length !== 2 || !("if" in pair) || !("then" in pair)) return false;
  const found = resolveThen(pair.then, fields, []);
  if (!found || found.length === 0) return false;
  for (const { field, chain } of found) {
    if (!field.visibleWhen) return false;
    const { absolute } = conditionPath(field.visibleWhen);
    if (absolute ? !isRoot : chain.length > 0) return false;
    if (!deepEqual(encodeIf(field.visibleWhen), pair.if)) return false;
  }
  const order = dfsOrder(fields);
  const sorted = [...found].sort((a, b) => (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0));
  const then = buildThen(sorted.map((f) => ({ chain: f.chain, key: f.field.key, isTable: f.field.kind === "table" })));
  if (!deepEqual(then, pair.then as JsonSchema)) return false;
  for (const { field } of found) field.required = true;
  return true;
}

/**
 * Consumes the `if`/`then` pairs of a holder node that the model can express (directly on the
 * node or in `allOf`) and returns the node's keywords that must stay in extras.
 */
export function consumeConditions(rest: Record<string, unknown>, fields: DesignerField[], isRoot: boolean): Record<string, unknown> {
  const out = { ...rest };
  if ("if" in out && "then" in out && !("else" in out) && consumeCondition({ if: out.if, then: out.then }, fields, isRoot)) {
    delete out.if;
    delete out.then;
  }
  if (Array.isArray(out.allOf)) {
    const left = out.allOf.filter((item) => !consumeCondition(item, fields, isRoot));
    if (left.length) out.allOf = left;
    else delete out.allOf;
  }
  return out;
}
