"use client";

import { useDroppable } from "@dnd-kit/core";
import { SortableContext, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import type { KeyboardEvent } from "react";
import { isContainer, type DesignerField, type FieldPath } from "@/lib/template-model/model";
import { fmt } from "@/lib/i18n/dictionaries";
import { useI18n } from "../i18n-provider";
import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";
import { dragId } from "./canvas-dnd";
import { useCanvas } from "./canvas-context";
import { joinPath } from "./designer-ops";
import { fieldFlags, type FieldFlag } from "./field-flags";
import { KindIcon } from "./kind-icon";

const FLAG_TONES: Record<FieldFlag, "red" | "blue" | "violet" | "amber" | "green" | "neutral"> = {
  required: "red",
  list: "blue",
  filter: "violet",
  unique: "amber",
  pii: "green",
  conditional: "neutral",
  removed: "neutral",
};

function IconButton({ label, onClick, disabled, children, danger }: { label: string; onClick: () => void; disabled?: boolean; children: React.ReactNode; danger?: boolean }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className={cn(
        "flex size-7 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-30 disabled:hover:bg-transparent",
        danger && "hover:bg-red-50 hover:text-red-700",
      )}
    >
      {children}
    </button>
  );
}

const icon = (d: string) => (
  <svg viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d={d} />
  </svg>
);

/** The drop line drawn where a dragged field would land. */
function DropLine() {
  return <div aria-hidden="true" className="my-0.5 h-0.5 rounded-full bg-blue-500 shadow-[0_0_0_2px_rgba(59,130,246,0.15)]" />;
}

/** The fields of a container as a sortable list with its own drop zone (for the end and for empty lists). */
export function ChildList({ holderPath, fields, depth, emptyText }: { holderPath: FieldPath; fields: DesignerField[]; depth: number; emptyText: string }) {
  const { hint } = useCanvas();
  const ids = fields.map((f) => dragId({ type: "field", path: joinPath(holderPath, f.key) }));
  const { setNodeRef, isOver } = useDroppable({ id: dragId({ type: "zone", path: holderPath }), data: { level: holderPath === "" ? "root" : "inner", empty: fields.length === 0 } });
  const hintAt = (i: number) => hint !== null && hint.holderPath === holderPath && hint.index === i;
  return (
    <SortableContext items={ids} strategy={verticalListSortingStrategy}>
      <div ref={setNodeRef} className={cn("flex flex-col", depth === 0 ? "gap-4" : "gap-1", fields.length === 0 && "min-h-10")}>
        {fields.map((f, i) => (
          <div key={f.key}>
            {hintAt(i) && <DropLine />}
            <CanvasItem field={f} path={joinPath(holderPath, f.key)} depth={depth} index={i} count={fields.length} />
          </div>
        ))}
        {hintAt(fields.length) && <DropLine />}
        {fields.length === 0 && (
          <p className={cn("rounded-md border border-dashed px-3 text-center text-slate-400", depth === 0 ? "bg-white py-12 text-sm" : "py-2.5 text-xs", isOver ? "border-blue-400 bg-blue-50" : "border-slate-300")}>{emptyText}</p>
        )}
      </div>
    </SortableContext>
  );
}

