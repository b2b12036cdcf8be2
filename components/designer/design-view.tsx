"use client";

import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragMoveEvent,
} from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { useMemo, useRef, useState, type ReactNode } from "react";
import type { DesignerProblem } from "@/lib/template-model/check-model";
import type { DesignerModel, FieldPath } from "@/lib/template-model/model";
import { withDefaultTitle } from "@/lib/template-model/list-settings";
import { getField, insertField } from "@/lib/template-model/model-paths";
import { fmt } from "@/lib/i18n/dictionaries";
import type { FieldKind } from "@/lib/schema/types";
import { useI18n } from "../i18n-provider";
import { Alert } from "../ui/alert";
import { useToast } from "../ui/toast";
import { applyDrop, dragKind, dragLevel, parseDragId, resolveDrop, type DragRef, type DropTarget } from "./canvas-dnd";
import { CanvasContext, type CanvasApi } from "./canvas-context";
import { ChildList } from "./canvas-item";
import { joinPath, newField } from "./designer-ops";
import { FieldPalette } from "./field-palette";
import { KindIcon } from "./kind-icon";

/** The id of the template's own problems above the canvas (a problem without a field jumps there). */
export const TEMPLATE_PROBLEMS_ID = "designer-template-problems";

/** Where the pointer or keyboard drag is, as a drop target (before or after the row it is over). */
function targetOf(model: DesignerModel, active: DragRef, e: DragMoveEvent): DropTarget | null {
  const over = e.over ? parseDragId(e.over.id) : null;
  const kind = dragKind(model, active);
  if (!over || over.type === "palette" || !kind) return null;
  if (over.type === "zone") return resolveDrop(model, kind, over);
  const rect = e.active.rect.current.translated;
  const after = rect ? rect.top + rect.height / 2 > e.over!.rect.top + e.over!.rect.height / 2 : false;
  return resolveDrop(model, kind, { type: "field", path: over.path, after });
}

/**
 * The 设计 tab's canvas with drag and drop: the palette, the sections as cards, and whatever the
 * caller puts beside them (properties, a side preview). Drops are resolved by canvas-dnd.ts.
 */
