"use client";

import { useRef, useState } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import { useI18n } from "@/components/i18n-provider";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Popover } from "@/components/ui/popover";
import type { TemplateAdminSummary } from "@/lib/templates/edit-types";

/** The row actions behind "⋯": clone, export, edit info, archive or unarchive. */
export type RowAction = "clone" | "export" | "editInfo" | "archive";

/** "更多操作" for one template: a small menu of the less frequent actions. */
export function TemplateRowMenu({ template, onAction, variant = "ghost" }: { template: TemplateAdminSummary; onAction: (action: RowAction) => void; variant?: "ghost" | "secondary" }) {
  const { t } = useI18n();
  const a = t.templates.actions;
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const item = (action: RowAction, label: string, danger = false) => (
    <li>
      <button
        type="button"
        onClick={() => {
          setOpen(false);
          onAction(action);
        }}
        className={cn(
          "flex w-full items-center rounded px-3 py-1.5 text-left text-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600",
          danger ? "text-red-700 hover:bg-red-50" : "text-slate-700 hover:bg-slate-100",
        )}
      >
        {label}
      </button>
    </li>
  );
  return (
    <div className="relative">
      <button
        ref={trigger}
        type="button"
        className={buttonClass(variant, "sm", "px-2")}
        onClick={() => setOpen((v) => !v)}
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-label={a.more}
        title={a.more}
      >
        <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
          <path d="M3 10a1.5 1.5 0 113 0 1.5 1.5 0 01-3 0zM8.5 10a1.5 1.5 0 113 0 1.5 1.5 0 01-3 0zM15.5 8.5a1.5 1.5 0 100 3 1.5 1.5 0 000-3z" />
        </svg>
      </button>
      <Popover open={open} onClose={() => setOpen(false)} triggerRef={trigger} label={fmt(a.moreFor, { name: template.name })} className="right-0 left-auto w-40 p-1">
        <ul className="flex flex-col">
          {item("clone", a.clone)}
          {item("export", a.export)}
          {item("editInfo", a.editInfo)}
          {item("archive", template.status === "archived" ? a.unarchive : a.archive, template.status !== "archived")}
        </ul>
      </Popover>
    </div>
  );
}
