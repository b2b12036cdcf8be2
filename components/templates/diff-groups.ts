import type { DiffEntry, DiffType } from "@/lib/template-model/diff-content";

/** A change as the history shows it (key renames by migrations included, see diffContents). */
export type ChangeType = DiffType;
export type Change = DiffEntry;

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
