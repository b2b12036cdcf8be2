import type { FieldKind } from "../schema/types";
import { KIND_KEYWORDS } from "./field-schema";
import { omitKeys } from "./json";
import { CHOICE_KINDS, isContainer, NUMBER_KINDS, rangeKeywords, STRING_KINDS, WIDGETS, type DesignerField } from "./model";

/**
 * The field as another kind: keeps label, help, flags and condition; drops what the new kind
 * cannot hold (choices, ranges, lengths, pattern, a default of the wrong type) and the kind
 * keywords kept in extras, which would otherwise override the new kind.
 */
export function changeKind(field: DesignerField, kind: FieldKind): DesignerField {
  if (field.kind === kind) return field;
  const next: DesignerField = {
    ...field,
    kind,
    extras: { schema: omitKeys(field.extras.schema, KIND_KEYWORDS), ui: omitKeys(field.extras.ui, ["ui:widget"]) },
  };
  delete next.widget;
  const widgets = WIDGETS[kind];
  if (widgets) next.widget = widgets[0];
  if (!CHOICE_KINDS.includes(kind)) delete next.options;
  else next.options ??= ["选项1", "选项2"];
  const sameRange = JSON.stringify(rangeKeywords(kind)) === JSON.stringify(rangeKeywords(field.kind));
  if (!sameRange) {
    delete next.min;
    delete next.max;
  }
  if (!STRING_KINDS.includes(kind)) {
    delete next.minLength;
    delete next.maxLength;
    delete next.pattern;
    delete next.patternMessage;
  }
  const wasNumber = NUMBER_KINDS.includes(field.kind);
  const isNumber = NUMBER_KINDS.includes(kind);
  if (wasNumber !== isNumber || STRING_KINDS.includes(field.kind) !== STRING_KINDS.includes(kind) || CHOICE_KINDS.includes(kind)) delete next.default;
  if (isContainer(kind)) {
    next.children = field.children ?? [];
    next.uiOrder ??= true;
    if (kind === "table") next.rowExtras ??= { schema: { additionalProperties: false }, ui: {} };
    else delete next.rowExtras;
  } else {
    delete next.children;
    delete next.uiOrder;
    delete next.rowExtras;
  }
  return next;
}
