import type { ValidateFunction } from "ajv";
import { createAjv, isDraft2020 } from "./ajv";
import type { FieldError } from "../errors";
import type { Locale } from "../i18n/locale";
import { localizeErrors } from "./messages";
import { deriveFromIds, dropEmpty, normalizeData } from "./normalize";
import type { JsonSchema } from "./types";
import { textProblems } from "./text-rules";
import { stripHidden } from "./visibility";

// Schemas of published versions are parsed once and never change, so identity is a safe cache key.
const compiled = new WeakMap<JsonSchema, ValidateFunction>();
let ajv07: ReturnType<typeof createAjv> | undefined;
let ajv2020: ReturnType<typeof createAjv> | undefined;

/** The compiled validator for a template schema, compiled once per schema object. */
export function getValidator(schema: JsonSchema): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    const ajv = isDraft2020(schema) ? (ajv2020 ??= createAjv(true)) : (ajv07 ??= createAjv(false));
    // Compile without $id so that two versions of the same template never clash in ajv's registry.
    const { $id: _ignored, ...rest } = schema;
    v = ajv.compile(rest);
    compiled.set(schema, v);
  }
  return v;
}

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

/**
 * Validates prepared data against the template schema and the rules every text follows
 * (textProblems); errors name fields by their titles. The browser passes the schema's
 * precompiled validator (lib/schema/standalone-code.ts): it may not compile code itself.
 */
export function validateData(schema: JsonSchema, data: unknown, locale: Locale = "zh", validate: ValidateFunction = getValidator(schema)): FieldError[] {
  const errors = validate(data) ? [] : localizeErrors(schema, validate.errors, locale);
  const taken = new Set(errors.map((e) => e.path));
  return [...errors, ...textProblems(schema, data, locale).filter((e) => !taken.has(e.path))];
}
