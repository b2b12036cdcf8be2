import { deriveKey, uniqueKey } from "@/lib/template-model/keys";
import { isContainer, type DesignerField, type DesignerModel, type FieldPath } from "@/lib/template-model/model";
import { childrenAt, getField, insertField, moveField, updateChildren, updateField } from "@/lib/template-model/model-paths";
import { createField } from "@/lib/template-model/new-field";
import { renameKey } from "@/lib/template-model/rename-key";
import type { FieldKind } from "@/lib/schema/types";

/**
 * Editor operations on the designer model that combine the lib helpers the way the canvas and the
 * properties panel need them: where a palette item lands, which containers may hold what, moves
 * across sections, and keys that follow the label until they are published.
 */

/** The path of the object holding a field ("" for the root). */
export function holderOf(path: FieldPath): FieldPath {
  return path.split(".").slice(0, -1).join(".");
}

/** The key (last segment) of a path. */
export function keyOf(path: FieldPath): string {
  return path.split(".").pop()!;
}

/** Joins a holder path and a key. */
export function joinPath(holder: FieldPath, key: string): FieldPath {
  return holder ? `${holder}.${key}` : key;
}

/**
 * Whether a holder may take a field of a kind: the root takes sections and tables, a section takes
 * value fields and tables, a table takes value fields except multiselects (records may not nest
 * arrays: FerretDB 1.x cannot query them).
 */
export function canHold(holder: DesignerField | null, kind: FieldKind): boolean {
  if (holder === null) return isContainer(kind);
  if (holder.kind === "section") return kind !== "section";
  if (holder.kind === "table") return !isContainer(kind) && kind !== "multiselect";
  return false;
}

/** The holder at a path as `canHold` wants it (null for the root); undefined when the path is no container. */
export function holderAt(model: DesignerModel, holderPath: FieldPath): DesignerField | null | undefined {
  if (holderPath === "") return null;
  const f = getField(model, holderPath);
  return f && isContainer(f.kind) ? f : undefined;
}

