import { z } from "zod";
import { DomainError } from "../errors";
import type { FieldError } from "../schema/messages";

// zod's own messages in Chinese, like the schemas' custom ones ("请填写姓名"), which still win.
const zh = z.locales.zhCN().localeError;

/** Parses a request body with a zod schema; failures become a 400 with one error per field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input, { error: zh });
  if (result.success) return result.data;
  const fieldErrors: FieldError[] = result.error.issues.map((issue) => {
    const path = issue.path.map((p) => `/${String(p)}`).join("");
    const message =
      issue.code === "unrecognized_keys"
        ? `不允许的字段：${issue.keys.join("、")}`
        : // "expected object, received array" says less than this to someone posting a list.
          issue.path.length === 0 && issue.code === "invalid_type" && issue.expected === "object"
          ? "请求内容必须是 JSON 对象"
          : issue.message;
    return { path, label: issue.path.join("."), message, keyword: issue.code };
  });
  throw new DomainError("BAD_REQUEST", fieldErrors[0]?.message ?? "请求格式不正确", { fieldErrors });
}
