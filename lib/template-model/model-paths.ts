import type { VisibleWhen } from "../schema/types";
import { conditionPath } from "./conditions";
import { compact } from "./json";
import type { DesignerField, DesignerModel, FieldPath } from "./model";

/** Where a field sits: its dot path, the path of the object holding it, and its container. */
export interface FieldPlace {
  path: FieldPath;
  holderPath: FieldPath;
  parent?: DesignerField;
  /** Inside a table's rows (one value per row). */
  inTable: boolean;
  index: number;
}

/** Calls `fn` for every field, depth-first in display order. */
export function walkFields(model: DesignerModel, fn: (field: DesignerField, place: FieldPlace) => void): void {
  const visit = (fields: DesignerField[], holderPath: string, parent: DesignerField | undefined, inTable: boolean) => {
    fields.forEach((f, index) => {
      const path = holderPath ? `${holderPath}.${f.key}` : f.key;
      fn(f, { path, holderPath, parent, inTable, index });
      if (f.children) visit(f.children, path, f, inTable || f.kind === "table");
    });
  };
  visit(model.sections, "", undefined, false);
}

/** Every field with its place, in display order. */
export function allFields(model: DesignerModel): { field: DesignerField; place: FieldPlace }[] {
  const out: { field: DesignerField; place: FieldPlace }[] = [];
  walkFields(model, (field, place) => out.push({ field, place }));
  return out;
}

/** The field at a dot path, or undefined. */
export function getField(model: DesignerModel, path: FieldPath): DesignerField | undefined {
  let fields: DesignerField[] | undefined = model.sections;
  let found: DesignerField | undefined;
  for (const key of path.split(".")) {
    found = fields?.find((f) => f.key === key);
    if (!found) return undefined;
    fields = found.children;
  }
  return found;
}

/** The fields of the object at `holderPath` ("" for the root), or undefined when it holds none. */
export function childrenAt(model: DesignerModel, holderPath: FieldPath): DesignerField[] | undefined {
  return holderPath === "" ? model.sections : getField(model, holderPath)?.children;
}

const parentPath = (path: string) => path.split(".").slice(0, -1).join(".");

/** A copy of the model with the children of one holder replaced (other branches are shared). */
export function updateChildren(model: DesignerModel, holderPath: FieldPath, fn: (fields: DesignerField[]) => DesignerField[]): DesignerModel {
  if (holderPath === "") return { ...model, sections: fn(model.sections) };
  return updateField(model, holderPath, (f) => ({ ...f, children: fn(f.children ?? []) }));
}

/** A copy of the model with one field replaced by `fn(field)`; unknown paths leave it unchanged. */
export function updateField(model: DesignerModel, path: FieldPath, fn: (field: DesignerField) => DesignerField): DesignerModel {
  const key = path.split(".").pop()!;
  return updateChildren(model, parentPath(path), (fields) => fields.map((f) => (f.key === key ? fn(f) : f)));
}

/** Adds a field to a holder at `index` (the end by default). */
export function insertField(model: DesignerModel, holderPath: FieldPath, field: DesignerField, index?: number): DesignerModel {
  return updateChildren(model, holderPath, (fields) => {
    const out = [...fields];
    out.splice(index ?? out.length, 0, field);
    return out;
  });
}

/** Moves a field to another position within its holder (data keys do not change). */
export function moveField(model: DesignerModel, path: FieldPath, toIndex: number): DesignerModel {
  const key = path.split(".").pop()!;
  return updateChildren(model, parentPath(path), (fields) => {
    const from = fields.findIndex((f) => f.key === key);
    if (from < 0) return fields;
    const out = [...fields];
    const [moved] = out.splice(from, 1);
    out.splice(Math.max(0, Math.min(toIndex, out.length)), 0, moved);
    return out;
  });
}

/**
 * Hides a field: it stays in the schema (stored values remain valid and are never deleted) and
 * can be shown again. It stops being required and listed, which a hidden field cannot honour.
 */
