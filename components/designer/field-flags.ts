import type { DesignerField } from "@/lib/template-model/model";

/** A property worth seeing at a glance on the canvas. */
export type FieldFlag = "required" | "list" | "filter" | "unique" | "pii" | "conditional" | "removed";

/** The flags of a field, in the order the canvas shows them. */
export function fieldFlags(field: DesignerField): FieldFlag[] {
  const flags: FieldFlag[] = [];
  if (field.removed) flags.push("removed");
  if (field.required) flags.push("required");
  if (field.showInList) flags.push("list");
  if (field.filterable) flags.push("filter");
  if (field.unique) flags.push("unique");
  if (field.pii) flags.push("pii");
  if (field.visibleWhen) flags.push("conditional");
  return flags;
}
