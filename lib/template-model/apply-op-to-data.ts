import type { ValidateFunction } from "ajv";
import { createAjv } from "../schema/ajv";
import { fieldKind, schemaAt } from "../schema/fields";
import { checks } from "../i18n/dictionaries/checks";
import { localizeErrors, type Locale } from "../schema/messages";
import { normalizeValue } from "../schema/normalize";
import type { JsonSchema } from "../schema/types";
import type { MigrationOp } from "./migration-op";

/** A value that could not be converted to the field's new type. */
export interface ConversionFailure {
  /** JSON pointer into the record data. */
  path: string;
  value: unknown;
  message: string;
}

/** The result of applying one operation to one record's data. */
export interface OpResult {
  data: Record<string, unknown>;
  changed: boolean;
  failures: ConversionFailure[];
}

const validators = new WeakMap<JsonSchema, ValidateFunction>();
let ajv: ReturnType<typeof createAjv> | undefined;

function validatorFor(schema: JsonSchema): ValidateFunction {
  let v = validators.get(schema);
  if (!v) {
    v = (ajv ??= createAjv(false)).compile(schema);
    validators.set(schema, v);
  }
  return v;
}

/** Shapes a value for its new kind before the usual clean-up (normalize.ts) reads it. */
function reshape(value: unknown, target: JsonSchema): unknown {
  const kind = fieldKind(target);
  if (kind === "multiselect") return Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) value = value.length === 1 ? value[0] : value.map(String).join("、");
  if (target.type === "string") {
    if (typeof value === "boolean") return value ? "是" : "否";
    if (typeof value === "number") return String(value);
  }
  return value;
}

/** Converts one value with normalize.ts and checks it against the new field schema. */
export function convertValue(value: unknown, target: JsonSchema, locale: Locale = "zh"): { ok: true; value: unknown } | { ok: false; message: string } {
  const shaped = reshape(value, target);
  const converted = Array.isArray(shaped) ? shaped.map((v) => normalizeValue(target.items ?? {}, v)).filter((v) => v !== undefined) : normalizeValue(target, shaped);
  const validate = validatorFor(target);
  if (converted === undefined || validate(converted)) return { ok: true, value: converted };
  const first = localizeErrors(target, validate.errors, locale)[0];
  return { ok: false, message: first?.message ?? checks[locale].cannotConvert };
}

/**
 * Applies a migration operation to one record's data: renames the key, or converts the values
 * (in every row when the field is a table column). `before` is the schema of the version the
 * data follows, `after` the one the operation produced. The input is not modified.
 */
export function applyOpToData(before: JsonSchema, after: JsonSchema, op: MigrationOp, data: Record<string, unknown>, locale: Locale = "zh"): OpResult {
  const out = structuredClone(data);
  const segments = op.path.split(".");
  const key = segments[segments.length - 1];
  const newSegments = op.type === "renameKey" ? [...segments.slice(0, -1), op.newKey] : segments;
  const target = op.type === "changeKind" ? schemaAt(after, newSegments) : undefined;
  const failures: ConversionFailure[] = [];
  let changed = false;

  const visit = (node: unknown, schema: JsonSchema | undefined, depth: number, pointer: string) => {
    if (!node || typeof node !== "object" || Array.isArray(node) || !schema) return;
    const obj = node as Record<string, unknown>;
    if (depth < segments.length - 1) {
      const seg = segments[depth];
      const child = schema.properties?.[seg];
      const value = obj[seg];
      if (child?.type === "array" && Array.isArray(value)) value.forEach((row, i) => visit(row, child.items, depth + 1, `${pointer}/${seg}/${i}`));
      else visit(value, child, depth + 1, `${pointer}/${seg}`);
      return;
    }
    if (!(key in obj)) return;
    if (op.type === "renameKey") {
      obj[op.newKey] = obj[key];
      delete obj[key];
      changed = true;
      return;
    }
    const result = convertValue(obj[key], target ?? {}, locale);
    if (!result.ok) failures.push({ path: `${pointer}/${key}`, value: obj[key], message: result.message });
    else if (JSON.stringify(result.value) !== JSON.stringify(obj[key])) {
      if (result.value === undefined) delete obj[key];
      else obj[key] = result.value;
      changed = true;
    }
  };
  visit(out, before, 0, "");
  return { data: out, changed, failures };
}
