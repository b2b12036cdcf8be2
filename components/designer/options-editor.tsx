"use client";

import { useEffect, useRef, useState } from "react";
import type { DesignerProblem } from "@/lib/template-model/check-model";
import { fmt } from "@/lib/i18n/dictionaries";
import { useI18n } from "../i18n-provider";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Input, Textarea } from "../ui/form-controls";
import { newOptionLabel, optionIssues, parseBulkOptions } from "./options-model";
import { ProblemNote } from "./prop-inputs";

const arrow = (d: string) => (
  <svg viewBox="0 0 20 20" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    <path d={d} />
  </svg>
);

function Mini({ label, onClick, disabled, children }: { label: string; onClick: () => void; disabled?: boolean; children: React.ReactNode }) {
  return (
    <button type="button" aria-label={label} title={label} disabled={disabled} onClick={onClick} className="flex size-7 shrink-0 items-center justify-center rounded text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-30">
      {children}
    </button>
  );
}

/**
 * The choices of a 单选/多选 field: one input per choice (rename, reorder, remove, add) or all of
 * them as text, one per line, for pasting a list. Blank and repeated choices are flagged in place.
 */
export function OptionsEditor({ options, onChange, problems, published }: { options: string[]; onChange: (options: string[]) => void; problems: DesignerProblem[]; published: boolean }) {
  const { t } = useI18n();
  const o = t.designer.options;
  const [bulk, setBulk] = useState(false);
  const [text, setText] = useState(() => options.join("\n"));
  const focusIndex = useRef<number | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const issues = optionIssues(options);

  // Focus the choice just added (keyboard users continue typing there).
  useEffect(() => {
    if (focusIndex.current === null) return;
    listRef.current?.querySelectorAll("input")[focusIndex.current]?.select();
    focusIndex.current = null;
  });

  const set = (i: number, value: string) => onChange(options.map((v, j) => (j === i ? value : v)));
  const move = (i: number, delta: number) => {
    const next = [...options];
    const [v] = next.splice(i, 1);
    next.splice(i + delta, 0, v);
    onChange(next);
  };
  const add = () => {
    focusIndex.current = options.length;
    onChange([...options, newOptionLabel(options, o.base)]);
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="-mt-8 flex justify-end">
        <Button
          size="sm"
          variant="link"
          className="text-xs"
          onClick={() => {
            setText(options.join("\n"));
            setBulk((b) => !b);
          }}
        >
          {bulk ? o.single : o.bulk}
        </Button>
      </div>
      {bulk ? (
        <>
          <Textarea
            aria-label={o.bulkHelp}
            rows={Math.min(Math.max(options.length + 1, 4), 12)}
            value={text}
            invalid={issues.some(Boolean)}
            onChange={(e) => {
              setText(e.target.value);
              onChange(parseBulkOptions(e.target.value));
            }}
          />
          <p className="text-xs text-slate-400">{o.bulkHelp}</p>
          {issues.map((issue, i) =>
            issue ? (
              <p key={i} role="alert" className="text-xs text-red-600">
                {fmt(o.option, { n: i + 1 })}“{options[i]}”：{issue === "blank" ? o.blank : o.duplicate}
              </p>
            ) : null,
          )}
        </>
      ) : (
        <ol ref={listRef} className="flex flex-col gap-1.5">
          {options.map((value, i) => (
            <li key={i} className="flex flex-col gap-0.5">
              <div className="flex items-center gap-0.5">
                <Input
                  aria-label={fmt(o.option, { n: i + 1 })}
                  value={value}
                  invalid={issues[i] !== null}
                  aria-describedby={issues[i] ? `opt-issue-${i}` : undefined}
                  className="min-w-0 flex-1"
                  onChange={(e) => set(i, e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") {
                      e.preventDefault();
                      if (i === options.length - 1) add();
                      else listRef.current?.querySelectorAll("input")[i + 1]?.focus();
                    }
                  }}
                />
                <Mini label={fmt(o.moveUp, { n: i + 1 })} onClick={() => move(i, -1)} disabled={i === 0}>
                  {arrow("M10 15V5M5 9l5-5 5 5")}
                </Mini>
                <Mini label={fmt(o.moveDown, { n: i + 1 })} onClick={() => move(i, 1)} disabled={i === options.length - 1}>
                  {arrow("M10 5v10M5 11l5 5 5-5")}
                </Mini>
                <Mini label={fmt(o.remove, { n: i + 1 })} onClick={() => onChange(options.filter((_, j) => j !== i))}>
                  {arrow("M5 5l10 10M15 5 5 15")}
                </Mini>
              </div>
              {issues[i] && (
                <p id={`opt-issue-${i}`} role="alert" className={cn("text-xs text-red-600")}>
                  {issues[i] === "blank" ? o.blank : o.duplicate}
                </p>
              )}
            </li>
          ))}
          <li>
            <Button size="sm" onClick={add}>
              + {o.add}
            </Button>
          </li>
        </ol>
      )}
      <ProblemNote problems={problems} />
      {published && <p className="text-xs text-slate-400">{o.renamed}</p>}
    </div>
  );
}
