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
 * True for a table column whose cell is a choice — a select (`enum`, also of a multi-select's
 * items) or a yes/no — by the path within the row. Two rows with one row key that differ only in
 * choices (缴费状态 未缴费 / 已缴费) are one row whose state disagrees; rows that differ in an amount,
 * a date or a text (two payments of one day: the premium and a rider's) are two rows.
 */
export function choiceCells(schema: JsonSchema, table: string): (segments: string[]) => boolean {
  return (segments) => {
    const node = schemaAt(schema, [...table.split("."), 0, ...segments]);
    if (!node) return false;
    if (node.type === "boolean" || Array.isArray(node.enum)) return true;
    return node.type === "array" && !!node.items && Array.isArray(node.items.enum);
  };
}

/** The cells a file's row gives that a stored (or earlier) row holds differently: [path, is a choice]. */
export function differingCells(stored: unknown, row: Record<string, unknown>, choice?: (segments: string[]) => boolean): { segments: string[]; choice: boolean }[] {
  return leaves(row).flatMap(([segments, v]) => {
    const held = getIn(stored, segments);
    return held !== undefined && json(held) !== json(v) ? [{ segments, choice: !!choice?.(segments) }] : [];
  });
}

/**
 * Where a file's table row goes: added at the end, laid over the stored row at `at` (updated, or
 * already holding its values: same), or nowhere because several stored rows share its key.
 */
export type Placement = { kind: "add" | "update" | "same"; at: number } | { kind: "ambiguous"; count: number; rows: number };

/**
 * A table's rows with a file's rows placed among them. Rows with a key are matched to stored rows
 * with that key one to one: first each to a stored row already holding its values (same), then a
 * lone row to the lone stored row left (updated: only the columns it gives), then a row to the one
 * stored row left that differs from it in choices only (its 状态 changed); a row no stored row is
 * left for is added (another payment of that day). Which of several stored rows a row changes is
 * never guessed: that is ambiguous. With no key (none set, or a key column the file leaves blank)
 * a row is added unless a stored row has the same values in the columns it gives.
 */
export function placeRows(existing: unknown[], incoming: Record<string, unknown>[], rowKey: string[] | undefined, choice?: (segments: string[]) => boolean): { rows: unknown[]; placements: Placement[] } {
  const rows = [...existing];
  const holds = (s: unknown, row: Record<string, unknown>) => json(project(s, row)) === json(row);
  const placements: (Placement | undefined)[] = incoming.map(() => undefined);
  const claimed = new Set<number>();
  const keyed = (i: number) => givesKey(incoming[i], rowKey);
  // Rows by their key's values (a table may hold hundreds of rows: no pairwise comparisons).
  const keyOf = (row: unknown) => json(rowKey!.map((k) => getIn(row, [k]) ?? null));
  const storedByKey = new Map<string, number[]>();
  if (rowKey) existing.forEach((s, j) => storedByKey.set(keyOf(s), [...(storedByKey.get(keyOf(s)) ?? []), j]));
  const withKey = (i: number) => storedByKey.get(keyOf(incoming[i])) ?? [];
  // Rows a stored row already holds, one stored row each.
  incoming.forEach((row, i) => {
    if (!keyed(i)) return;
    const at = withKey(i).find((j) => !claimed.has(j) && holds(existing[j], row));
    if (at === undefined) return;
    claimed.add(at);
    placements[i] = { kind: "same", at };
  });
  const pending = () => incoming.flatMap((_, i) => (!placements[i] && keyed(i) ? [i] : []));
  const incomingByKey = new Map<string, number[]>();
  incoming.forEach((row, i) => {
    if (keyed(i)) incomingByKey.set(keyOf(row), [...(incomingByKey.get(keyOf(row)) ?? []), i]);
  });
  const rivalsOf = (i: number) => (incomingByKey.get(keyOf(incoming[i])) ?? []).filter((k) => k !== i && !placements[k]);
  const update = (i: number, at: number) => {
    claimed.add(at);
    placements[i] = { kind: "update", at };
    rows[at] = overlay(existing[at], incoming[i]);
  };
  // A stored row left that differs from the row in choices only (its 状态 changed), when it is the only one.
  for (const i of pending()) {
    const near = withKey(i).filter((j) => !claimed.has(j) && differingCells(existing[j], incoming[i], choice).every((d) => d.choice));
    if (near.length === 1 && !rivalsOf(i).some((k) => differingCells(existing[near[0]], incoming[k], choice).every((d) => d.choice))) update(i, near[0]);
  }
  const left = pending();
  const rivals = new Map(left.map((i) => [i, rivalsOf(i).length + 1]));
  for (const i of left) {
    const all = withKey(i);
    const open = all.filter((j) => !claimed.has(j));
    if (open.length === 1 && rivals.get(i) === 1) update(i, open[0]);
    else if (!open.length) placements[i] = all.length && all.every((j) => holds(existing[j], incoming[i])) ? { kind: "same", at: all[0] } : { kind: "add", at: -1 };
    else placements[i] = { kind: "ambiguous", count: all.length, rows: rivals.get(i)! };
  }
  const out = incoming.map((row, i): Placement => {
    const p = placements[i];
    if (p && !(p.kind === "add" && p.at === -1)) return p;
    if (!p) {
      const at = existing.findIndex((s) => holds(s, row));
      if (at >= 0) return { kind: "same", at };
    }
    rows.push(row);
    return { kind: "add", at: rows.length - 1 };
  });
  return { rows, placements: out };
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