/** One field on the canvas: a card at the root (sections, tables), a row inside; containers list their children. */
export function CanvasItem({ field, path, depth, index, count }: { field: DesignerField; path: FieldPath; depth: number; index: number; count: number }) {
  const { t } = useI18n();
  const c = useCanvas();
  const d = t.designer.canvas;
  const id = dragId({ type: "field", path });
  const { attributes, listeners, setNodeRef, setActivatorNodeRef } = useSortable({
    id,
    data: { level: depth === 0 ? "root" : "inner" },
    attributes: { roleDescription: d.dragRole },
  });
  const selected = c.selected === path;
  const published = c.isPublished(path);
  const problems = c.problemsAt(path);
  const label = field.label || field.key;
  const container = isContainer(field.kind);
  const card = depth === 0;
  const onKeyDown = (e: KeyboardEvent) => {
    // Alt+↑/↓ moves the field, as in many editors.
    if (e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      c.moveStep(path, e.key === "ArrowUp" ? -1 : 1);
    }
  };
  const header = (
    <div className={cn("group flex items-start gap-1.5", card ? "px-3 py-2.5" : "px-1.5 py-1")}>
      <button
        ref={setActivatorNodeRef}
        type="button"
        {...attributes}
        {...listeners}
        aria-label={fmt(d.drag, { label })}
        title={fmt(d.drag, { label })}
        className="mt-0.5 flex h-7 w-5 shrink-0 cursor-grab touch-none items-center justify-center rounded text-slate-300 hover:bg-slate-100 hover:text-slate-600 focus-visible:outline-2 focus-visible:outline-blue-600 active:cursor-grabbing"
      >
        <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
          <circle cx="7" cy="5" r="1.4" />
          <circle cx="13" cy="5" r="1.4" />
          <circle cx="7" cy="10" r="1.4" />
          <circle cx="13" cy="10" r="1.4" />
          <circle cx="7" cy="15" r="1.4" />
          <circle cx="13" cy="15" r="1.4" />
        </svg>
      </button>
      <button
        type="button"
        data-path={path}
        aria-pressed={selected}
        onClick={() => c.select(path)}
        onKeyDown={onKeyDown}
        className="min-w-0 flex-1 rounded-md py-0.5 text-left focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <KindIcon kind={field.kind} className={cn("size-4 shrink-0", field.removed ? "text-slate-300" : "text-slate-400")} />
          <span className={cn("font-medium", card ? "text-base text-slate-900" : "text-sm text-slate-800", field.removed && "text-slate-400 line-through decoration-slate-300")}>{label}</span>
          {(!card || field.kind !== "section") && <span className="text-xs text-slate-500">{t.designer.kinds[field.kind]}</span>}
          <code className="font-mono text-xs text-slate-400">{field.key}</code>
          {card && container && <span className="text-xs text-slate-400">{fmt(d.fieldCount, { n: (field.children ?? []).filter((f) => !f.removed).length })}</span>}
          {fieldFlags(field).map((f) => (
            <Badge key={f} tone={FLAG_TONES[f]}>
              {d.flags[f]}
            </Badge>
          ))}
          {!published && c.hasPublished && <Badge tone="violet">{d.newField}</Badge>}
          {problems.length > 0 && (
            <span title={problems[0].message} className="inline-flex items-center gap-1 rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white">
              ! {problems.length}
              <span className="sr-only">{problems.map((p) => p.message).join("；")}</span>
            </span>
          )}
        </span>
      </button>
      <div className={cn("flex shrink-0 items-center opacity-0 group-focus-within:opacity-100 group-hover:opacity-100", selected && "opacity-100")}>
        <IconButton label={fmt(d.actionOn, { action: d.moveUp, label })} onClick={() => c.moveStep(path, -1)} disabled={index === 0}>
          {icon("M10 15V5M5 9l5-5 5 5")}
        </IconButton>
        <IconButton label={fmt(d.actionOn, { action: d.moveDown, label })} onClick={() => c.moveStep(path, 1)} disabled={index === count - 1}>
          {icon("M10 5v10M5 11l5 5 5-5")}
        </IconButton>
        {field.removed ? (
          <IconButton label={fmt(d.actionOn, { action: d.restore, label })} onClick={() => c.restore(path)}>
            {icon("M4 10a6 6 0 1 0 2-4.5M4 4v3.5h3.5")}
          </IconButton>
        ) : published ? (
          <IconButton label={fmt(d.actionOn, { action: d.remove, label })} onClick={() => c.remove(path)} danger>
            {icon("M3 10s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5zM4 16 16 4")}
          </IconButton>
        ) : (
          <IconButton label={fmt(d.actionOn, { action: d.delete, label })} onClick={() => c.requestDelete(path)} danger>
            {icon("M5 6h10M8 6V4h4v2M6.5 6l.5 10h6l.5-10")}
          </IconButton>
        )}
      </div>
    </div>
  );
  return (
    <div
      ref={setNodeRef}
      className={cn(
        card ? "rounded-lg border bg-white shadow-xs" : "rounded-md border",
        selected ? "border-blue-500 ring-2 ring-blue-500/30" : card ? "border-slate-200" : "border-transparent hover:border-slate-200 hover:bg-slate-50",
        !card && selected && "bg-blue-50/50",
        field.removed && "bg-slate-50",
        c.activeId === id && "opacity-40",
      )}
    >
      {header}
      {container && (
        <div className={cn(card ? "border-t border-slate-100 px-3 py-2.5" : "mt-0.5 mb-1.5 ml-7 border-l-2 border-slate-200 pl-2")}>
          {field.kind === "table" && <p className="mb-1 text-xs font-medium text-slate-500">{d.columns}</p>}
          <ChildList holderPath={path} fields={field.children ?? []} depth={depth + 1} emptyText={field.kind === "table" ? d.emptyTable : d.emptySection} />
        </div>
      )}
    </div>
  );
}
