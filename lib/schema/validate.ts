import type { ValidateFunction } from "ajv";
import { createAjv, isDraft2020 } from "./ajv";
import type { FieldError } from "../errors";
import type { Locale } from "../i18n/locale";
import { checkData } from "./check-data";
import type { JsonSchema } from "./types";

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

export { prepareData } from "./prepare-data";

/**
 * Validates prepared data against the template schema (compiled once) and the rules every text
 * follows; errors name fields by their titles. The browser uses checkData with the precompiled
 * validator instead.
 */
export function validateData(schema: JsonSchema, data: unknown, locale: Locale = "zh"): FieldError[] {
  return checkData(schema, data, getValidator(schema), locale);
}
