import { schemaAt } from "../schema/fields";
import type { JsonSchema } from "../schema/types";
import { getIn } from "./convert-cells";

const json = (v: unknown) => JSON.stringify(v);

/** A table row's values as [path within the row, value] pairs (nested objects walked; arrays are values). */
export function leaves(value: Record<string, unknown>, prefix: string[] = []): [string[], unknown][] {
  return Object.entries(value).flatMap(([k, v]): [string[], unknown][] =>
    v && typeof v === "object" && !Array.isArray(v) ? leaves(v as Record<string, unknown>, [...prefix, k]) : [[[...prefix, k], v]],
  );
}

/** A stored table row as far as a file's row speaks of it (only the columns the file gives). */
export function project(stored: unknown, like: Record<string, unknown>): unknown {
  if (!stored || typeof stored !== "object") return stored;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(like)) {
    const a = (stored as Record<string, unknown>)[key];
    const b = like[key];
    out[key] = b && typeof b === "object" && !Array.isArray(b) ? project(a, b as Record<string, unknown>) : a;
  }
  return out;
}

const cache = new WeakMap<JsonSchema, Map<string, string[]>>();

/**
 * The tables of a template that identify their rows by key (`x-rowKey` on the table: the columns
 * that tell one row from another, e.g. a payment by its 缴费日期), by table path ("payments",
 * "beneficiary.list"). Tables without one are matched by their whole row.
 */
export function rowKeysOf(schema: JsonSchema): Map<string, string[]> {
  const known = cache.get(schema);
  if (known) return known;
  const out = new Map<string, string[]>();
  const visit = (node: JsonSchema, prefix: string[]) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      if (!child || typeof child !== "object") continue;
      const rowKey = child["x-rowKey"];
      if (child.type === "array" && Array.isArray(rowKey) && rowKey.length && rowKey.every((k) => typeof k === "string")) out.set([...prefix, key].join("."), rowKey as string[]);
      if (child.properties) visit(child, [...prefix, key]);
    }
  };
  visit(schema, []);
  cache.set(schema, out);
  return out;
}

/** A table row's key for people, by the columns' titles: "沟通日期 2024-01-10、沟通方式 电话". */
export function keyText(schema: JsonSchema, table: string, rowKey: string[], row: Record<string, unknown>): string {
  return rowKey.map((k) => `${String(schemaAt(schema, [...table.split("."), 0, k])?.title ?? k)} ${String(row[k])}`).join("、");
}

/** True when a file's row gives every key column (a row that does not is matched whole). */
export const givesKey = (row: Record<string, unknown>, rowKey: string[] | undefined): rowKey is string[] =>
  !!rowKey && rowKey.every((k) => row[k] !== undefined && row[k] !== null && row[k] !== "");

/** True when two rows hold the same values in the key columns. */
export const sameKey = (a: unknown, b: unknown, rowKey: string[]) => rowKey.every((k) => json(getIn(a, [k])) === json(getIn(b, [k])));

/**
 * Where a file's table row goes: added at the end, laid over the stored row at `at` (updated, or
 * already holding its values: same), or nowhere because several stored rows share its key.
 */
export type Placement = { kind: "add" | "update" | "same"; at: number } | { kind: "ambiguous"; count: number };

/**
 * A table's rows with a file's rows placed among them. A row that gives the table's key updates
 * the stored row with that key (only the columns it gives), or is added when no row has it; with
 * no key (none set, or a key column the file leaves blank) a row is added unless a stored row has
 * the same values in the columns it gives. Several stored rows with its key are ambiguous unless
 * every one of them already holds its values: nothing is guessed.
 */
export function placeRows(existing: unknown[], incoming: Record<string, unknown>[], rowKey: string[] | undefined): { rows: unknown[]; placements: Placement[] } {
  const rows = [...existing];
  const placements = incoming.map((row): Placement => {
    const holds = (s: unknown) => json(project(s, row)) === json(row);
    if (givesKey(row, rowKey)) {
      const matches = existing.flatMap((s, i) => (sameKey(s, row, rowKey) ? [i] : []));
      if (matches.length > 1) return matches.every((i) => holds(existing[i])) ? { kind: "same", at: matches[0] } : { kind: "ambiguous", count: matches.length };
      if (matches.length === 1) {
        const at = matches[0];
        if (holds(existing[at])) return { kind: "same", at };
        rows[at] = overlay(existing[at], row);
        return { kind: "update", at };
      }
    } else {
      const at = existing.findIndex(holds);
      if (at >= 0) return { kind: "same", at };
    }
    rows.push(row);
    return { kind: "add", at: rows.length - 1 };
  });
  return { rows, placements };
}

/** A stored row with the cells a file's row gives written over it (the others left as stored). */
function overlay(stored: unknown, row: Record<string, unknown>): Record<string, unknown> {
  const out = stored && typeof stored === "object" ? (structuredClone(stored) as Record<string, unknown>) : {};
  for (const [segments, value] of leaves(row)) {
    let node = out;
    for (const s of segments.slice(0, -1)) {
      if (!node[s] || typeof node[s] !== "object" || Array.isArray(node[s])) node[s] = {};
      node = node[s] as Record<string, unknown>;
    }
    node[segments[segments.length - 1]] = value;
  }
  return out;
}
