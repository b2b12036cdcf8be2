import "server-only";
import { DomainError } from "../errors";
import type { Locale } from "../schema/messages";
import { prepareData, validateData } from "../schema/validate";
import type { PublishedTemplate } from "../templates/types";
import { jsonShapeProblem } from "../validation/json-shape";

/**
 * Cleans and validates submitted record data with the template's own schema: the same
 * normalization and rules the browser runs. Anything but a JSON object (or one nested absurdly
 * deep, or with a `__proto__` key), or any rule broken, is rejected with one error per field.
 */
export function checkRecordData(template: PublishedTemplate, input: unknown, locale: Locale): Record<string, unknown> {
  if (!input || typeof input !== "object" || Array.isArray(input)) {
    throw new DomainError("BAD_REQUEST", locale === "zh" ? "记录数据必须是一个 JSON 对象" : "Record data must be a JSON object");
  }
  // Checked before anything walks the data: deep nesting would overflow the stack on the way.
  const shape = jsonShapeProblem(input);
  if (shape) throw new DomainError("BAD_REQUEST", shape.message, { fieldErrors: [{ path: shape.path, label: shape.path, message: shape.message, keyword: "shape" }] });
  const data = prepareData(template.content.schema, input);
  const fieldErrors = validateData(template.content.schema, data, locale);
  if (fieldErrors.length) {
    const message = locale === "zh" ? `有 ${fieldErrors.length} 处需要修改` : `${fieldErrors.length} field(s) need attention`;
    throw new DomainError("VALIDATION", message, { fieldErrors });
  }
  return data;
}

/** Rejects ids that cannot be record ids before they reach a query. */
export function assertRecordId(id: string): void {
  if (!/^[a-f0-9]{24}$/.test(id)) throw new DomainError("NOT_FOUND", "记录不存在");
}
