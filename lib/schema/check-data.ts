import type { ValidateFunction } from "ajv";
import type { FieldError } from "../errors";
import type { Locale } from "../i18n/locale";
import { localizeErrors } from "./messages";
import { textProblems } from "./text-rules";
import type { JsonSchema } from "./types";

/**
 * Validates prepared data with the schema's validator and the rules every text follows
 * (textProblems); errors name fields by their titles. The validator is the server's compiled one
 * (validateData) or, in the browser, the same one precompiled on the server: the page may not
 * compile code, and this file keeps ajv's compiler out of its bundle.
 */
export function checkData(schema: JsonSchema, data: unknown, validate: ValidateFunction, locale: Locale = "zh"): FieldError[] {
  const errors = validate(data) ? [] : localizeErrors(schema, validate.errors, locale);
  const taken = new Set(errors.map((e) => e.path));
  return [...errors, ...textProblems(schema, data, locale).filter((e) => !taken.has(e.path))];
}
