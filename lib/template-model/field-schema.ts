import type { FieldKind } from "../schema/types";
import { compact, omitKeys } from "./json";
import { rangeKeywords, STRING_KINDS, type DesignerField } from "./model";

/**
 * The schema keywords a field's kind implies. Extras override these (a nullable `type`, say),
 * so that what the model cannot express survives.
 */
export function kindSchema(field: Pick<DesignerField, "kind" | "options">): Record<string, unknown> {
  const choices = field.options ? { enum: [...field.options] } : {};
  const byKind: Record<FieldKind, Record<string, unknown>> = {
    text: { type: "string" },
    textarea: { type: "string" },
    number: { type: "number" },
    money: { type: "number", "x-kind": "money" },
    percent: { type: "number", "x-kind": "percent" },
    integer: { type: "integer" },
    date: { type: "string", format: "date" },
    datetime: { type: "string", format: "date-time" },
    select: { type: "string", ...choices },
    multiselect: { type: "array", items: { type: "string", ...choices }, uniqueItems: true },
    boolean: { type: "boolean" },
    mobile: { type: "string", format: "cn-mobile" },
    phone: { type: "string", format: "cn-phone" },
    email: { type: "string", format: "email" },
    idNumber: { type: "string", format: "cn-resident-id" },
    address: { type: "string", "x-kind": "address" },
    section: { type: "object" },
    table: { type: "array" },
  };
  return { ...byKind[field.kind] };
}

/** Keywords that belong to the kind (extras win over them); all others the model's properties win. */
export const KIND_KEYWORDS = ["type", "format", "x-kind", "enum", "items", "uniqueItems"];

/** The schema keywords of a field's editable properties (label, rules, flags). */
export function propsSchema(field: DesignerField): Record<string, unknown> {
  const range = rangeKeywords(field.kind);
  const isString = STRING_KINDS.includes(field.kind);
  const bounds = range ? { [range[0]]: field.min, [range[1]]: field.max } : {};
  return compact({
    title: field.label === "" ? undefined : field.label,
    description: field.description,
    default: field.default,
    ...bounds,
    minLength: isString ? field.minLength : undefined,
    maxLength: isString ? field.maxLength : undefined,
    pattern: isString ? field.pattern : undefined,
    "x-unique": field.unique ? true : undefined,
    "x-importAliases": field.importAliases?.length ? field.importAliases : undefined,
    "x-rowKey": field.kind === "table" && field.rowKey?.length ? field.rowKey : undefined,
    "x-filterable": field.filterable ? true : undefined,
    "x-pii": field.pii,
    "x-visibleWhen": field.visibleWhen,
    "x-removed": field.removed ? true : undefined,
    "x-removedColumn": field.removedColumn,
  });
}

/** `x-messages`: the extras' messages plus the pattern message. */
function messages(field: DesignerField): Record<string, unknown> | undefined {
  const extra = field.extras.schema["x-messages"];
  const out = { ...(extra && typeof extra === "object" ? (extra as Record<string, unknown>) : {}) };
  if (field.patternMessage !== undefined && STRING_KINDS.includes(field.kind)) out.pattern = field.patternMessage;
  return Object.keys(out).length ? out : undefined;
}

/** A field's own schema node: kind, extras, properties (children and conditions are added by to-content). */
export function ownSchema(field: DesignerField): Record<string, unknown> {
  const extras = omitKeys(field.extras.schema, ["x-messages"]);
  return compact({ ...kindSchema(field), ...extras, ...propsSchema(field), "x-messages": messages(field) });
}

/** The same without extras: what the model alone would write (used to find what extras must keep). */
export function modelOnlySchema(field: DesignerField): Record<string, unknown> {
  const pattern = field.patternMessage !== undefined && STRING_KINDS.includes(field.kind) ? { pattern: field.patternMessage } : undefined;
  return compact({ ...kindSchema(field), ...propsSchema(field), "x-messages": pattern });
}

/** The uiSchema keywords of a field's editable properties. */
export function propsUi(field: DesignerField): Record<string, unknown> {
  let widget: string | undefined;
  if (field.kind === "textarea") widget = "textarea";
  else if (field.widget === "radio" && (field.kind === "select" || field.kind === "boolean")) widget = "radio";
  else if (field.widget === "checkboxes" && field.kind === "multiselect") widget = "checkboxes";
  return compact({ "ui:widget": widget, "ui:help": field.help, "ui:placeholder": field.placeholder });
}

/** A field's own uiSchema node (children are added by to-content). */
export function ownUi(field: DesignerField): Record<string, unknown> {
  return compact({ ...field.extras.ui, ...propsUi(field) });
}
