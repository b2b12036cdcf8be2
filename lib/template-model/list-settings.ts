import { META_COLUMNS } from "../schema/meta-columns";
import { isContainer, type DesignerField, type DesignerModel, type FieldPath } from "./model";
import { allFields, setShowInList } from "./model-paths";

/** Meta columns an administrator may show in the list. */
export const LIST_META_COLUMNS = ["@updatedAt", "@createdAt", "@owner", "@verification"] as const;

/** Kinds whose value names a record well enough to be its title. */
const TITLE_KINDS = new Set(["text", "textarea", "select", "mobile", "phone", "email", "idNumber", "address", "date", "datetime", "number", "integer", "money", "percent"]);

/** A field that can be a record's title or the list's default sort: one value per record, shown. */
function isScalar(field: DesignerField, inTable: boolean): boolean {
  return !isContainer(field.kind) && !inTable && !field.removed && TITLE_KINDS.has(field.kind);
}

/** Fields that can name a record (its title in the detail page, links, history), in form order. */
export function titleCandidates(model: DesignerModel): { path: FieldPath; field: DesignerField }[] {
  return allFields(model)
    .filter((e) => isScalar(e.field, e.place.inTable))
    .map((e) => ({ path: e.place.path, field: e.field }));
}

/** Fields the list can be sorted by by default (meta columns are always possible). */
export const sortCandidates = titleCandidates;

/** Sets (or clears) the field whose value is a record's title. */
export function setTitleField(model: DesignerModel, path: FieldPath | undefined): DesignerModel {
  return { ...model, list: { ...model.list, titleField: path || undefined } };
}

/** Sets the list's default sort. */
export function setDefaultSort(model: DesignerModel, sort: { field: string; dir: "asc" | "desc" } | undefined): DesignerModel {
  return { ...model, list: { ...model.list, defaultSort: sort } };
}

/** Moves a list column one place up (-1) or down (+1); out-of-range moves change nothing. */
export function moveColumn(model: DesignerModel, index: number, delta: -1 | 1): DesignerModel {
  const columns = [...model.list.columns];
  const to = index + delta;
  if (index < 0 || index >= columns.length || to < 0 || to >= columns.length) return model;
  [columns[index], columns[to]] = [columns[to], columns[index]];
  return { ...model, list: { ...model.list, columns } };
}

/** Shows or hides a list column: a meta column ("@createdAt"…) directly, a field through its `showInList`. */
export function setColumn(model: DesignerModel, column: string, show: boolean): DesignerModel {
  if (!META_COLUMNS.includes(column)) return setShowInList(model, column, show);
  const columns = model.list.columns.filter((c) => c !== column);
  return { ...model, list: { ...model.list, columns: show ? [...columns, column] : columns } };
}

/**
 * The first single-line text field as the record title when the template has none yet: a new
 * template would otherwise name every record "记录" (and list failing records by id). Only fills
 * a gap — a title chosen in the settings is never replaced.
 */
export function withDefaultTitle(model: DesignerModel): DesignerModel {
  if (model.list.titleField) return model;
  const first = titleCandidates(model).find((c) => c.field.kind === "text");
  return first ? setTitleField(model, first.path) : model;
}
