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
      onKeyDown={(e) => {
        if (e.key !== "Tab" || !ref.current) return;
        // Tab from the last control wraps to the first (Shift+Tab the other way): the browser let
        // focus leave the modal to the page's <body> once before coming back (tester round 9 P2-5).
        const items = tabbable(ref.current);
        if (items.length === 0) return;
        const [first, last] = [items[0], items[items.length - 1]];
        const active = document.activeElement;
        if (!e.shiftKey && (active === last || !ref.current.contains(active))) {
          e.preventDefault();
          first.focus();
        } else if (e.shiftKey && (active === first || !ref.current.contains(active))) {
          e.preventDefault();
          last.focus();
        }
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

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The controls Tab visits in a dialog, in order: shown ones, and of a group of radios only the checked one (or its first). */
function tabbable(root: HTMLElement): HTMLElement[] {
  const checkedGroups = new Set<string>();
  const all = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0 && el.tabIndex >= 0);
  for (const el of all) if (el instanceof HTMLInputElement && el.type === "radio" && el.checked && el.name) checkedGroups.add(el.name);
  const seen = new Set<string>();
  return all.filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== "radio" || !el.name) return true;
    if (checkedGroups.has(el.name)) return el.checked;
    if (seen.has(el.name)) return false;
    seen.add(el.name);
    return true;
  });
}
