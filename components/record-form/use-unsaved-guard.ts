"use client";

import { useCallback, useEffect, useRef } from "react";

/**
 * Warns before leaving a page with unsaved changes: the browser's own prompt for reloads and
 * closing the tab, and a confirmation for in-app links (the App Router has no navigation events).
 */
export function useUnsavedGuard(active: boolean, message: string): { release: () => void } {
  // State updates reach the listeners only after a render; a reload in the same click would still
  // be asked about. `release` switches them off at once.
  const released = useRef(false);
  useEffect(() => {
    if (!active) return;
    released.current = false;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (released.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      if (released.current || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!a || a.target === "_blank" || a.hasAttribute("download") || a.dataset.skipGuard !== undefined) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin || (url.pathname === window.location.pathname && url.hash)) return;
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [active, message]);
  const release = useCallback(() => {
    released.current = true;
  }, []);
  return { release };
}
