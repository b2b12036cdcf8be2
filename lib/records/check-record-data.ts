import "server-only";
import { DomainError } from "../errors";
import { msg, translate } from "../i18n/messages";
import type { FieldError, Locale } from "../schema/messages";
import { prepareData, validateData } from "../schema/validate";
import type { PublishedTemplate } from "../templates/types";
import { jsonShapeProblem } from "../validation/json-shape";

/**
 * Cleans and validates submitted record data with the template's own schema: the same
 * normalization and rules the browser runs. Anything but a JSON object (or one nested absurdly
 * deep, or with a `__proto__` key), or any rule broken, is rejected with one error per field.
 */
export function checkRecordData(template: PublishedTemplate, input: unknown, locale: Locale): Record<string, unknown> {
  assertRecordInput(input, locale);
  const data = prepareData(template.content.schema, input);
  const validated = validateData(template.content.schema, data, locale);
  // A template whose sections are open (no additionalProperties: false, possible in the JSON view)
  // lets unknown keys through; "$where", "a.b" or a NUL would then fail in the database (a 500).
  const fieldErrors = validated.length ? validated : badKeys(data, locale);
  if (fieldErrors.length) {
    throw new DomainError("VALIDATION", msg("records.fieldsNeedAttention", { n: fieldErrors.length }), { fieldErrors, locale });
  }
  return data;
}

/**
 * Refuses submitted record data that is not a JSON object, is nested absurdly deep or has a
 * `__proto__` key. Run before anything copies or walks the data: deep nesting would overflow the
 * stack on the way (a 500 instead of a 400).
 */
export function assertRecordInput(input: unknown, locale: Locale): asserts input is Record<string, unknown> {
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw new DomainError("BAD_REQUEST", msg("records.dataNotObject"), { locale });
  }
  const shape = jsonShapeProblem(input);
  if (shape) throw new DomainError("BAD_REQUEST", shape.message, { fieldErrors: [{ path: shape.path, label: shape.path, message: shape.message, keyword: "shape" }] });
}

/** Keys a template's fields may have (checkTemplate holds every field key to the same rule). */
const FIELD_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Keys in record data that could not be field keys, one error each. */
function badKeys(data: unknown, locale: Locale): FieldError[] {
  const out: FieldError[] = [];
  const stack: { node: unknown; path: string }[] = [{ node: data, path: "" }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (Array.isArray(node)) node.forEach((child, i) => stack.push({ node: child, path: `${path}/${i}` }));
    else if (node && typeof node === "object")
      for (const [key, child] of Object.entries(node)) {
        const at = `${path}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        if (FIELD_KEY.test(key)) stack.push({ node: child, path: at });
        else {
          const shown = JSON.stringify(key.length > 30 ? `${key.slice(0, 30)}…` : key);
          out.push({ path: at, label: at, message: translate(locale, "records.badFieldName", { name: shown }), keyword: "propertyNames" });
        }
      }
  }
  return out;
}

/** Rejects ids that cannot be record ids before they reach a query. */
export function assertRecordId(id: string): void {
  if (!/^[a-f0-9]{24}$/.test(id)) throw new DomainError("NOT_FOUND", msg("records.badId"));
}
