import { fieldKind, getByPath, listFields } from "@/lib/schema/fields";
import { formatValue } from "@/lib/schema/format-value";
import type { Locale } from "@/lib/schema/messages";
import type { JsonSchema, UiSchema } from "@/lib/schema/types";

/** The office's zone: a print says when it was made in the agency's time, whatever the server's zone. */
export const PRINT_TIME_ZONE = "Asia/Shanghai";

/** The record's key for the print's header: label and value of its first unique field. */
export interface PrintKey {
  label: string;
  value: string;
}

/**
 * The first field marked `x-unique` outside any table (保单号 in the customer archive), with its
 * value as the detail page formats it; null when the template has none or it is empty.
 */
export function printKey({ schema, uiSchema = {}, data, locale = "zh" }: { schema: JsonSchema; uiSchema?: UiSchema; data: unknown; locale?: Locale }): PrintKey | null {
  const field = listFields(schema, uiSchema).find((f) => !f.inArray && !f.removed && f.schema["x-unique"] === true);
  if (!field) return null;
  const value = getByPath(data, field.segments);
  const text = formatValue(fieldKind(field.schema, {}), value, locale);
  return text ? { label: field.title, value: text } : null;
}

/** A moment as "YYYY-MM-DD HH:mm" in the given zone (the office's by default). */
export function formatPrintedAt(at: Date, timeZone: string = PRINT_TIME_ZONE): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