/** `base`, or `base2`, `base3`… — the first label not used by a sibling. */
export function nextLabel(siblings: DesignerField[], base: string): string {
  const used = new Set(siblings.map((f) => f.label));
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

/**
 * Where a palette item goes for the current selection: after the selected field when its holder
 * takes the kind, at the end of a selected container, else in the selection's section (or the
 * root for sections and tables); null when there is no section to put a value field in.
 */
export function insertionPoint(model: DesignerModel, selected: FieldPath | null, kind: FieldKind): { holderPath: FieldPath; index?: number } | null {
  let path = selected && getField(model, selected) ? selected : null;
  while (path !== null) {
    const field = getField(model, path)!;
    if (isContainer(field.kind) && canHold(field, kind)) return { holderPath: path };
    const holderPath = holderOf(path);
    const holder = holderAt(model, holderPath);
    if (holder !== undefined && canHold(holder, kind)) {
      const index = childrenAt(model, holderPath)!.findIndex((f) => f.key === keyOf(path!));
      return { holderPath, index: index + 1 };
    }
    path = holderPath === "" ? null : holderPath;
  }
  if (canHold(null, kind)) return { holderPath: "" };
  const section = model.sections.find((s) => s.kind === "section" && !s.removed);
  return section ? { holderPath: section.key } : null;
}

/** A new field from the palette with a label unique in its holder; tables start with one column. */
export function newField(model: DesignerModel, params: { kind: FieldKind; holderPath: FieldPath; label: string; columnLabel: string }): DesignerField {
  const siblings = childrenAt(model, params.holderPath) ?? [];
  const label = nextLabel(siblings, params.label);
  const field = createField({ kind: params.kind, label, siblingKeys: siblings.map((f) => f.key) });
  if (params.kind === "table") field.children = [createField({ kind: "text", label: params.columnLabel, siblingKeys: [] })];
  return field;
}

/**
 * Adds a palette item for the selection. With no section to hold a value field, a section is
 * created first. Returns the model and the new field's path.
 */
export function addFromPalette(
  model: DesignerModel,
  params: { kind: FieldKind; selected: FieldPath | null; label: string; sectionLabel: string; columnLabel: string },
): { model: DesignerModel; path: FieldPath } {
  let next = model;
  let point = insertionPoint(next, params.selected, params.kind);
  if (!point) {
    const section = newField(next, { kind: "section", holderPath: "", label: params.sectionLabel, columnLabel: params.columnLabel });
    next = insertField(next, "", section);
    point = { holderPath: section.key };
  }
  const field = newField(next, { kind: params.kind, holderPath: point.holderPath, label: params.label, columnLabel: params.columnLabel });
  return { model: insertField(next, point.holderPath, field, point.index), path: joinPath(point.holderPath, field.key) };
}

/** Moves a field one step up or down within its holder; null at either end. */
export function moveStep(model: DesignerModel, path: FieldPath, delta: -1 | 1): DesignerModel | null {
  const siblings = childrenAt(model, holderOf(path)) ?? [];
  const from = siblings.findIndex((f) => f.key === keyOf(path));
  const to = from + delta;
  if (from < 0 || to < 0 || to >= siblings.length) return null;
  return moveField(model, path, to);
}

/**
 * Moves a field into another holder at `index` (its end by default). The key is made unique
 * there, list columns follow the new path, and a field entering a table stops being a list
 * column or unique (rows cannot be). Only for fields not yet published: a published value lives
 * at its old path in stored records.
 */
export function moveAcross(model: DesignerModel, path: FieldPath, toHolder: FieldPath, index?: number): { model: DesignerModel; path: FieldPath } {
  const field = getField(model, path);
  const target = holderAt(model, toHolder);
  if (!field || target === undefined) return { model, path };
  if (holderOf(path) === toHolder) return { model: index === undefined ? model : moveField(model, path, index), path };
  const siblings = childrenAt(model, toHolder) ?? [];
  const key = uniqueKey(field.key, siblings.map((f) => f.key));
  const intoTable = target?.kind === "table";
  const moved: DesignerField = { ...field, key, ...(intoTable ? { showInList: false, unique: false } : {}) };
  let next = updateChildren(model, holderOf(path), (fields) => fields.filter((f) => f.key !== field.key));
  next = insertField(next, toHolder, moved, index);
  const newPath = joinPath(toHolder, key);
  const columns = next.list.columns
    .map((c) => (c === path ? newPath : c.startsWith(`${path}.`) ? newPath + c.slice(path.length) : c))
    .filter((c) => !(intoTable && (c === newPath || c.startsWith(`${newPath}.`))));
  return { model: { ...next, list: { ...next.list, columns } }, path: newPath };
}

/** Changes a field's key (references included); returns the new path. */
export function changeKey(model: DesignerModel, path: FieldPath, key: string): { model: DesignerModel; path: FieldPath } {
  if (keyOf(path) === key) return { model, path };
  return { model: renameKey(model, path, key), path: joinPath(holderOf(path), key) };
}

/**
 * Relabels a field. A field that was never published and still has the key its label gave it
 * gets the new label's key too (职业 → zhiye); published keys never change here.
 */
export function relabel(model: DesignerModel, path: FieldPath, label: string, published: boolean): { model: DesignerModel; path: FieldPath } {
  const field = getField(model, path);
  if (!field) return { model, path };
  const next = updateField(model, path, (f) => ({ ...f, label }));
  if (published) return { model: next, path };
  const siblingKeys = (childrenAt(model, holderOf(path)) ?? []).filter((f) => f.key !== field.key).map((f) => f.key);
  if (field.key !== deriveKey(field.label, siblingKeys)) return { model: next, path };
  return changeKey(next, path, deriveKey(label, siblingKeys));
}

/** The key a label would give a field among its siblings (for the key preview). */
export function derivedKeyFor(model: DesignerModel, path: FieldPath, label: string): string {
  const siblingKeys = (childrenAt(model, holderOf(path)) ?? []).filter((f) => f.key !== keyOf(path)).map((f) => f.key);
  return deriveKey(label, siblingKeys);
}
