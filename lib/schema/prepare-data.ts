import { deriveFromIds, dropEmpty, normalizeData } from "./normalize";
import type { JsonSchema } from "./types";
import { stripHidden } from "./visibility";

/**
 * Cleans record data the way every entry path should: messy spellings normalized, birth date and
 * gender derived from the ID number, values of hidden conditional fields dropped, and sections
 * left empty by all that removed rather than stored as `{}`.
 */
export function prepareData(schema: JsonSchema, input: unknown): Record<string, unknown> {
  const normalized = normalizeData(schema, input ?? {});
  const derived = deriveFromIds(schema, normalized);
  return (dropEmpty(schema, stripHidden(schema, derived)) ?? {}) as Record<string, unknown>;
}
