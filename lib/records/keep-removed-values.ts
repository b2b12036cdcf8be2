import { getByPath } from "../schema/fields";
import type { FieldInfo } from "../schema/types";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Submitted data with the stored values of removed (`x-removed`) fields put back. Removed fields
 * are hidden from forms, so whatever an edit sends for them (usually nothing) must not delete or
 * change what is stored. Table columns are left to the form, which keeps them per row.
 */
export function keepRemovedValues(fields: FieldInfo[], existing: unknown, input: unknown): unknown {
  if (!isObject(input)) return input;
  const out: Record<string, unknown> = structuredClone(input);
  const removed = fields.filter((f) => f.removed && !f.inArray);
  for (const f of removed) {
    if (removed.some((other) => other !== f && f.path.startsWith(`${other.path}.`))) continue; // kept with its section
    const stored = getByPath(existing, f.segments);
    let node = out;
    for (const seg of f.segments.slice(0, -1)) {
      if (!isObject(node[seg])) {
        if (stored === undefined) break;
        node[seg] = {};
      }
      node = node[seg] as Record<string, unknown>;
    }
    const key = f.segments[f.segments.length - 1];
    if (stored === undefined) delete node[key];
    else node[key] = structuredClone(stored);
  }
  return out;
}
