import { fieldKind, schemaAt } from "@/lib/schema/fields";
import { formatValue } from "@/lib/schema/format-value";
import { pathLabel, pointerSegments, type Locale } from "@/lib/schema/messages";
import type { FieldKind, JsonSchema, UiSchema } from "@/lib/schema/types";

/** How many changes of one history entry show before "show all". */
export const COLLAPSED_CHANGES = 5;

/** One changed value, ready to show: "label: before → after". */
export interface ChangeView {
  path: string;
  label: string;
  kind?: FieldKind;
  /** Formatted values; "" when there was none. */
  before: string;
  after: string;
  type: "added" | "removed" | "changed";
  /** Raw values of select fields, so the UI can show them as badges. */
  options?: string[];
}

/** The uiSchema node for a data path (array indices step into `items`). */
export function uiAt(uiSchema: UiSchema, segments: (string | number)[]): UiSchema {
  let node: UiSchema = uiSchema;
  for (const seg of segments) {
    const next = typeof seg === "number" ? node.items : node[seg];
    node = next && typeof next === "object" ? (next as UiSchema) : {};
  }
  return node;
}

const isBlank = (v: unknown) => v === undefined || v === null || v === "";

/**
 * Describes one stored change in the current template's terms: the field's kind (from the schema
 * at its JSON pointer) formats the values, and its label follows the current titles. A path the
 * template no longer knows keeps the label recorded with the change.
 */
export function describeChange({
  schema,
  uiSchema = {},
  change,
  locale = "zh",
}: {
  schema: JsonSchema;
  uiSchema?: UiSchema;
  change: { path: string; label: string; before?: unknown; after?: unknown };
  locale?: Locale;
}): ChangeView {
  const segments = pointerSegments(change.path);
  const node = schemaAt(schema, segments);
  const kind = node ? fieldKind(node, uiAt(uiSchema, segments)) : undefined;
  const label = node ? pathLabel(schema, segments, locale) : change.label;
  const before = formatValue(kind, change.before, locale);
  const after = formatValue(kind, change.after, locale);
  const type = isBlank(change.before) ? "added" : isBlank(change.after) ? "removed" : "changed";
  return { path: change.path, label, kind, before, after, type, options: kind === "select" ? node?.enum?.map(String) : undefined };
}

export type HistoryActionKey =
  | "create"
  | "update"
  | "delete"
  | "restore"
  | "reveal"
  | "migrate"
  | "reminder"
  | "verify"
  | "return"
  | "selfFillCreate"
  | "selfFillOpen"
  | "selfFillSubmit"
  | "selfFillRevoke"
  | "selfFillReject"
  | "transfer";

const SELF_FILL: Record<string, HistoryActionKey> = {
  "selfFill.create": "selfFillCreate",
  "selfFill.open": "selfFillOpen",
  "selfFill.submit": "selfFillSubmit",
  "selfFill.revoke": "selfFillRevoke",
  "selfFill.reject": "selfFillReject",
};

/** The label key of an audit action ("record.update" → "update", "selfFill.open" → "selfFillOpen"), or null for an unknown one. */
export function historyActionKey(action: string): HistoryActionKey | null {
  if (Object.hasOwn(SELF_FILL, action)) return SELF_FILL[action];
  const key = action.startsWith("record.") ? action.slice("record.".length) : action;
  return (["create", "update", "delete", "restore", "reveal", "migrate", "reminder", "verify", "return", "transfer"] as const).find((k) => k === key) ?? null;
}

/** The label of an audit action from the dictionary's labels; unknown actions show as stored. */
export function historyActionLabel(action: string, labels: Record<HistoryActionKey, string>): string {
  const key = historyActionKey(action);
  return key ? labels[key] : action;
}

/** Badge tone per action, so that deletes stand out in the timeline. */
export function historyActionTone(action: string): "green" | "blue" | "red" | "violet" | "amber" | "neutral" {
  switch (historyActionKey(action)) {
    case "create":
      return "green";
    case "update":
      return "blue";
    case "delete":
      return "red";
    case "restore":
      return "violet";
    case "reveal":
    case "return":
    case "transfer":
      return "amber";
    case "reminder":
    case "verify":
      return "green";
    case "selfFillSubmit":
      return "blue";
    default:
      return "neutral";
  }
}
