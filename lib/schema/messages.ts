import type { ErrorObject } from "ajv";
import { explainResidentId } from "./cn-id";
import { schemaAt } from "./fields";
import type { JsonSchema } from "./types";

export type Locale = "zh" | "en";

/** A validation problem tied to one field: `path` is a JSON pointer into the record data. */
export interface FieldError {
  path: string;
  /** Where the field is, for summaries: "受益人信息 › 指定受益人 第 2 行 › 身份证号码". */
  label: string;
  message: string;
  keyword: string;
}

type Params = Record<string, unknown>;
type Render = (title: string, p: Params, node: JsonSchema, locale: Locale) => string;

const list = (values: unknown[] | undefined, locale: Locale) => (values ?? []).map(String).join(locale === "zh" ? "、" : ", ");

const typeNames = {
  zh: { number: "数字", integer: "整数", string: "文本", boolean: "是或否", array: "列表", object: "一组字段", null: "空" },
  en: { number: "a number", integer: "a whole number", string: "text", boolean: "yes or no", array: "a list", object: "a group of fields", null: "empty" },
} as const;

function idProblem(value: unknown, title: string, locale: Locale): string {
  const p = typeof value === "string" ? explainResidentId(value) : { kind: "chars" as const };
  const zh = locale === "zh";
  switch (p.kind) {
    case "scientific":
      return zh
        ? `${title}被表格软件转成了科学计数法，请把该列设为“文本”后重新填写`
        : `${title} was turned into scientific notation by a spreadsheet; format the column as text and enter it again`;
    case "length":
      return zh ? `${title}应为 18 位（当前 ${p.length} 位）` : `${title} must have 18 characters (has ${p.length})`;
    case "birthDate":
      return zh ? `${title}中的出生日期无效` : `${title} contains an invalid birth date`;
    case "checksum":
      return zh ? `${title}校验位不正确，请核对号码` : `${title} has a wrong check digit; please check the number`;
    default:
      return zh ? `${title}只能包含数字，末位可为 X` : `${title} may contain only digits, with X allowed last`;
  }
}

const formatMessages: Record<string, Record<Locale, (title: string) => string>> = {
  date: { zh: (t) => `${t}不是有效日期（如 2023-01-31）`, en: (t) => `${t} is not a valid date (e.g. 2023-01-31)` },
  "date-time": { zh: (t) => `${t}不是有效的日期时间`, en: (t) => `${t} is not a valid date and time` },
  email: { zh: (t) => `${t}不是有效的电子邮箱`, en: (t) => `${t} is not a valid email address` },
  "cn-mobile": {
    zh: (t) => `${t}不是有效的手机号码（11 位，以 1 开头）`,
    en: (t) => `${t} is not a valid mobile number (11 digits starting with 1)`,
  },
  "cn-phone": {
    zh: (t) => `${t}不是有效的电话号码（手机号或带区号的座机）`,
    en: (t) => `${t} is not a valid phone number (mobile, or landline with area code)`,
  },
};

