import { fieldKind, orderedKeys } from "../schema/fields";
import type { JsonSchema, PiiKind, TemplateContent, UiSchema, VisibleWhen } from "../schema/types";
import { modelOnlySchema, propsUi } from "./field-schema";
import { compact, deepEqual, isPlainObject, omitKeys } from "./json";
import { CHOICE_KINDS, rangeKeywords, STRING_KINDS, type DesignerField, type DesignerModel, type Extras, type FieldWidget } from "./model";
import { consumeConditions } from "./parse-conditions";

const PII: PiiKind[] = ["idNumber", "phone", "email", "name", "address", "text"];
const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (isPlainObject(v) ? v : {});

function widgetOf(kind: DesignerField["kind"], ui: UiSchema): FieldWidget | undefined {
  const w = ui["ui:widget"];
  if (kind === "select") return w === "radio" ? "radio" : "dropdown";
  if (kind === "multiselect") return w === "checkboxes" ? "checkboxes" : "dropdown";
  if (kind === "boolean") return w === "radio" ? "radio" : "checkbox";
  return undefined;
}

function optionsOf(kind: DesignerField["kind"], node: JsonSchema): string[] | undefined {
  if (!CHOICE_KINDS.includes(kind)) return undefined;
  const values = kind === "multiselect" ? node.items?.enum : node.enum;
  return Array.isArray(values) && values.every((v) => typeof v === "string") ? [...(values as string[])] : undefined;
}

/** The model's properties of a field, read from its schema and uiSchema nodes. */
function readProps(key: string, node: JsonSchema, ui: UiSchema): DesignerField {
  const kind = fieldKind(node, ui);
  const range = rangeKeywords(kind);
  const isString = STRING_KINDS.includes(kind);
  const messages = obj(node["x-messages"]);
  const field: DesignerField = compact({
    key,
    label: str(node.title) ?? "",
    kind,
    widget: widgetOf(kind, ui),
    description: str(node.description),
    help: str(ui["ui:help"]),
    placeholder: str(ui["ui:placeholder"]),
    default: node.default,
    required: false,
    min: range ? num(node[range[0]]) : undefined,
    max: range ? num(node[range[1]]) : undefined,
    minLength: isString ? num(node.minLength) : undefined,
    maxLength: isString ? num(node.maxLength) : undefined,
    pattern: isString ? str(node.pattern) : undefined,
    patternMessage: isString ? str(messages.pattern) : undefined,
    options: optionsOf(kind, node),
    unique: node["x-unique"] === true,
    importAliases: Array.isArray(node["x-importAliases"]) && node["x-importAliases"].every((a) => typeof a === "string") ? [...(node["x-importAliases"] as string[])] : undefined,
    rowKey: kind === "table" && Array.isArray(node["x-rowKey"]) && node["x-rowKey"].length && node["x-rowKey"].every((k) => typeof k === "string") ? [...(node["x-rowKey"] as string[])] : undefined,
    showInList: false,
    filterable: node["x-filterable"] === true,
    pii: PII.includes(node["x-pii"] as PiiKind) ? node["x-pii"] : undefined,
    visibleWhen: isPlainObject(node["x-visibleWhen"]) ? (node["x-visibleWhen"] as VisibleWhen) : undefined,
    removed: node["x-removed"] === true,
    removedColumn: Number.isInteger(node["x-removedColumn"]) ? (node["x-removedColumn"] as number) : undefined,
    extras: { schema: {}, ui: {} },
  });
  // A multiselect's `items` is kept whole when it says more than the choices.
  if (kind === "multiselect" && field.options && !deepEqual(node.items, { type: "string", enum: field.options })) delete field.options;
  return field;
}

/** Keywords of `node` that the model would not write back identically. */
function leftovers(node: Record<string, unknown>, generated: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "x-messages" && isPlainObject(v) && isPlainObject(generated[k])) {
      const rest = omitKeys(v, Object.keys(generated[k] as object).filter((m) => deepEqual(v[m], (generated[k] as Record<string, unknown>)[m])));
      if (Object.keys(rest).length) out[k] = rest;
      continue;
    }
    if (!deepEqual(generated[k], v)) out[k] = v;
  }
  return out;
}

interface Holder {
  children: DesignerField[];
  uiOrder: boolean;
  extras: Extras;
}

