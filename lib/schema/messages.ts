import type { ErrorObject } from "ajv";
import type { FieldError } from "../errors";
import type { Locale } from "../i18n/locale";
import { translate, type MessageKey, type MessageParams } from "../i18n/messages";
import { explainResidentId } from "./cn-id";
import { schemaAt } from "./fields";
import type { JsonSchema } from "./types";

// Where these types lived before the ground floor had them; kept so imports elsewhere keep working.
export type { FieldError } from "../errors";
export type { Locale } from "../i18n/locale";

type Params = Record<string, unknown>;
/** Which message an ajv error becomes, and with what parameters besides the field's title. */
type Pick = (p: Params, node: JsonSchema, locale: Locale) => [MessageKey, MessageParams?];

const typeKeys: Record<string, MessageKey> = {
  number: "validation.typeNumber",
  integer: "validation.typeInteger",
  string: "validation.typeString",
  boolean: "validation.typeBoolean",
  array: "validation.typeArray",
  object: "validation.typeObject",
  null: "validation.typeNull",
};

const joined = (values: unknown[] | undefined, locale: Locale) => (values ?? []).map(String).join(translate(locale, "format.listSeparator"));

const idKeys: Record<string, MessageKey> = {
  scientific: "validation.idScientific",
  length: "validation.idLength",
  birthDate: "validation.idBirthDate",
  checksum: "validation.idChecksum",
  chars: "validation.idChars",
};

function idProblem(value: unknown): [MessageKey, MessageParams?] {
  const p = typeof value === "string" ? explainResidentId(value) : { kind: "chars" as const };
  return [idKeys[p.kind] ?? "validation.idChars", p.kind === "length" ? { length: p.length } : undefined];
}

const formatKeys: Record<string, MessageKey> = {
  date: "validation.formatDate",
  "date-time": "validation.formatDateTime",
  email: "validation.formatEmail",
  "cn-mobile": "validation.formatMobile",
  "cn-phone": "validation.formatPhone",
};

const limit = (key: MessageKey): Pick => (p) => [key, { limit: p.limit as number }];

const pick: Record<string, Pick> = {
  required: (_p, node) => [node.enum || node.type === "boolean" ? "validation.requiredChoose" : "validation.requiredFill"],
  type: (p) => ["validation.type", { type: typeKeys[String(p.type)] ? { key: typeKeys[String(p.type)] } : String(p.type) }],
  minLength: (p) => (p.limit === 1 ? ["validation.requiredFill"] : ["validation.minLength", { limit: p.limit as number }]),
  maxLength: limit("validation.maxLength"),
  minimum: limit("validation.minimum"),
  maximum: limit("validation.maximum"),
  exclusiveMinimum: limit("validation.exclusiveMinimum"),
  exclusiveMaximum: limit("validation.exclusiveMaximum"),
  multipleOf: (p) => ["validation.multipleOf", { multipleOf: p.multipleOf as number }],
  pattern: () => ["validation.pattern"],
  enum: (_p, node, locale) => ["validation.enum", { values: joined(node.enum, locale) }],
  const: (p) => ["validation.const", { value: String(p.allowedValue) }],
  minItems: (p) => [p.limit === 1 ? "validation.minItemsOne" : "validation.minItems", { limit: p.limit as number }],
  maxItems: limit("validation.maxItems"),
  uniqueItems: () => ["validation.uniqueItems"],
  additionalProperties: (p) => ["validation.additionalProperties", { name: String(p.additionalProperty) }],
  "x-notBefore": (p) => ["validation.notBefore", { other: String(p.otherTitle) }],
  "x-sumEquals": (p) => ["validation.sumEquals", { field: String(p.fieldTitle), value: String(p.value), sum: String(p.sum) }],
  "x-idDerive": (p) => ["validation.idDerive", { other: String(p.otherTitle), expected: String(p.expected) }],
  "x-unique": (p) => ["validation.unique", { value: String(p.value) }],
};

/** Splits a JSON pointer into segments, numbers for array indices. */
export function pointerSegments(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** "受益人信息 › 指定受益人 第 2 行 › 姓名" for a data path. */
export function pathLabel(root: JsonSchema, segments: (string | number)[], locale: Locale): string {
  const parts: string[] = [];
  let node: JsonSchema | undefined = root;
  for (const seg of segments) {
    if (!node) break;
    if (typeof seg === "number") {
      const row = translate(locale, "format.recordRow", { n: seg + 1 });
      parts[parts.length - 1] = `${parts[parts.length - 1] ?? ""} ${row}`.trim();
      node = node.items;
    } else {
      node = node.properties?.[seg];
      parts.push(node?.title ?? seg);
    }
  }
  return parts.join(translate(locale, "format.pathSeparator"));
}

/** Turns one ajv error into a field error with a message that names the field by its title. */
export function localizeError(root: JsonSchema, error: ErrorObject, locale: Locale): FieldError | null {
  // `if` only reports that a `then`/`else` branch failed; the branch's own errors say what to fix.
  if (error.keyword === "if") return null;
  let segments = pointerSegments(error.instancePath);
  const params = { ...(error.params as Params) };
  if (error.keyword === "required") segments = [...segments, String(params.missingProperty)];
  if (error.keyword === "additionalProperties") segments = [...segments, String(params.additionalProperty)];
  const node = schemaAt(root, segments) ?? {};
  const title = node.title ?? String(segments[segments.length - 1] ?? translate(locale, "validation.record"));
  const parentSegments = segments.slice(0, -1);
  if (error.keyword === "x-notBefore" || error.keyword === "x-idDerive") {
    params.otherTitle = schemaAt(root, [...parentSegments, String(params.other)])?.title ?? params.other;
  }
  if (error.keyword === "x-sumEquals") {
    params.fieldTitle = node.items?.properties?.[String(params.field)]?.title ?? params.field;
  }
  const custom = node["x-messages"]?.[error.keyword];
  let chosen: [MessageKey, MessageParams?];
  if (error.keyword === "format" && params.format === "cn-resident-id") chosen = idProblem(error.data);
  else if (error.keyword === "format") chosen = [formatKeys[String(params.format)] ?? "validation.pattern"];
  else chosen = Object.hasOwn(pick, error.keyword) ? pick[error.keyword](params, node, locale) : ["validation.invalid"];
  // An item of a multi-select that is no option: the field's title and the value, not the item's
  // index ("「涉及部件」1必须是以下之一…" said neither which field nor which value).
  const last = segments[segments.length - 1];
  const list = typeof last === "number" ? schemaAt(root, parentSegments) : undefined;
  if (error.keyword === "enum" && list && !node.title && node.type !== "object" && node.enum) {
    const field = list.title ?? String(parentSegments[parentSegments.length - 1] ?? "");
    return { path: pointerOf(segments), label: pathLabel(root, parentSegments, locale), message: custom ?? translate(locale, "validation.enumItem", { title: field, value: String(error.data), values: joined(node.enum, locale) }), keyword: error.keyword };
  }
  const message = custom ?? translate(locale, chosen[0], { ...chosen[1], title });
  return { path: pointerOf(segments), label: pathLabel(root, segments, locale), message, keyword: error.keyword };
}

/** A data path's JSON pointer. */
const pointerOf = (segments: (string | number)[]) => segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");

/** Localizes ajv errors, dropping noise and duplicates (one message per field and keyword). */
export function localizeErrors(root: JsonSchema, errors: ErrorObject[] | null | undefined, locale: Locale): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors ?? []) {
    const fe = localizeError(root, e, locale);
    if (!fe) continue;
    const id = `${fe.path}|${fe.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(fe);
  }
  return out;
}
