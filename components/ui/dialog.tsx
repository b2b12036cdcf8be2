"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "./cn";

/**
 * A modal dialog on the native <dialog> element: focus moves into it, Esc closes it, the page
 * behind is inert.
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  footer,
  className,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // Unique per dialog: a confirmation can open on top of another dialog.
  const titleId = useId();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={cn(
        "m-auto w-[calc(100%-2rem)] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40",
        // A width given by the caller replaces the default (two max-w classes would fight over CSS order).
        className?.includes("max-w-") ? undefined : "max-w-md",
        className,
      )}
      aria-labelledby={titleId}
    >
      {open && (
        <div className="flex flex-col">
          <h2 id={titleId} className="px-5 pt-5 text-base font-semibold">
            {title}
          </h2>
          {children && <div className="px-5 pt-2 text-sm text-slate-600">{children}</div>}
          {footer && <div className="mt-5 flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-5 py-3 rounded-b-lg">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}
