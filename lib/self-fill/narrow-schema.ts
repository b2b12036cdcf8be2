import type { JsonSchema, UiSchema } from "../schema/types";

// Narrowed and relaxed schemas are compiled by the shared validator, which caches per schema
// object: keep one object per (published schema, sections), so a link's submissions compile once.
type PerSections = WeakMap<JsonSchema, Map<string, JsonSchema>>;
const narrowed: PerSections = new WeakMap();
const relaxed: PerSections = new WeakMap();

/** The schema `build` makes for (schema, sections), made once and kept in `cache`. */
function once(cache: PerSections, schema: JsonSchema, sections: readonly string[], build: () => JsonSchema): JsonSchema {
  const key = [...sections].sort().join("\n");
  let bySections = cache.get(schema);
  if (!bySections) cache.set(schema, (bySections = new Map()));
  let out = bySections.get(key);
  if (!out) bySections.set(key, (out = build()));
  return out;
}

/**
 * A template's schema restricted to the sections a self-fill link offers: only those root
 * properties, only their `required`, closed to anything else (additionalProperties: false). Each
 * section keeps its own rules (required fields, formats, x-sumEquals, if/then…); root-level
 * combinators (`if`/`allOf`… across sections) are left out, since they may name sections the
 * customer never sees — the agent's edits meet them when the record is completed.
 */
export function narrowSchema(schema: JsonSchema, sections: readonly string[]): JsonSchema {
  return once(narrowed, schema, sections, () => {
    const { properties = {}, required = [], if: _if, then: _then, else: _else, allOf: _allOf, anyOf: _anyOf, oneOf: _oneOf, not: _not, ...rest } = schema;
    const kept = Object.fromEntries(Object.entries(properties).filter(([k]) => sections.includes(k)));
    const out: JsonSchema = { ...rest, type: "object", properties: kept, additionalProperties: false };
    const req = required.filter((k) => k in kept);
    if (req.length) out.required = req;
    else delete out.required;
    return out;
  });
}

/**
 * The schema a new customer's self-filled record is stored under: the template's whole published
 * schema — every keyword, root combinators, if/then, x-* rules — except that the sections the link
 * did not offer are taken out of the root `required` (the agent completes them; the record is
 * marked 待补全 until then, see lib/records/write/completeness-hook.ts). Cached like narrowSchema.
 */
export function relaxedSchema(schema: JsonSchema, sections: readonly string[]): JsonSchema {
  return once(relaxed, schema, sections, () => {
    const out: JsonSchema = { ...schema };
    if (schema.required) {
      const req = schema.required.filter((k) => sections.includes(k) || !Object.hasOwn(schema.properties ?? {}, k));
      if (req.length) out.required = req;
      else delete out.required;
    }
    return out;
  });
}

/** The uiSchema for a narrowed schema: `ui:order` lists only the offered sections (rjsf refuses unknown ones). */
export function narrowUiSchema(uiSchema: UiSchema, sections: readonly string[]): UiSchema {
  const out: UiSchema = {};
  for (const [k, v] of Object.entries(uiSchema)) {
    if (k === "ui:order" && Array.isArray(v)) out[k] = v.filter((x) => x === "*" || sections.includes(x as string));
    else if (k.startsWith("ui:") || sections.includes(k)) out[k] = v;
  }
  return out;
}

/**
 * JSON pointers of keys in `data` that the schema does not name (fields of other sections,
 * made-up fields), however the template's sections are set: a self-fill submission carries
 * only the fields it was offered.
 */
export function unknownFields(schema: JsonSchema, data: unknown, path = ""): string[] {
  if (Array.isArray(data)) return data.flatMap((row, i) => unknownFields(schema.items ?? {}, row, `${path}/${i}`));
  if (!data || typeof data !== "object") return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    const child = Object.hasOwn(schema.properties ?? {}, k) ? schema.properties![k] : undefined;
    const at = `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (!child || child["x-removed"]) out.push(at);
    else out.push(...unknownFields(child, v, at));
  }
  return out;
}

/**
 * The schema the customer's form validates with when an existing record is prefilled: personal
 * data is never sent to the page in full, so a stored personal-data field shows a masked hint and
 * may be left blank (it then keeps its stored value on the server, which validates the merged
 * data with the narrowed schema's own rules). `optional` lists such fields as dot paths of keys
 * ("basic.idNumber", "beneficiary.list.idNumber" for a table column).
 */
export function withOptional(schema: JsonSchema, optional: readonly string[]): JsonSchema {
  if (optional.length === 0) return schema;
  const walk = (node: JsonSchema, prefix: string): JsonSchema => {
    if (node.type === "array" && node.items) return { ...node, items: walk(node.items, prefix) };
    if (!node.properties) return node;
    const properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, walk(v, prefix ? `${prefix}.${k}` : k)]));
    const required = node.required?.filter((k) => !optional.includes(prefix ? `${prefix}.${k}` : k));
    const out: JsonSchema = { ...node, properties };
    if (required) out.required = required;
    return out;
  };
  return walk(schema, "");
}
