import type { FieldKind } from "../schema/types";
import { deriveKey } from "./keys";
import { CHOICE_KINDS, isContainer, WIDGETS, type DesignerField, type DesignerModel } from "./model";

/**
 * A new field from the palette: its key derived once from the label (unique among `siblingKeys`),
 * choices and widgets preset, sections and tables closed to unknown keys like the shipped ones.
 */
export function createField(params: { kind: FieldKind; label: string; siblingKeys: Iterable<string>; key?: string }): DesignerField {
  const { kind, label } = params;
  const field: DesignerField = {
    key: params.key ?? deriveKey(label, params.siblingKeys),
    label,
    kind,
    required: false,
    unique: false,
    showInList: false,
    filterable: false,
    removed: false,
    extras: { schema: {}, ui: {} },
  };
  const widgets = WIDGETS[kind];
  if (widgets) field.widget = widgets[0];
  if (CHOICE_KINDS.includes(kind)) field.options = ["选项1", "选项2"];
  if (isContainer(kind)) {
    field.children = [];
    field.uiOrder = true;
  }
  if (kind === "section") field.extras.schema.additionalProperties = false;
  if (kind === "table") field.rowExtras = { schema: { additionalProperties: false }, ui: {} };
  return field;
}

/** An empty template: draft-07, closed to unknown keys, listed by last update. */
export function blankModel(title: string): DesignerModel {
  return {
    title,
    sections: [],
    uiOrder: true,
    extras: { schema: { $schema: "http://json-schema.org/draft-07/schema#", additionalProperties: false }, ui: {} },
    list: { columns: ["@updatedAt"], defaultSort: { field: "@updatedAt", dir: "desc" }, extras: {} },
  };
}