export function DesignView({
  model,
  onChange,
  api,
  onAddKind,
  problems,
  side,
}: {
  model: DesignerModel;
  onChange: (model: DesignerModel, select?: FieldPath | null) => void;
  api: Omit<CanvasApi, "hint" | "activeId" | "problemsAt">;
  onAddKind: (kind: FieldKind) => void;
  problems: DesignerProblem[];
  side: ReactNode;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const d = t.designer.canvas;
  const [active, setActive] = useState<{ id: string; ref: DragRef } | null>(null);
  const [hint, setHint] = useState<DropTarget | null>(null);
  const hintRef = useRef<DropTarget | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const labelOf = (ref: DragRef | null) =>
    !ref ? "" : ref.type === "palette" ? t.designer.kinds[ref.kind] : ref.type === "field" ? (getField(model, ref.path)?.label ?? ref.path) : "";

  // Root cards move among root cards; everything else among rows and zones. Over nested
  // droppables the smallest (innermost) wins; zones of non-empty lists only for the pointer.
  const collision: CollisionDetection = (args) => {
    const level = active ? dragLevel(model, active.ref) : "inner";
    const candidates = args.droppableContainers.filter((c) => c.data.current?.level === level);
    const within = pointerWithin({ ...args, droppableContainers: candidates });
    if (within.length) {
      const area = (id: string | number) => {
        const r = args.droppableRects.get(id);
        return r ? r.width * r.height : Infinity;
      };
      return [...within].sort((a, b) => area(a.id) - area(b.id)).slice(0, 1);
    }
    return closestCenter({ ...args, droppableContainers: candidates.filter((c) => parseDragId(c.id)?.type !== "zone" || c.data.current?.empty) });
  };

  const onMove = (e: DragMoveEvent) => {
    if (!active) return;
    const next = targetOf(model, active.ref, e);
    if (JSON.stringify(next) !== JSON.stringify(hintRef.current)) {
      hintRef.current = next;
      setHint(next);
    }
  };

  const finish = (drop: boolean) => {
    const target = hintRef.current;
    const ref = active?.ref;
    setActive(null);
    setHint(null);
    hintRef.current = null;
    if (!drop || !ref) return;
    const kind = dragKind(model, ref);
    if (!target) {
      if (kind) toast(fmt(d.noSpot, { kind: t.designer.kinds[kind] }), "info");
      return;
    }
    if (ref.type === "palette") {
      const field = newField(model, { kind: ref.kind, holderPath: target.holderPath, label: t.designer.kinds[ref.kind], columnLabel: t.designer.palette.firstColumn });
      onChange(withDefaultTitle(insertField(model, target.holderPath, field, target.index)), joinPath(target.holderPath, field.key));
      return;
    }
    if (ref.type !== "field") return;
    const result = applyDrop(model, ref.path, target, api.isPublished);
    if ("refused" in result) {
      const label = labelOf(ref);
      toast(result.refused === "published" ? fmt(d.refusedPublished, { label }) : d.refusedInto, "error");
      return;
    }
    if (result.model !== model) onChange(result.model, result.path);
  };

  const announce = (key: "picked" | "dropped" | "cancelled", id: string | number) => fmt(d.dnd[key], { label: labelOf(parseDragId(id)) });
  const announcements: Announcements = {
    onDragStart: ({ active: a }) => announce("picked", a.id),
    onDragOver: ({ active: a, over }) => {
      const o = over ? parseDragId(over.id) : null;
      if (!o || o.type !== "field") return fmt(d.dnd.outside, { label: labelOf(parseDragId(a.id)) });
      return fmt(d.dnd.over, { label: labelOf(parseDragId(a.id)), target: labelOf(o) });
    },
    onDragEnd: ({ active: a }) => announce("dropped", a.id),
    onDragCancel: ({ active: a }) => announce("cancelled", a.id),
  };

  const problemMap = useMemo(() => {
    const map = new Map<string, DesignerProblem[]>();
    for (const p of problems) map.set(p.path, [...(map.get(p.path) ?? []), p]);
    return map;
  }, [problems]);
  // Problems of the template itself (no fields yet, list settings…) belong above the canvas.
  const own = problemMap.get("") ?? [];
  const canvasApi: CanvasApi = { ...api, problemsAt: (p) => problemMap.get(p) ?? [], hint, activeId: active?.id ?? null };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      accessibility={{ announcements, screenReaderInstructions: { draggable: d.dnd.instructions } }}
      onDragStart={(e) => {
        const ref = parseDragId(e.active.id);
        if (ref) setActive({ id: String(e.active.id), ref });
      }}
      onDragMove={onMove}
      onDragOver={onMove as never}
      onDragEnd={() => finish(true)}
      onDragCancel={() => finish(false)}
    >
      <CanvasContext.Provider value={canvasApi}>
        <div className="@container">
        <div className="flex flex-col gap-5 @2xl:grid @2xl:grid-cols-[minmax(0,1fr)_18rem] @2xl:items-start @4xl:grid-cols-[9.5rem_minmax(0,1fr)_19rem] @7xl:grid-cols-[10rem_minmax(0,1fr)_21rem]">
          <div className="@2xl:col-span-2 @4xl:sticky @4xl:top-18 @4xl:col-span-1 @4xl:self-start">
            <FieldPalette onAdd={onAddKind} />
          </div>
          <section aria-label={d.label} className="flex min-w-0 flex-col gap-3">
            {own.length > 0 && (
              <div id={TEMPLATE_PROBLEMS_ID} tabIndex={-1} className="rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
                <Alert tone={own.every((p) => p.publishOnly) ? "warning" : "error"} title={own.every((p) => p.publishOnly) ? t.designer.publishOnlyTitle : undefined}>
                  {own.map((p, i) => (
                    <p key={i}>{p.message}</p>
                  ))}
                </Alert>
              </div>
            )}
            <ChildList holderPath="" fields={model.sections} depth={0} emptyText={d.emptyTemplate} />
          </section>
          {side}
        </div>
        </div>
      </CanvasContext.Provider>
      <DragOverlay dropAnimation={null}>
        {active ? (
          <div className="inline-flex items-center gap-2 rounded-md border border-blue-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-lg">
            {dragKind(model, active.ref) && <KindIcon kind={dragKind(model, active.ref)!} className="size-4 text-blue-600" />}
            {labelOf(active.ref)}
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
