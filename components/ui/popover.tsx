"use client";

import { useEffect, useLayoutEffect, useRef, type ReactNode, type RefObject } from "react";
import { cn } from "./cn";

const FOCUSABLE = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/** True when an ancestor that clips its overflow cuts part of `rect` off. */
function clippedBy(el: HTMLElement, rect: DOMRect): boolean {
  for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.overflowX === "visible" && style.overflowY === "visible") continue;
    const box = node.getBoundingClientRect();
    if (rect.bottom > box.bottom + 1 || rect.top < box.top - 1 || rect.right > box.right + 1 || rect.left < box.left - 1) return true;
  }
  return false;
}

/**
 * A panel anchored below its trigger (render both inside a `relative` wrapper). Focus moves into
 * it when it opens (to `[data-autofocus]` or the first control) and back to the trigger when it
 * closes; Esc, a click outside or tabbing away closes it. It shifts left to stay on screen.
 */
export function Popover({
  open,
  onClose,
  triggerRef,
  label,
  className,
  children,
}: {
  open: boolean;
  onClose: () => void;
  triggerRef: RefObject<HTMLElement | null>;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!open || !el) return;
    // Keep the panel inside the viewport: shift it left when it would overflow on the right.
    Object.assign(el.style, { translate: "", position: "", top: "", left: "", right: "", marginTop: "" });
    let rect = el.getBoundingClientRect();
    // Inside a scrolling box (a short table's overflow-x wrapper) the panel would be cut off at
    // the box's edge: it is placed on the viewport instead, under the trigger.
    const trigger = triggerRef.current?.getBoundingClientRect();
    if (trigger && clippedBy(el, rect)) {
      const left = Math.min(Math.max(8, rect.left), window.innerWidth - rect.width - 8);
      // Below the trigger, or above it when the viewport has no room below (a fixed panel cannot be scrolled to).
      const below = trigger.bottom + 6;
      const top = below + rect.height > window.innerHeight - 8 && trigger.top - rect.height - 6 >= 8 ? trigger.top - rect.height - 6 : below;
      Object.assign(el.style, { position: "fixed", top: `${top}px`, left: `${left}px`, right: "auto", marginTop: "0" });
      rect = el.getBoundingClientRect();
    }
    const overflow = rect.right - (window.innerWidth - 8);
    if (overflow > 0) el.style.translate = `${-Math.min(overflow, Math.max(rect.left - 8, 0))}px 0`;
    const target = el.querySelector<HTMLElement>("[data-autofocus]") ?? el.querySelector<HTMLElement>(FOCUSABLE);
    target?.focus();
  }, [open, triggerRef]);

  useEffect(() => {
    if (!open) return;
    const trigger = triggerRef.current;
    const close = (restoreFocus: boolean) => {
      onCloseRef.current();
      if (restoreFocus) trigger?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!ref.current?.contains(t) && !trigger?.contains(t)) close(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        close(true);
      }
    };
    const onFocus = (e: FocusEvent) => {
      const t = e.target as Node;
      if (t instanceof Node && !ref.current?.contains(t) && !trigger?.contains(t)) close(false);
    };
    // A panel placed on the viewport would stay put while the page scrolls away under it.
    const onScroll = (e: Event) => {
      if (ref.current?.style.position === "fixed" && !ref.current.contains(e.target as Node)) close(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    document.addEventListener("focusin", onFocus);
    document.addEventListener("scroll", onScroll, true);
    return () => {
      document.removeEventListener("scroll", onScroll, true);
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("focusin", onFocus);
    };
  }, [open, triggerRef]);

  if (!open) return null;
  return (
    <div
      ref={ref}
      role="dialog"
      aria-label={label}
      className={cn("absolute top-full left-0 z-30 mt-1.5 rounded-lg border border-slate-200 bg-white shadow-lg ring-1 ring-slate-900/5", className)}
    >
      {children}
    </div>
  );
}