/** Reads an object node (root, section, table row): its fields, required lists and conditions. */
function readHolder(node: JsonSchema, ui: UiSchema, isRoot: boolean): Holder {
  const props = obj(node.properties) as Record<string, JsonSchema>;
  const keys = orderedKeys({ properties: props }, ui);
  const children = keys.map((k) => readField(k, props[k], obj(ui[k])));
  const extraRequired: unknown[] = [];
  for (const k of Array.isArray(node.required) ? node.required : []) {
    const child = children.find((c) => c.key === k);
    if (child && !child.visibleWhen) child.required = true;
    else extraRequired.push(k);
  }
  const rest = omitKeys(node, ["properties", "required"]);
  if (extraRequired.length) rest.required = extraRequired;
  const schemaExtras = consumeConditions(rest, children, isRoot);
  const uiExtras = omitKeys(ui, [...keys, "ui:order"]);
  return { children, uiOrder: Array.isArray(ui["ui:order"]), extras: { schema: schemaExtras, ui: uiExtras } };
}

/** Reads one field (and, for sections and tables, everything inside it). */
function readField(key: string, raw: JsonSchema, ui: UiSchema): DesignerField {
  const node = obj(raw) as JsonSchema;
  const field = readProps(key, node, ui);
  const generated = modelOnlySchema(field);
  const generatedUi = propsUi(field);
  if (field.kind === "section") {
    const h = readHolder(node, ui, false);
    field.children = h.children;
    field.uiOrder = h.uiOrder;
    field.extras = { schema: leftovers(h.extras.schema, generated), ui: leftovers(h.extras.ui, generatedUi) };
  } else if (field.kind === "table") {
    const row = obj(node.items) as JsonSchema;
    const h = readHolder(row, obj(ui.items), false);
    field.children = h.children;
    field.uiOrder = h.uiOrder;
    field.rowExtras = { schema: leftovers(h.extras.schema, { type: "object" }), ui: h.extras.ui };
    field.extras = { schema: leftovers(omitKeys(node, ["items"]), generated), ui: leftovers(omitKeys(ui, ["items"]), generatedUi) };
  } else {
    field.extras = { schema: leftovers(node, generated), ui: leftovers(ui, generatedUi) };
  }
  return field;
}

function markListed(fields: DesignerField[], columns: string[], prefix = ""): void {
  for (const f of fields) {
    const path = prefix ? `${prefix}.${f.key}` : f.key;
    if (columns.includes(path)) f.showInList = true;
    if (f.children) markListed(f.children, columns, path);
  }
}

/** Reads template content into a designer model; toContent gives the same content back. */
export function fromContent(content: TemplateContent): DesignerModel {
  const schema = obj(content.schema) as JsonSchema;
  const root = readHolder(schema, obj(content.uiSchema), true);
  const title = str(schema.title);
  const rootExtras = { schema: leftovers(root.extras.schema, compact({ type: "object", title })), ui: root.extras.ui };
  const list = obj(content.list);
  const columns = Array.isArray(list.columns) ? list.columns.filter((c): c is string => typeof c === "string") : [];
  markListed(root.children, columns);
  const sort = list.defaultSort as DesignerModel["list"]["defaultSort"];
  return compact({
    title,
    sections: root.children,
    uiOrder: root.uiOrder,
    extras: rootExtras,
    list: compact({
      columns: [...columns],
      defaultSort: isPlainObject(sort) ? { ...sort } : undefined,
      titleField: str(list.titleField),
      extras: omitKeys(list, ["columns", "defaultSort", "titleField"]),
    }),
    verification: isPlainObject(content.verification) ? { enabled: content.verification.enabled === true, critical: Array.isArray(content.verification.critical) ? [...content.verification.critical] : [] } : undefined,
    selfFill: isPlainObject(content.selfFill)
      ? { sections: Array.isArray(content.selfFill.sections) ? [...content.selfFill.sections] : [], consent: content.selfFill.consent !== false, notice: typeof content.selfFill.notice === "string" ? content.selfFill.notice : "" }
      : undefined,
    scopes: isPlainObject(content.scopes) ? { ...content.scopes } : undefined,
    demo: content.demo,
    reminders: content.reminders,
  });
}