const render: Record<string, Record<Locale, Render>> = {
  required: {
    zh: (t, _p, node) => (node.enum || node.type === "boolean" ? `请选择${t}` : `请填写${t}`),
    en: (t) => `${t} is required`,
  },
  type: {
    zh: (t, p) => `${t}必须是${typeNames.zh[p.type as keyof typeof typeNames.zh] ?? p.type}`,
    en: (t, p) => `${t} must be ${typeNames.en[p.type as keyof typeof typeNames.en] ?? p.type}`,
  },
  minLength: {
    zh: (t, p) => (p.limit === 1 ? `请填写${t}` : `${t}至少 ${p.limit} 个字符`),
    en: (t, p) => (p.limit === 1 ? `${t} is required` : `${t} must have at least ${p.limit} characters`),
  },
  maxLength: { zh: (t, p) => `${t}最多 ${p.limit} 个字符`, en: (t, p) => `${t} must have at most ${p.limit} characters` },
  minimum: { zh: (t, p) => `${t}不能小于 ${p.limit}`, en: (t, p) => `${t} must be at least ${p.limit}` },
  maximum: { zh: (t, p) => `${t}不能大于 ${p.limit}`, en: (t, p) => `${t} must be at most ${p.limit}` },
  exclusiveMinimum: { zh: (t, p) => `${t}必须大于 ${p.limit}`, en: (t, p) => `${t} must be greater than ${p.limit}` },
  exclusiveMaximum: { zh: (t, p) => `${t}必须小于 ${p.limit}`, en: (t, p) => `${t} must be less than ${p.limit}` },
  multipleOf: { zh: (t, p) => `${t}必须是 ${p.multipleOf} 的整数倍`, en: (t, p) => `${t} must be a multiple of ${p.multipleOf}` },
  pattern: { zh: (t) => `${t}格式不正确`, en: (t) => `${t} has the wrong format` },
  enum: {
    zh: (t, _p, node) => `${t}必须是以下之一：${list(node.enum, "zh")}`,
    en: (t, _p, node) => `${t} must be one of: ${list(node.enum, "en")}`,
  },
  const: { zh: (t, p) => `${t}必须是 ${String(p.allowedValue)}`, en: (t, p) => `${t} must be ${String(p.allowedValue)}` },
  minItems: {
    zh: (t, p) => `${t}至少需要 ${p.limit} 行`,
    en: (t, p) => `${t} needs at least ${p.limit} row${p.limit === 1 ? "" : "s"}`,
  },
  maxItems: { zh: (t, p) => `${t}最多 ${p.limit} 行`, en: (t, p) => `${t} may have at most ${p.limit} rows` },
  uniqueItems: { zh: (t) => `${t}中有重复项`, en: (t) => `${t} contains duplicates` },
  additionalProperties: {
    zh: (_t, p) => `不允许的字段“${p.additionalProperty}”`,
    en: (_t, p) => `Unknown field "${p.additionalProperty}"`,
  },
  "x-notBefore": {
    zh: (t, p) => `${t}不能早于${p.otherTitle}`,
    en: (t, p) => `${t} may not be before ${p.otherTitle}`,
  },
  "x-sumEquals": {
    zh: (t, p) => `${t}的${p.fieldTitle}合计须为 ${p.value}（当前合计 ${p.sum}）`,
    en: (t, p) => `${p.fieldTitle} in ${t} must add up to ${p.value} (now ${p.sum})`,
  },
  "x-idDerive": {
    zh: (t, p) => `${t}与${p.otherTitle}不一致（按证件号应为 ${p.expected}）`,
    en: (t, p) => `${t} does not match ${p.otherTitle} (the ID number says ${p.expected})`,
  },
  "x-unique": {
    zh: (t, p) => `${t}“${p.value}”已被另一条记录使用`,
    en: (t, p) => `${t} "${p.value}" is already used by another record`,
  },
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
      const row = locale === "zh" ? `第 ${seg + 1} 行` : `row ${seg + 1}`;
      parts[parts.length - 1] = `${parts[parts.length - 1] ?? ""} ${row}`.trim();
      node = node.items;
    } else {
      node = node.properties?.[seg];
      parts.push(node?.title ?? seg);
    }
  }
  return parts.join(" › ");
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
  const title = node.title ?? String(segments[segments.length - 1] ?? (locale === "zh" ? "记录" : "Record"));
  const parentSegments = segments.slice(0, -1);
  if (error.keyword === "x-notBefore" || error.keyword === "x-idDerive") {
    params.otherTitle = schemaAt(root, [...parentSegments, String(params.other)])?.title ?? params.other;
  }
  if (error.keyword === "x-sumEquals") {
    params.fieldTitle = node.items?.properties?.[String(params.field)]?.title ?? params.field;
  }
  const custom = node["x-messages"]?.[error.keyword];
  let message: string;
  if (custom) message = custom;
  else if (error.keyword === "format" && params.format === "cn-resident-id") message = idProblem(error.data, title, locale);
  else if (error.keyword === "format")
    message = formatMessages[String(params.format)]?.[locale](title) ?? render.pattern[locale](title, params, node, locale);
  else if (render[error.keyword]) message = render[error.keyword][locale](title, params, node, locale);
  else message = locale === "zh" ? `${title}不符合要求` : `${title} is not valid`;
  const path = segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
  return { path, label: pathLabel(root, segments, locale), message, keyword: error.keyword };
}

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
