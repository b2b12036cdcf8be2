import type { JsonSchema } from "./types";

/**
 * Fields derived from personal data are personal data too. A resident ID's birth date and gender
 * (`x-idDerive`) are digits 7–14 and 17 of the number itself: shown beside a masked ID
 * (3201**********3616) they narrowed it to nine guesses. Every field an `x-pii` field derives is
 * marked `x-pii: "text"` (masked entirely, revealed like the ID) unless it is marked already.
 * A rule, not a setting: applied to every published version as it is loaded, so templates
 * published before it are covered and a designer cannot unmark one half of a number.
 */
export function withDerivedPii(schema: JsonSchema): JsonSchema {
  let out = schema;
  if (schema.items && !Array.isArray(schema.items)) {
    const items = withDerivedPii(schema.items);
    if (items !== schema.items) out = { ...out, items };
  }
  if (!schema.properties) return out;
  const properties: Record<string, JsonSchema> = {};
  let changed = false;
  for (const [key, child] of Object.entries(schema.properties)) {
    properties[key] = withDerivedPii(child);
    if (properties[key] !== child) changed = true;
  }
  for (const child of Object.values(schema.properties)) {
    const rule = child["x-idDerive"];
    if (!child["x-pii"] || !rule) continue;
    for (const target of [rule.birthDate, rule.gender]) {
      if (!target || !properties[target] || properties[target]["x-pii"]) continue;
      properties[target] = { ...properties[target], "x-pii": "text" };
      changed = true;
    }
  }
  return changed ? { ...out, properties } : out;
}
