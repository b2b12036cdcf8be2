import type { JsonSchema, ListSettings, TemplateContent, UiSchema } from "../schema/types";
import { attachConditions, buildThen, conditionPath, encodeIf, type ConditionTarget } from "./conditions";
import { ownSchema, ownUi } from "./field-schema";
import { compact, omitKeys } from "./json";
import { getField } from "./model-paths";
import type { DesignerField, DesignerModel, Extras } from "./model";

type Block = { placement: string; if: JsonSchema; targets: ConditionTarget[] };

/** Groups conditionally required fields by where their `if`/`then` goes and by condition, in field order. */
function collectBlocks(model: DesignerModel): Map<string, Block[]> {
  const blocks = new Map<string, Block>();
  const visit = (fields: DesignerField[], holder: string[], chain: ConditionTarget["chain"]) => {
    for (const f of fields) {
      if (f.required && f.visibleWhen) {
        const absolute = conditionPath(f.visibleWhen).absolute;
        const placement = absolute ? "" : holder.join(".");
        const cond = encodeIf(f.visibleWhen);
        const id = `${placement}|${JSON.stringify(cond)}`;
        let block = blocks.get(id);
        if (!block) blocks.set(id, (block = { placement, if: cond, targets: [] }));
        block.targets.push({ chain: absolute ? chain : [], key: f.key, isTable: f.kind === "table" });
      }
      if (f.children) visit(f.children, [...holder, f.key], [...chain, { key: f.key, isTable: f.kind === "table" }]);
    }
  };
  visit(model.sections, [], []);
  const byPlacement = new Map<string, Block[]>();
  for (const b of blocks.values()) byPlacement.set(b.placement, [...(byPlacement.get(b.placement) ?? []), b]);
  return byPlacement;
}

interface Built {
  properties: Record<string, JsonSchema>;
  required: string[];
  ui: UiSchema;
}

/** Builds the children of a holder (root, section or table row) into properties, required and uiSchema. */
function buildChildren(fields: DesignerField[], holder: string[], blocks: Map<string, Block[]>): Built {
  const out: Built = { properties: {}, required: [], ui: {} };
  for (const f of fields) {
    const { schema, ui } = buildField(f, [...holder, f.key], blocks);
    out.properties[f.key] = schema;
    if (f.required && !f.visibleWhen) out.required.push(f.key);
    if (Object.keys(ui).length) out.ui[f.key] = ui;
  }
  return out;
}

/** Writes a holder's children, required list, conditions and order onto its schema and ui nodes. */
function fillHolder(node: Record<string, unknown>, ui: UiSchema, fields: DesignerField[], path: string[], uiOrder: boolean | undefined, blocks: Map<string, Block[]>) {
  const built = buildChildren(fields, path, blocks);
  node.properties = built.properties;
  const leftovers = Array.isArray(node.required) ? (node.required as string[]) : [];
  const required = [...built.required, ...leftovers.filter((k) => !built.required.includes(k))];
  if (required.length) node.required = required;
  else delete node.required;
  const pairs = (blocks.get(path.join(".")) ?? []).map((b) => ({ if: b.if, then: buildThen(b.targets) }));
  attachConditions(node, pairs);
  Object.assign(ui, built.ui);
  if (uiOrder) ui["ui:order"] = fields.map((f) => f.key);
}

function buildField(field: DesignerField, path: string[], blocks: Map<string, Block[]>): { schema: JsonSchema; ui: UiSchema } {
  const schema = ownSchema(field) as JsonSchema;
  const ui = ownUi(field);
  if (field.kind === "section") {
    fillHolder(schema, ui, field.children ?? [], path, field.uiOrder, blocks);
  } else if (field.kind === "table") {
    const rowExtras: Extras = field.rowExtras ?? { schema: {}, ui: {} };
    const row: Record<string, unknown> = { type: "object", ...rowExtras.schema };
    const rowUi: UiSchema = { ...rowExtras.ui };
    fillHolder(row, rowUi, field.children ?? [], path, field.uiOrder, blocks);
    schema.items = row as JsonSchema;
    if (Object.keys(rowUi).length) ui.items = rowUi;
  }
  return { schema, ui };
}

/** Paths of the fields shown as list columns, in field order. */
function listedPaths(fields: DesignerField[], prefix = ""): string[] {
  return fields.flatMap((f) => {
    const path = prefix ? `${prefix}.${f.key}` : f.key;
    return [...(f.showInList ? [path] : []), ...listedPaths(f.children ?? [], path)];
  });
}

/** Compiles a designer model to the template content it describes (schema, uiSchema, list settings). */
export function toContent(model: DesignerModel): TemplateContent {
  const blocks = collectBlocks(model);
  const schema: Record<string, unknown> = compact({ type: "object", ...model.extras.schema, title: model.title });
  const uiSchema: UiSchema = { ...model.extras.ui };
  fillHolder(schema, uiSchema, model.sections, [], model.uiOrder, blocks);

  const listed = listedPaths(model.sections);
  const columns = model.list.columns.filter((c) => c.startsWith("@") || listed.includes(c));
  for (const p of listed) if (!columns.includes(p)) columns.push(p);
  const list = compact({
    ...omitKeys(model.list.extras, ["columns", "defaultSort", "titleField"]),
    columns,
    defaultSort: model.list.defaultSort,
    titleField: model.list.titleField,
  }) as unknown as ListSettings;

  const content: TemplateContent = { schema: schema as JsonSchema, uiSchema, list };
  // A field deleted from the draft leaves the critical list with it (like a list column).
  if (model.verification !== undefined) content.verification = { enabled: model.verification.enabled, critical: model.verification.critical.filter((p) => !!getField(model, p)) };
  // Sections deleted from the draft leave the self-fill choice with them.
  if (model.selfFill !== undefined) content.selfFill = { ...model.selfFill, sections: model.selfFill.sections.filter((p) => model.sections.some((s) => s.key === p)) };
  if (model.scopes !== undefined) content.scopes = { ...model.scopes };
  if (model.demo !== undefined) content.demo = model.demo;
  if (model.reminders !== undefined) content.reminders = model.reminders;
  return content;
}