export function removeField(model: DesignerModel, path: FieldPath): DesignerModel {
  // Every column this hides (the field's, or its children's for a section) remembers its place.
  const gone = (c: string) => c === path || c.startsWith(`${path}.`);
  const places = new Map(model.list.columns.map((c, i) => [c, i] as const).filter(([c]) => gone(c)));
  let next = updateField(model, path, (f) => ({ ...f, removed: true, required: false }));
  for (const [column, index] of places) next = updateField(next, column, (f) => ({ ...f, showInList: false, removedColumn: index }));
  return { ...next, list: { ...next.list, columns: next.list.columns.filter((c) => !gone(c)) } };
}

/** Shows a removed field again, back in the list columns it (or its children) had when hidden. */
export function restoreField(model: DesignerModel, path: FieldPath): DesignerModel {
  const returning: { path: FieldPath; index: number }[] = [];
  walkFields(model, (f, place) => {
    if (f.removedColumn !== undefined && (place.path === path || place.path.startsWith(`${path}.`))) returning.push({ path: place.path, index: f.removedColumn });
  });
  let next = updateField(model, path, (f) => ({ ...f, removed: false }));
  let columns = next.list.columns;
  for (const r of returning.sort((a, b) => a.index - b.index)) {
    next = updateField(next, r.path, (f) => compact({ ...f, showInList: true, removedColumn: undefined }));
    columns = insertColumn(columns, r.path, r.index);
  }
  return { ...next, list: { ...next.list, columns } };
}

/**
 * A list's columns with `column` added: at `at` when given, otherwise before the meta columns
 * (更新时间, 创建时间…) that end the list, so a new field column never lands after them.
 */
export function insertColumn(columns: string[], column: string, at?: number): string[] {
  const out = columns.filter((c) => c !== column);
  let tail = out.length;
  while (tail > 0 && out[tail - 1].startsWith("@")) tail--;
  out.splice(at === undefined ? tail : Math.min(at, out.length), 0, column);
  return out;
}

/**
 * Deletes a field outright. Only for fields that were never published (no record can hold a
 * value): save-draft refuses drafts that lose a published field.
 */
export function deleteField(model: DesignerModel, path: FieldPath): DesignerModel {
  const key = path.split(".").pop()!;
  let next = updateChildren(model, parentPath(path), (fields) => fields.filter((f) => f.key !== key));
  // A table's row key loses the deleted column (an empty key: rows matched whole again).
  const holder = parentPath(path) ? getField(next, parentPath(path)) : undefined;
  if (holder?.rowKey?.includes(key)) {
    const rowKey = holder.rowKey.filter((k) => k !== key);
    next = updateField(next, parentPath(path), (f) => ({ ...f, rowKey: rowKey.length ? rowKey : undefined }));
  }
  const gone = (c: string | undefined) => c !== undefined && (c === path || c.startsWith(`${path}.`));
  const { titleField, defaultSort } = next.list;
  return {
    ...next,
    list: {
      ...next.list,
      columns: next.list.columns.filter((c) => !gone(c)),
      // A title or sort on a deleted field would make the draft invalid; fall back to the defaults.
      titleField: gone(titleField) ? undefined : titleField,
      defaultSort: gone(defaultSort?.field) ? { field: "@updatedAt", dir: "desc" } : defaultSort,
    },
  };
}

/** Shows or hides a field as a list column (a new column goes before the trailing meta columns). */
export function setShowInList(model: DesignerModel, path: FieldPath, show: boolean): DesignerModel {
  const next = updateField(model, path, (f) => ({ ...f, showInList: show }));
  const columns = show ? insertColumn(next.list.columns, path) : next.list.columns.filter((c) => c !== path);
  return { ...next, list: { ...next.list, columns } };
}

/** The dot path of the field a visibility rule refers to, seen from the object at `holderPath`. */
export function visibleWhenTarget(holderPath: FieldPath, rule: VisibleWhen): FieldPath {
  const { absolute, segments } = conditionPath(rule);
  if (absolute || holderPath === "") return segments.join(".");
  return `${holderPath}.${segments.join(".")}`;
}
