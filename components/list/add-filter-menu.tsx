"use client";

import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useI18n } from "../i18n-provider";
import { cn } from "../ui/cn";
import { Popover } from "../ui/popover";
import { groupBySection, type ListField } from "@/lib/records/list-view-model";

/**
 * "添加筛选": every filterable field, grouped by section, with a box to find one by name.
 * Arrow keys move between fields; Enter picks one.
 */
export function AddFilterMenu({ fields, activePaths, onPick, className }: { fields: ListField[]; activePaths: Set<string>; onPick: (path: string) => void; className?: string }) {
  const { t } = useI18n();
  const tf = t.list.filters;
  const trigger = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [find, setFind] = useState("");
  const groups = useMemo(() => {
    const needle = find.trim().toLowerCase();
    const matching = needle ? fields.filter((f) => `${f.label} ${f.sectionTitle}`.toLowerCase().includes(needle)) : fields;
    return groupBySection(matching);
  }, [fields, find]);

  const close = () => {
    setOpen(false);
    setFind("");
  };
  const pick = (path: string) => {
    close();
    onPick(path);
  };
  const move = (e: KeyboardEvent) => {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    e.preventDefault();
    const items = [...(listRef.current?.querySelectorAll<HTMLButtonElement>("[data-menu-item]") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === "ArrowDown" ? Math.min(at + 1, items.length - 1) : at - 1;
    if (next < 0) (listRef.current?.parentElement?.querySelector("input") as HTMLInputElement | null)?.focus();
    else items[next]?.focus();
  };

  return (
    <div className={cn("relative", className)}>
      <button
        ref={trigger}
        type="button"
        className="flex h-8 items-center gap-1 rounded-full px-2.5 text-sm font-medium text-blue-700 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => (open ? close() : setOpen(true))}
      >
        <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
          <path d="M10.75 4.75a.75.75 0 00-1.5 0v4.5h-4.5a.75.75 0 000 1.5h4.5v4.5a.75.75 0 001.5 0v-4.5h4.5a.75.75 0 000-1.5h-4.5v-4.5z" />
        </svg>
        {tf.add}
      </button>
      <Popover open={open} onClose={close} triggerRef={trigger} label={tf.add} className="w-72 max-w-[calc(100vw-2rem)]">
        <div className="border-b border-slate-100 p-2" onKeyDown={move}>
          <input
            data-autofocus
            type="search"
            value={find}
            onChange={(e) => setFind(e.target.value)}
            placeholder={tf.searchFields}
            aria-label={tf.searchFields}
            className="h-8 w-full rounded-md border border-slate-300 px-2.5 text-sm placeholder:text-slate-400 focus:outline-2 focus:-outline-offset-1 focus:outline-blue-600"
          />
        </div>
        <div ref={listRef} className="max-h-80 overflow-y-auto py-1" onKeyDown={move}>
          {groups.length === 0 && <p className="px-3 py-4 text-center text-sm text-slate-500">{fields.length ? tf.noMatch : tf.noFields}</p>}
          {groups.map((g) => (
            <div key={g.section} role="group" aria-label={g.title}>
              <p className="px-3 pt-2 pb-1 text-xs font-semibold text-slate-400">{g.title}</p>
              {g.fields.map((f) => (
                <button
                  key={f.path}
                  type="button"
                  data-menu-item
                  onClick={() => pick(f.path)}
                  className={cn(
                    "flex w-full items-center justify-between gap-2 px-3 py-1.5 text-left text-sm hover:bg-slate-50 focus:bg-blue-50 focus:outline-none",
                    activePaths.has(f.path) ? "font-medium text-blue-700" : "text-slate-700",
                  )}
                >
                  <span className="truncate">{f.label}</span>
                  {activePaths.has(f.path) && (
                    <svg viewBox="0 0 20 20" className="size-4 shrink-0" fill="currentColor" aria-hidden="true">
                      <path fillRule="evenodd" d="M16.7 5.3a1 1 0 010 1.4l-7.5 7.5a1 1 0 01-1.4 0l-3.5-3.5a1 1 0 111.4-1.4l2.8 2.8 6.8-6.8a1 1 0 011.4 0z" clipRule="evenodd" />
                    </svg>
                  )}
                </button>
              ))}
            </div>
          ))}
        </div>
      </Popover>
    </div>
  );
}
