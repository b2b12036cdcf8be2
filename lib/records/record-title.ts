import type { Actor } from "../auth/roles";
import { getByPath } from "../schema/fields";
import type { FieldInfo, ListSettings } from "../schema/types";
import { maskerFor } from "./record-masking";

/**
 * A record's title as its reader sees it in lists of work (工作台, 待我核对, calendar feed): the
 * template's title field, masked when it is personal data unless the reader sees it in full on
 * their own record (lib/records/record-masking.ts). Empty when the template names no title field.
 */
export function recordTitle(params: { template: { content: { list: ListSettings }; fields: FieldInfo[] }; data: unknown; reader: Actor | null; ownerId: string | null | undefined }): string {
  const path = params.template.content.list.titleField;
  if (!path) return "";
  return titleOfValue({ ...params, value: getByPath(params.data, path.split(".")) });
}

/** The same from the title field's stored value (what the 工作台's reminder index keeps of a record). */
export function titleOfValue(params: { template: { content: { list: ListSettings }; fields: FieldInfo[] }; value: unknown; reader: Actor | null; ownerId: string | null | undefined }): string {
  const path = params.template.content.list.titleField;
  if (!path) return "";
  const field = params.template.fields.find((f) => f.path === path);
  const value = params.value;
  const shown = field?.pii ? maskerFor(params.reader, params.ownerId)(field.pii, value) : value;
  return typeof shown === "string" || typeof shown === "number" ? String(shown) : "";
}
