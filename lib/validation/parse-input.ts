import { z } from "zod";
import { DomainError, type FieldProblem } from "../errors";
import { isMessageKey, msg, type MessageKey, type MessageParams, type Text, type Translated } from "../i18n/messages";

// zod's own messages in both languages, for checks a schema gives no message of its own.
const zodMessages = { zh: z.locales.zhCN().localeError, en: z.locales.en().localeError };

// zod's Chinese names only some types ("期望 数字，实际接收 string"): say the expected type in words.
const TYPE_KEYS: Record<string, MessageKey> = {
  number: "api.typeNumber",
  int: "api.typeInt",
  string: "api.typeString",
  boolean: "api.typeBoolean",
  object: "api.typeObject",
  array: "api.typeArray",
};

// Marks a message zod made up itself, as opposed to one the schema gave; zod's wording in both
// languages follows it, written while the issue still has the input it describes.
const OWN = "\u0000";
type Said = (issue: z.core.$ZodRawIssue) => { message: string } | string | undefined | null;
const say = (map: Said, issue: z.core.$ZodRawIssue) => {
  const said = map(issue);
  return (typeof said === "string" ? said : said?.message) ?? "";
};
const zodWording: z.core.$ZodErrorMap = (issue) => OWN + JSON.stringify({ zh: say(zodMessages.zh as Said, issue), en: say(zodMessages.en as Said, issue) });

/**
 * What a zod message key may quote from its issue: `{maximum}` in "姓名最多 {maximum} 个字符", and
 * `{field}`, the field's path ("revision 必须是正整数").
 */
function issueParams(issue: z.core.$ZodIssue): MessageParams {
  const out: MessageParams = {};
  if (issue.path.length) out.field = issue.path.join(".");
  for (const name of ["minimum", "maximum", "expected", "format"] as const) {
    const value = (issue as unknown as Record<string, unknown>)[name];
    if (typeof value === "string" || typeof value === "number") out[name] = value;
    if (typeof value === "bigint") out[name] = Number(value);
  }
  return out;
}

/**
 * One issue's message, not yet in a language. A schema's own message wins: a message key
 * ("users.nameRequired") or, from schemas that predate keys, its text. Unknown fields are named;
 * a wrong type names the field and what it must be ("revision 必须是数字", "请求内容必须是 JSON
 * 对象"); anything else is zod's own wording in each language.
 */
function issueText(issue: z.core.$ZodIssue): Text {
  if (issue.code === "unrecognized_keys") return msg("api.unknownFields", { fields: issue.keys });
  if (!issue.message.startsWith(OWN)) return isMessageKey(issue.message) ? msg(issue.message, issueParams(issue)) : issue.message;
  if (issue.code === "invalid_type" && TYPE_KEYS[issue.expected]) {
    const field = issue.path.length ? issue.path.join(".") : msg("api.theBody");
    return msg("api.mustBe", { field, type: msg(TYPE_KEYS[issue.expected]) });
  }
  return JSON.parse(issue.message.slice(OWN.length)) as Translated;
}

/**
 * Parses input with a zod schema; failures become a 400 with one problem per field, each in the
 * reader's language once the route wrapper resolves it.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input, { error: zodWording });
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.map((issue) => ({
    path: issue.path.map((p) => `/${String(p)}`).join(""),
    label: issue.path.join("."),
    message: issueText(issue),
    keyword: issue.code,
  }));
  throw new DomainError("BAD_REQUEST", problems[0]?.message ?? msg("api.badRequest"), { fieldErrors: problems });
}

/** A zod message that is a message key, typed so that a misspelt key fails the type check. */
export const zodKey = (key: MessageKey) => key;
