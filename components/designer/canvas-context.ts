"use client";

import { createContext, useContext } from "react";
import type { DesignerProblem } from "@/lib/template-model/check-model";
import type { FieldPath } from "@/lib/template-model/model";
import type { DropTarget } from "./canvas-dnd";

/** What every row and card of the canvas needs: selection, problems, the drop hint and the row actions. */
export interface CanvasApi {
  selected: FieldPath | null;
  select: (path: FieldPath) => void;
  isPublished: (path: FieldPath) => boolean;
  /** The template has a published version (before that, every field is new and no badge says so). */
  hasPublished: boolean;
  problemsAt: (path: FieldPath) => DesignerProblem[];
  /** Where the current drag would land, drawn as a line. */
  hint: DropTarget | null;
  /** The id being dragged (its row is dimmed). */
  activeId: string | null;
  moveStep: (path: FieldPath, delta: -1 | 1) => void;
  remove: (path: FieldPath) => void;
  restore: (path: FieldPath) => void;
  requestDelete: (path: FieldPath) => void;
}

export const CanvasContext = createContext<CanvasApi | null>(null);

/** The canvas API of the enclosing design view. */
export function useCanvas(): CanvasApi {
  const api = useContext(CanvasContext);
  if (!api) throw new Error("useCanvas must be used inside the design view");
  return api;
}
