import { getField, visibleWhenTarget, walkFields } from "./model-paths";
import type { DesignerModel, FieldPath } from "./model";

/** What stops working, or changes, when a field (or a whole section) is removed. */
export type DependentKind = "required" | "title" | "column" | "sort" | "condition";

export interface Dependent {
  kind: DependentKind;
  /** The field concerned: the required field, the title, the column, or the field whose condition breaks. */
  path: FieldPath;
  /** Its labels from the root ("客户基础信息 › 客户姓名"). */
  label: string;
}

const within = (path: FieldPath, root: FieldPath) => path === root || path.startsWith(`${root}.`);

/** "客户基础信息 › 客户姓名": the labels along a path (keys where a label is empty). */
export function labelPath(model: DesignerModel, path: FieldPath): string {
  const segs = path.split(".");
  return segs.map((seg, i) => getField(model, segs.slice(0, i + 1).join("."))?.label || seg).join(" › ");
}

/**
 * Everything that depends on the field at `root` or on anything inside it, in form order: required
 * fields (no longer required once hidden), the record title, list columns, the default sort, and
 * the display conditions of other fields that read a value from inside it. Empty when removing it
 * touches nothing else, so the designer removes at once and asks only when something depends on it.
 */
export function dependentsOf(model: DesignerModel, root: FieldPath): Dependent[] {
  const out: Dependent[] = [];
  const add = (kind: DependentKind, path: FieldPath) => out.push({ kind, path, label: labelPath(model, path) });
  const { titleField, defaultSort, columns } = model.list;
  walkFields(model, (field, place) => {
    const inside = within(place.path, root);
    if (inside && field.required && !field.removed) add("required", place.path);
    if (!inside && field.visibleWhen && !field.removed && within(visibleWhenTarget(place.holderPath, field.visibleWhen), root)) add("condition", place.path);
  });
  if (titleField && within(titleField, root)) add("title", titleField);
  for (const c of columns) if (within(c, root)) add("column", c);
  if (defaultSort && within(defaultSort.field, root)) add("sort", defaultSort.field);
  return out;
}

/**
 * True when the field at `path` or a section holding it is hidden: such a field cannot name
 * records, be listed or sorted by.
 */
export function isHidden(model: DesignerModel, path: FieldPath): boolean {
  const segs = path.split(".");
  return segs.some((_, i) => getField(model, segs.slice(0, i + 1).join("."))?.removed === true);
}
