"use client";

import { useCallback, useEffect, useRef, useState } from "react";

/**
 * The fields the user has left (as data paths), whose errors may show. A blur caused by pressing
 * the mouse or a finger on something else is applied only after that press's click: the message
 * it reveals grows the form under the pointer, and the click (添加一行, a radio option below)
 * would otherwise land beside its target and be lost.
 */
export function useTouched() {
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const pressing = useRef(false);
  const pending = useRef<string[]>([]);

  const flush = useCallback(() => {
    const paths = pending.current;
    pending.current = [];
    if (paths.length === 0) return;
    setTouched((prev) => {
      if (paths.every((p) => prev.has(p))) return prev;
      const next = new Set(prev);
      for (const p of paths) next.add(p);
      return next;
    });
  }, []);

  useEffect(() => {
    const down = () => {
      pressing.current = true;
    };
    // The click follows pointerup in the same task; a zero timeout runs after it.
    const up = () =>
      window.setTimeout(() => {
        pressing.current = false;
        flush();
      }, 0);
    document.addEventListener("pointerdown", down, true);
    document.addEventListener("pointerup", up, true);
    document.addEventListener("pointercancel", up, true);
    return () => {
      document.removeEventListener("pointerdown", down, true);
      document.removeEventListener("pointerup", up, true);
      document.removeEventListener("pointercancel", up, true);
    };
  }, [flush]);

  const touch = useCallback(
    (path: string) => {
      pending.current.push(path);
      if (!pressing.current) flush();
    },
    [flush],
  );

  return { touched, touch };
}
