import type { DiffEntry, DiffType } from "@/lib/designer/diff-content";
import type { MigrationOp } from "@/lib/templates/migrations/migration-op";

/** A change as the history shows it: the designer's diff types, plus keys renamed by a migration. */
export type ChangeType = DiffType | "key";
export type Change = Omit<DiffEntry, "type"> & { type: ChangeType };

/** The order change types are shown in: what a reader of a version cares about first. */
export const DIFF_ORDER: ChangeType[] = ["added", "removed", "restored", "deleted", "key", "label", "kind", "required", "options", "visibility", "rules", "flags", "text", "order", "columns", "list"];

/** The changes of a diff grouped by type, in DIFF_ORDER, empty groups left out. */
export function groupChanges(changes: Change[]): { type: ChangeType; entries: Change[] }[] {
  const byType = new Map<ChangeType, Change[]>();
  for (const c of changes) byType.set(c.type, [...(byType.get(c.type) ?? []), c]);
  const known = DIFF_ORDER.filter((t) => byType.has(t)).map((type) => ({ type, entries: byType.get(type)! }));
  // A type added to the designer later still shows, after the known ones.
  const other = [...byType.keys()].filter((t) => !DIFF_ORDER.includes(t)).map((type) => ({ type, entries: byType.get(type)! }));
  return [...known, ...other];
}

/** Types whose before/after are plain values worth showing as "old → new". */
const VALUE_TYPES: ChangeType[] = ["key", "label", "kind", "required", "rules", "flags", "text"];

/** Words for values that are not text. */
export interface ValueWords {
  yes: string;
  no: string;
  none: string;
  kinds: Record<string, string>;
}

/** A value of a diff entry as short text: kinds by name, booleans as 是/否, lists joined. */
export function showValue(value: unknown, words: ValueWords, type?: ChangeType): string {
  if (value === undefined || value === null || value === "") return words.none;
  if (type === "kind" && typeof value === "string") return words.kinds[value] ?? value;
  if (typeof value === "boolean") return value ? words.yes : words.no;
  if (Array.isArray(value) && value.every((v) => typeof v !== "object")) return value.map(String).join("、");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** "old → new" for a change of a plain value, or null when the message says it all. */
export function valueChange(entry: Change, words: ValueWords): { before: string; after: string } | null {
  if (!VALUE_TYPES.includes(entry.type) || (entry.before === undefined && entry.after === undefined)) return null;
  // Several JSON Schema keywords at once read better as the message alone.
  if (typeof entry.before === "object" && entry.before !== null && !Array.isArray(entry.before)) return null;
  if (typeof entry.after === "object" && entry.after !== null && !Array.isArray(entry.after)) return null;
  return { before: showValue(entry.before, words, entry.type), after: showValue(entry.after, words, entry.type) };
}

/** Choices added and dropped by an "options" change, in their order. */
export function optionChanges(entry: Change): { added: string[]; dropped: string[]; kept: string[] } {
  const was = Array.isArray(entry.before) ? entry.before.map(String) : [];
  const now = Array.isArray(entry.after) ? entry.after.map(String) : [];
  return { added: now.filter((o) => !was.includes(o)), dropped: was.filter((o) => !now.includes(o)), kept: now.filter((o) => was.includes(o)) };
}

/** A field path moved by key renames: `from` (or anything under it) now lives under `to`. */
export type Rename = { from: string; to: string };

function movePath(path: string, renames: Rename[]): string {
  // The deepest rename that covers the path wins (a field renamed inside a renamed section).
  for (const r of [...renames].sort((a, b) => b.from.length - a.from.length)) if (path === r.from || path.startsWith(`${r.from}.`)) return r.to + path.slice(r.from.length);
  return path;
}

/**
 * The key renames that migrations made between two refs, composed into one move per original
 * path (a→b then b→c is a→c), in the direction of the diff. `versions` carry each version's
 * migration; a migration's version is where its rename took effect.
 */
export function renamesBetween(versions: { version: number; migration?: MigrationOp }[], from: number | "draft", to: number | "draft"): Rename[] {
  const n = (r: number | "draft") => (r === "draft" ? Infinity : r);
  const [lo, hi] = n(from) <= n(to) ? [n(from), n(to)] : [n(to), n(from)];
  const ops = versions
    .filter((v) => v.version > lo && v.version <= hi && v.migration?.type === "renameKey")
    .sort((a, b) => a.version - b.version)
    .map((v) => v.migration as Extract<MigrationOp, { type: "renameKey" }>);
  let renames: Rename[] = [];
  for (const op of ops) {
    const step = { from: op.path, to: [...op.path.split(".").slice(0, -1), op.newKey].join(".") };
    // Where the renamed field was before the earlier renames (a field moved before moves on).
    const origin = renames.find((r) => step.from === r.to) ?? renames.find((r) => step.from.startsWith(`${r.to}.`));
    const from = origin ? origin.from + step.from.slice(origin.to.length) : step.from;
    renames = renames.filter((r) => r.to !== step.from).map((r) => ({ from: r.from, to: movePath(r.to, [step]) }));
    renames.push({ from, to: step.to });
  }
  return n(from) <= n(to) ? renames : renames.map((r) => ({ from: r.to, to: r.from }));
}

/**
 * Turns what a key rename looks like to a plain diff — the field deleted under its old key and
 * added under the new one, its list columns dropped and added — into one "key" change, so a
 * migration never reads as lost data. `describe` writes the change's message.
 */
export function foldRenames(changes: Change[], renames: Rename[], describe: (label: string, from: string, to: string) => string): Change[] {
  if (!renames.length) return changes;
  const out: Change[] = [];
  const dropped = new Set<Change>();
  for (const r of renames) {
    const deleted = changes.find((c) => c.type === "deleted" && c.path === r.from);
    const added = changes.find((c) => c.type === "added" && c.path === r.to);
    if (!deleted || !added) continue;
    dropped.add(deleted).add(added);
    const [fromKey, toKey] = [r.from.split(".").pop()!, r.to.split(".").pop()!];
    out.push({ type: "key", path: r.to, label: added.label, message: describe(added.label, fromKey, toKey), before: fromKey, after: toKey });
  }
  // List columns that only moved with their field: dropped under the old path, added under the new.
  const columns = changes.filter((c) => c.type === "columns" && c.path);
  for (const gone of columns.filter((c) => c.message && !dropped.has(c))) {
    const moved = movePath(gone.path, renames);
    const twin = moved !== gone.path && columns.find((c) => c !== gone && c.path === moved && !dropped.has(c));
    if (twin) dropped.add(gone).add(twin);
  }
  return [...changes.filter((c) => !dropped.has(c)).filter((c) => !(c.type === "list" && /：(.+) → \1$/.test(c.message))), ...out];
}
