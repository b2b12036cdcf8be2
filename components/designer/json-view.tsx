"use client";

import dynamic from "next/dynamic";
import { useDeferredValue, useMemo, useRef, useState } from "react";
import type { DesignerModel } from "@/lib/template-model/model";
import { toContent } from "@/lib/template-model/to-content";
import { fmt } from "@/lib/i18n/dictionaries";
import type { TemplateContent } from "@/lib/schema/types";
import { useI18n } from "../i18n-provider";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { Spinner } from "../ui/spinner";
import { useToast } from "../ui/toast";
import type { JumpTo } from "./json-editor";
import { locateProblems, readJsonText, type JsonProblem } from "./json-problems";
import type { DesignCheck } from "@/lib/templates/check-design";
import { useCheckedContent } from "./use-design-check";
import { problemsOfError, type SaveOutcome } from "./use-designer";

// The editor is a sizeable bundle and needs the browser: load it when the tab opens.
const JsonEditor = dynamic(() => import("./json-editor"), {
  ssr: false,
  loading: () => (
    <div className="flex h-80 items-center justify-center rounded-lg border border-slate-300 bg-white text-slate-400">
      <Spinner />
    </div>
  ),
});

/** Pretty JSON of a model's content, as the JSON view shows it. */
export function modelJson(model: DesignerModel): string {
  return JSON.stringify(toContent(model), null, 2);
}

/**
 * The JSON view: the template's schema, uiSchema and list settings in a code editor, checked as
 * you type (syntax here, then the checks a draft save runs, asked of the server through `check`),
 * each problem with its line. 应用 saves it as the draft; a refusal lists the server's problems
 * and leaves the draft as it was.
 */
export function JsonView({ model, check, text, onText, onApply, busy }: { model: DesignerModel; check: (content: TemplateContent) => Promise<DesignCheck>; text: string | null; onText: (text: string | null) => void; onApply: (content: TemplateContent) => Promise<SaveOutcome>; busy: boolean }) {
  const { t } = useI18n();
  const j = t.designer.json;
  const toast = useToast();
  const base = useMemo(() => modelJson(model), [model]);
  const value = text ?? base;
  const deferred = useDeferredValue(value);
  const read = useMemo(() => readJsonText(deferred, j), [deferred, j]);
  // Only what a draft save would refuse: publishing's own conditions are the designer's to show.
  const server = useCheckedContent(read.content, check);
  const checked = useMemo(() => {
    const last = server.checked;
    if (!read.content || !last) return read.problems;
    return locateProblems(deferred, last.content, last.result.problems.filter((p) => !p.publishOnly), j.syntaxErrors);
  }, [read, server.checked, deferred, j]);
  const [refusal, setRefusal] = useState<{ text: string; problems: JsonProblem[] } | null>(null);
  const jump = useRef<JumpTo | null>(null);
  const stale = deferred !== value || (read.content !== null && !server.current);
  const refused = refusal && refusal.text === value ? refusal : null;
  const problems = refused ? refused.problems : checked;
  const syntaxError = read.content === null && deferred === value;

  const apply = async () => {
    const now = readJsonText(value, j);
    if (!now.content) return;
    const out = await onApply(now.content);
    if (out.ok) {
      setRefusal(null);
      onText(null);
      toast(j.applied);
    } else if (out.error.status === 422) {
      setRefusal({ text: value, problems: locateProblems(value, now.content, problemsOfError(out.error), j.syntaxErrors) });
    } else if (out.error.status !== 409) toast(out.error.message, "error");
  };

  return (
    <div className="grid gap-4 @4xl:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="flex min-w-0 flex-col gap-2">
        <p className="text-sm text-slate-500">{j.hint}</p>
        <JsonEditor value={value} onChange={(v) => onText(v === base ? null : v)} problems={problems} label={j.label} onReady={(fn) => (jump.current = fn)} />
      </div>
      <aside aria-label={j.checks} className="flex flex-col gap-3 @4xl:sticky @4xl:top-18 @4xl:self-start">
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" onClick={() => void apply()} busy={busy} disabled={text === null || syntaxError || stale}>
            {j.apply}
          </Button>
          <Button onClick={() => onText(null)} disabled={text === null || busy}>
            {j.revert}
          </Button>
        </div>
        {text !== null && <p className="text-xs text-amber-700">{j.unapplied}</p>}
        <div role="status" aria-live="polite" className="rounded-lg border border-slate-200 bg-white shadow-xs">
          <p className={cn("border-b border-slate-100 px-3 py-2 text-sm font-medium", problems.length ? "text-red-700" : "text-emerald-700")}>
            {stale ? j.checking : problems.length ? fmt(j.problems, { n: problems.length }) : j.ok}
          </p>
          {refused && <p className="px-3 pt-2 text-xs text-red-700">{fmt(j.refused, { n: refused.problems.length })}</p>}
          {syntaxError && <p className="px-3 pt-2 text-xs text-red-700">{j.syntax}</p>}
          {problems.length > 0 && (
            <ul className="flex max-h-[calc(100vh-22rem)] flex-col overflow-y-auto py-1">
              {problems.map((p, i) => (
                <li key={i}>
                  <button type="button" onClick={() => jump.current?.(p.offset)} className="flex w-full flex-col gap-0.5 px-3 py-1.5 text-left hover:bg-red-50 focus-visible:bg-red-50 focus-visible:outline-none">
                    <span className="text-xs font-medium text-red-700">{fmt(j.line, { n: p.line })}</span>
                    <span className="text-sm text-slate-800">{p.message}</span>
                    {p.pointer && <span className="truncate font-mono text-xs text-slate-400">{p.pointer}</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </aside>
    </div>
  );
}
