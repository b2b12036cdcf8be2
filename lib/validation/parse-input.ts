import { z } from "zod";
import { DomainError } from "../errors";
import type { FieldError } from "../schema/messages";

const zh = z.locales.zhCN().localeError;
// zod's Chinese names only some types ("期望 数字，实际接收 string"): say the expected type in words.
const TYPE_NAMES: Record<string, string> = { number: "数字", int: "整数", string: "文本", boolean: "true 或 false", object: "JSON 对象", array: "列表" };

/**
 * zod's messages in Chinese, like the schemas' own ones ("请填写姓名"), which still win. A wrong
 * type names the field and what it must be: "revision 必须是数字", "请求内容必须是 JSON 对象".
 */
const errorMap: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type" && TYPE_NAMES[issue.expected]) {
    const where = issue.path?.length ? issue.path.join(".") : "请求内容";
    const name = TYPE_NAMES[issue.expected];
    // A space between Chinese and Latin text, as Chinese typesetting has it.
    return `${where}${/\w$/.test(where) ? " " : ""}必须是${/^\w/.test(name) ? " " : ""}${name}`;
  }
  return zh(issue);
};

/** Parses a request body with a zod schema; failures become a 400 with one error per field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input, { error: errorMap });
  if (result.success) return result.data;
  const fieldErrors: FieldError[] = result.error.issues.map((issue) => {
    const path = issue.path.map((p) => `/${String(p)}`).join("");
    const message = issue.code === "unrecognized_keys" ? `不允许的字段：${issue.keys.join("、")}` : issue.message;
    return { path, label: issue.path.join("."), message, keyword: issue.code };
  });
  throw new DomainError("BAD_REQUEST", fieldErrors[0]?.message ?? "请求格式不正确", { fieldErrors });
}
