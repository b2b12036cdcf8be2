"use client";

import { useDraggable } from "@dnd-kit/core";
import { PALETTE } from "@/lib/template-model/model";
import type { FieldKind } from "@/lib/schema/types";
import { fmt } from "@/lib/i18n/dictionaries";
import { useI18n } from "../i18n-provider";
import { cn } from "../ui/cn";
import { dragId } from "./canvas-dnd";
import { KindIcon } from "./kind-icon";

function PaletteItem({ kind, onAdd }: { kind: FieldKind; onAdd: (kind: FieldKind) => void }) {
  const { t } = useI18n();
  const label = t.designer.kinds[kind];
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: dragId({ type: "palette", kind }), data: { level: kind === "section" ? "root" : "inner" } });
  return (
    <li>
      <button
        ref={setNodeRef}
        type="button"
        // Pointer drags only: Enter and Space add the field (the keyboard path is the click).
        onPointerDown={listeners?.onPointerDown as React.PointerEventHandler<HTMLButtonElement> | undefined}
        onClick={() => onAdd(kind)}
        title={fmt(t.designer.palette.add, { kind: label })}
        className={cn(
          "flex cursor-grab items-center gap-2 whitespace-nowrap @4xl:w-full rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-left text-sm text-slate-700 shadow-xs hover:border-blue-300 hover:bg-blue-50 hover:text-blue-800 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 active:cursor-grabbing",
          isDragging && "opacity-50",
        )}
      >
        <KindIcon kind={kind} className="size-4 shrink-0 text-slate-400" />
        <span className="truncate">{label}</span>
      </button>
    </li>
  );
}

/** The field types to add: click adds to the selected section, or drag onto the canvas. */
export function FieldPalette({ onAdd }: { onAdd: (kind: FieldKind) => void }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="designer-palette-title">
      <h2 id="designer-palette-title" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {t.designer.palette.title}
      </h2>
      <p className="mt-1 mb-2 text-xs text-slate-400">{t.designer.palette.hint}</p>
      <ul className="flex flex-wrap gap-1.5 @4xl:flex-col @4xl:flex-nowrap">
        {PALETTE.map((p) => (
          <PaletteItem key={p.kind} kind={p.kind} onAdd={onAdd} />
        ))}
      </ul>
    </section>
  );
}
