import type Ajv from "ajv";
import type { SchemaValidateFunction } from "ajv";
import type { DataValidationCxt } from "ajv/dist/types";
import { residentIdFacts } from "./cn-id";

type KeywordFn = SchemaValidateFunction;
type KeywordErrors = NonNullable<SchemaValidateFunction["errors"]>;

const fieldRef = { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$" } as const;

/** Annotation keywords: validated for shape, no effect on data validation. */
const annotations: Record<string, object> = {
  "x-kind": { enum: ["money", "percent", "address"] },
  "x-pii": { enum: ["idNumber", "phone", "email", "name", "address", "text"] },
  "x-filterable": { type: "boolean" },
  "x-unique": { type: "boolean" },
  // Other column titles a spreadsheet may use for this field (联系方式 for 手机号码), read by imports.
  "x-importAliases": { type: "array", maxItems: 20, items: { type: "string", minLength: 1, maxLength: 50 } },
  // A table's columns that tell its rows apart (缴费日期 for payments): an import updates the row
  // with the same values there instead of adding another. Without it rows are matched whole.
  "x-rowKey": { type: "array", minItems: 1, maxItems: 5, uniqueItems: true, items: fieldRef },
  "x-removed": { type: "boolean" },
  // The list position a hidden field had, so that showing it again puts it back there.
  "x-removedColumn": { type: "integer", minimum: 0 },
  "x-messages": { type: "object", additionalProperties: { type: "string", minLength: 1 } },
  "x-visibleWhen": {
    type: "object",
    required: ["field"],
    additionalProperties: false,
    properties: {
      field: { type: "string", pattern: "^/?[A-Za-z_][A-Za-z0-9_]*([./][A-Za-z_][A-Za-z0-9_]*)*$" },
      equals: {},
      notEquals: {},
      in: { type: "array" },
      notIn: { type: "array" },
    },
    minProperties: 2,
  },
};

/**
 * The end of a range may not come before its start (ISO date strings compare as text). Only dates
 * are compared: a start or end that is no date (5/1/2023 typed in a file) is its own field's
 * error, not the range's — "到期日期不能早于起始日期" beside it sent people to fix the wrong cell.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const notBefore: KeywordFn = (other: string, data: unknown, _parent?: unknown, cxt?: DataValidationCxt) => {
  const start = (cxt?.parentData as Record<string, unknown> | undefined)?.[other];
  if (typeof data !== "string" || typeof start !== "string" || !ISO_DATE.test(data) || !ISO_DATE.test(start) || data >= start) return true;
  notBefore.errors = [{ keyword: "x-notBefore", params: { other } }];
  return false;
};

/** A numeric column of a table must add up to a total (e.g. beneficiary shares to 100). */
const sumEquals: KeywordFn = (rule: { field: string; value: number }, data: unknown) => {
  if (!Array.isArray(data) || data.length === 0) return true;
  let sum = 0;
  for (const row of data) {
    const v = (row as Record<string, unknown> | null)?.[rule.field];
    if (typeof v === "number") sum += v;
  }
  sum = Math.round(sum * 1e6) / 1e6;
  if (Math.abs(sum - rule.value) < 1e-6) return true;
  sumEquals.errors = [{ keyword: "x-sumEquals", params: { field: rule.field, value: rule.value, sum } }];
  return false;
};

/** Birth date and gender fields must agree with the resident ID they can be derived from. */
const idDerive: KeywordFn = (rule: { birthDate?: string; gender?: string }, data: unknown, _parent?: unknown, cxt?: DataValidationCxt) => {
  if (typeof data !== "string") return true;
  const facts = residentIdFacts(data);
  const siblings = cxt?.parentData as Record<string, unknown> | undefined;
  if (!facts || !siblings) return true;
  const errors: KeywordErrors = [];
  if (rule.birthDate && typeof siblings[rule.birthDate] === "string" && siblings[rule.birthDate] !== facts.birthDate)
    errors.push({ keyword: "x-idDerive", params: { other: rule.birthDate, expected: facts.birthDate } });
  if (rule.gender && typeof siblings[rule.gender] === "string" && siblings[rule.gender] !== facts.gender)
    errors.push({ keyword: "x-idDerive", params: { other: rule.gender, expected: facts.gender } });
  if (errors.length === 0) return true;
  idDerive.errors = errors;
  return false;
};

/**
 * The keywords that run a function. Precompiled validators (lib/schema/standalone-code.ts) refer to
 * them by name instead of carrying their source, and the browser hands these very functions in.
 */
export const keywordFunctions = { notBefore, sumEquals, idDerive };

/** Registers Dossier's `x-…` keywords on an ajv instance (server, browser and meta-validation alike). */
export function registerKeywords(ajv: Ajv): void {
  for (const [keyword, metaSchema] of Object.entries(annotations)) {
    ajv.addKeyword({ keyword, metaSchema });
  }
  ajv.addKeyword({ keyword: "x-notBefore", schemaType: "string", metaSchema: fieldRef, validate: notBefore, errors: true });
  ajv.addKeyword({
    keyword: "x-sumEquals",
    type: "array",
    schemaType: "object",
    metaSchema: {
      type: "object",
      required: ["field", "value"],
      additionalProperties: false,
      properties: { field: fieldRef, value: { type: "number" } },
    },
    validate: sumEquals,
    errors: true,
  });
  ajv.addKeyword({
    keyword: "x-idDerive",
    type: "string",
    schemaType: "object",
    metaSchema: {
      type: "object",
      additionalProperties: false,
      minProperties: 1,
      properties: { birthDate: fieldRef, gender: fieldRef },
    },
    validate: idDerive,
    errors: true,
  });
}

/** Names of every extension keyword we register. */
export const EXTENSION_KEYWORDS = [...Object.keys(annotations), "x-notBefore", "x-sumEquals", "x-idDerive"];
