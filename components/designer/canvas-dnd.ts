import { isContainer, type DesignerModel, type FieldPath } from "@/lib/template-model/model";
import { childrenAt, getField, moveField } from "@/lib/template-model/model-paths";
import type { FieldKind } from "@/lib/schema/types";
import { canHold, holderAt, holderOf, keyOf, moveAcross } from "./designer-ops";

/**
 * Drag and drop on the canvas, as pure functions of the model: ids of draggables and drop zones,
 * where a drop lands (climbing out of containers that cannot take the dragged kind), and the move
 * it makes. The React side (design-view.tsx) only translates dnd-kit events into these.
 */

/** What a dnd-kit id stands for: a field row or card, a container's drop zone, or a palette item. */
export type DragRef = { type: "field"; path: FieldPath } | { type: "zone"; path: FieldPath } | { type: "palette"; kind: FieldKind };

/** The dnd-kit id of a ref. */
export function dragId(ref: DragRef): string {
  return ref.type === "palette" ? `palette:${ref.kind}` : `${ref.type}:${ref.path}`;
}

/** The ref behind a dnd-kit id. */
export function parseDragId(id: string | number): DragRef | null {
  const s = String(id);
  const at = s.indexOf(":");
  const type = s.slice(0, at);
  const rest = s.slice(at + 1);
  if (type === "field" || type === "zone") return { type, path: rest };
  if (type === "palette") return { type, kind: rest as FieldKind };
  return null;
}

/** Where a drop lands: the holder and the position among its children before the move. */
export interface DropTarget {
  holderPath: FieldPath;
  /** Insert before the child at this index (children.length = at the end). */
  index: number;
}

const indexIn = (model: DesignerModel, path: FieldPath) => (childrenAt(model, holderOf(path)) ?? []).findIndex((f) => f.key === keyOf(path));

/**
 * The holder and position for dropping a field of `kind` on `over`: before or after a field, or at
 * the end of a zone. A holder that cannot take the kind hands the drop to its own holder, next
 * to itself (a section dropped on a row lands after that row's section).
 */
export function resolveDrop(model: DesignerModel, kind: FieldKind, over: { type: "field" | "zone"; path: FieldPath; after?: boolean }): DropTarget | null {
  let holderPath: FieldPath;
  let index: number;
  if (over.type === "zone") {
    holderPath = over.path;
    index = (childrenAt(model, holderPath) ?? []).length;
  } else {
    const at = indexIn(model, over.path);
    if (at < 0) return null;
    holderPath = holderOf(over.path);
    index = at + (over.after ? 1 : 0);
  }
  for (;;) {
    const holder = holderAt(model, holderPath);
    if (holder !== undefined && canHold(holder, kind)) return { holderPath, index };
    if (holderPath === "") return null;
    index = indexIn(model, holderPath) + 1;
    holderPath = holderOf(holderPath);
  }
}

/** Why a move is refused, if it is. */
export type MoveRefusal = "published" | "intoItself";

/**
 * Moves the field at `path` to a drop target. Within its holder it is a reorder; into another
 * holder it is refused for published fields (their stored values live at the old path) and for
 * drops into the field itself.
 */
export function applyDrop(model: DesignerModel, path: FieldPath, target: DropTarget, isPublished: (path: FieldPath) => boolean): { model: DesignerModel; path: FieldPath } | { refused: MoveRefusal } {
  if (target.holderPath === path || target.holderPath.startsWith(`${path}.`)) return { refused: "intoItself" };
  if (holderOf(path) === target.holderPath) {
    const from = indexIn(model, path);
    const to = target.index > from ? target.index - 1 : target.index;
    return { model: to === from ? model : moveField(model, path, to), path };
  }
  if (isPublished(path)) return { refused: "published" };
  return moveAcross(model, path, target.holderPath, target.index);
}

/**
 * Which drop zones and rows a drag may use: cards at the root move among root cards; everything
 * else moves among rows and zones inside containers.
 */
export function dragLevel(model: DesignerModel, ref: DragRef): "root" | "inner" {
  if (ref.type === "palette") return ref.kind === "section" ? "root" : "inner";
  if (ref.type === "zone") return ref.path === "" ? "root" : "inner";
  return holderOf(ref.path) === "" ? "root" : "inner";
}

/** The kind being dragged. */
export function dragKind(model: DesignerModel, ref: DragRef): FieldKind | undefined {
  if (ref.type === "palette") return ref.kind;
  if (ref.type === "field") return getField(model, ref.path)?.kind;
  return undefined;
}

/** True when the field is a container whose children form their own sortable list. */
export function hasZone(model: DesignerModel, path: FieldPath): boolean {
  const f = getField(model, path);
  return !!f && isContainer(f.kind);
}
