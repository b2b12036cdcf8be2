import type { FieldChange } from "../shared/field-change";

/**
 * The stored form of an event's field changes: one JSON string. FerretDB keeps each nested BSON
 * value with a type schema, which made the ~33 changes of a created record cost more to insert
 * than the record itself (benchmarks run 27); as one string they cost a tenth. Nothing queries
 * into the changes, so nothing is lost. The values are JSON already (the diff keeps scalars and
 * lists of scalars only), so parsing gives back exactly what was diffed; an absent `before` or
 * `after` stays absent, as the mongoose writer stored it.
 */
export function storedChanges(changes: readonly FieldChange[]): string {
  return JSON.stringify(changes);
}

/**
 * An audit event's field changes, whichever way they were stored: a JSON string (events written
 * since run 27), an array (older events, and archives restored from before), or nothing. A
 * string that does not parse to a list reads as no changes rather than breaking the history.
 */
export function auditChanges(event: { changes?: unknown } | null | undefined): FieldChange[] {
  const stored = event?.changes;
  if (Array.isArray(stored)) return stored as FieldChange[];
  if (typeof stored !== "string") return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? (parsed.filter((c) => c !== null && typeof c === "object") as FieldChange[]) : [];
  } catch {
    return [];
  }
}
