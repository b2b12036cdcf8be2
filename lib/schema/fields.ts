import type { FieldInfo, FieldKind, JsonSchema, UiSchema } from "./types";

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
}

/** Infers how a field is shown and edited from its schema and uiSchema. */
export function fieldKind(schema: JsonSchema, ui: UiSchema = {}): FieldKind {
  const type = typeOf(schema);
  if (type === "object") return "section";
  if (type === "array") {
    const items = schema.items ?? {};
    if (typeOf(items) === "object") return "table";
    return "multiselect";
  }
  if (type === "boolean") return "boolean";
  if (type === "integer") return "integer";
  if (type === "number") {
    if (schema["x-kind"] === "money") return "money";
    if (schema["x-kind"] === "percent") return "percent";
    return "number";
  }
  if (schema.enum) return "select";
  switch (schema.format) {
    case "date":
      return "date";
    case "date-time":
      return "datetime";
    case "email":
      return "email";
    case "cn-mobile":
      return "mobile";
    case "cn-phone":
      return "phone";
    case "cn-resident-id":
      return "idNumber";
  }
  if (schema["x-kind"] === "address") return "address";
  if (ui["ui:widget"] === "textarea") return "textarea";
  return "text";
}

/** Enumerated options of a select or multiselect field. */
export function fieldOptions(schema: JsonSchema): string[] | undefined {
  const source = typeOf(schema) === "array" ? schema.items : schema;
  return source?.enum?.map(String);
}

function childUi(ui: UiSchema, key: string): UiSchema {
  const child = ui[key];
  return child && typeof child === "object" ? (child as UiSchema) : {};
}

/** Properties of an object schema in display order (uiSchema `ui:order`, then schema order). */
export function orderedKeys(schema: JsonSchema, ui: UiSchema = {}): string[] {
  const keys = Object.keys(schema.properties ?? {});
  const order = Array.isArray(ui["ui:order"]) ? (ui["ui:order"] as string[]) : [];
  const head = order.filter((k) => keys.includes(k));
  return [...head, ...keys.filter((k) => !head.includes(k))];
}

/**
 * Flattens a template schema into its fields, depth-first in display order. Objects and arrays of
 * objects appear themselves (kinds "section" and "table") and then their children.
 */
export function listFields(root: JsonSchema, rootUi: UiSchema = {}): FieldInfo[] {
  const out: FieldInfo[] = [];
  const visit = (schema: JsonSchema, ui: UiSchema, segments: string[], inArray: boolean) => {
    for (const key of orderedKeys(schema, ui)) {
      const child = schema.properties![key];
      const cui = childUi(ui, key);
      const path = [...segments, key];
      const kind = fieldKind(child, cui);
      out.push({
        path: path.join("."),
        segments: path,
        key,
        title: child.title ?? key,
        kind,
        schema: child,
        inArray,
        section: path[0],
        options: kind === "select" || kind === "multiselect" ? fieldOptions(child) : undefined,
        pii: child["x-pii"],
        filterable: child["x-filterable"] === true,
        removed: child["x-removed"] === true,
      });
      if (kind === "section") visit(child, cui, path, inArray);
      if (kind === "table") visit(child.items!, childUi(cui, "items"), path, true);
    }
  };
  visit(root, rootUi, [], false);
  return out;
}

/** The fields holding a value (not sections or tables), by dot path. */
export function valueFieldMap(fields: FieldInfo[]): Map<string, FieldInfo> {
  return new Map(fields.filter((f) => f.kind !== "section" && f.kind !== "table").map((f) => [f.path, f]));
}

/**
 * The schema node for a data path given as segments (array indices allowed), or undefined.
 * Follows `properties` and `items` only: conditional branches do not introduce new fields here.
 */
export function schemaAt(root: JsonSchema, segments: (string | number)[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  for (const seg of segments) {
    if (!node) return undefined;
    if (typeof seg === "number" || /^\d+$/.test(seg)) node = node.items;
    else node = node.properties?.[seg];
  }
  return node;
}

/** Reads a value from nested data by dot path (no array traversal). */
export function getByPath(data: unknown, segments: string[]): unknown {
  let node: unknown = data;
  for (const seg of segments) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[seg];
  }
  return node;
}
