"use client";

import Link from "next/link";
import { useRef, useState, useSyncExternalStore } from "react";
import { fieldLabelPath } from "@/lib/template-model/field-label-path";
import type { DesignerProblem } from "@/lib/template-model/check-model";
import type { DesignerModel } from "@/lib/template-model/model";
import { fmt } from "@/lib/i18n/dictionaries";
import { useI18n } from "../i18n-provider";
import { Button, ButtonLink } from "../ui/button";
import { cn } from "../ui/cn";
import { Popover } from "../ui/popover";
import { shortTime, type SaveStatus } from "./save-status";

const noSubscribe = () => () => {};
const TONES = { neutral: "text-slate-500", amber: "text-amber-700", red: "text-red-700", green: "text-emerald-700" };
const DOTS = { neutral: "bg-slate-300", amber: "bg-amber-500", red: "bg-red-500", green: "bg-emerald-500" };

/** The problems count, opening a list; choosing one selects its field. */
function ProblemsButton({ problems, checking, model, onPick }: { problems: DesignerProblem[]; checking: boolean; model: DesignerModel; onPick: (path: string) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLButtonElement>(null);
  if (problems.length === 0 && checking)
    return (
      <span role="status" className="inline-flex h-9 items-center gap-1.5 px-1 text-sm text-slate-500">
        {t.designer.json.checking}
      </span>
    );
  if (problems.length === 0)
    return (
      <span className="inline-flex h-9 items-center gap-1.5 px-1 text-sm text-emerald-700">
        <span aria-hidden="true">✓</span>
        {t.designer.noProblems}
      </span>
    );
  // Problems that only hold up publishing (a template with no fields yet) are a to-do, not an error.
  const onlyPublish = problems.every((p) => p.publishOnly);
  return (
    <div className="relative">
      <button
        ref={ref}
        type="button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen((v) => !v)}
        className={cn(
          "inline-flex h-9 items-center gap-1.5 rounded-md border bg-white px-3 text-sm font-medium shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
          onlyPublish ? "border-amber-300 text-amber-800 hover:bg-amber-50" : "border-red-200 text-red-700 hover:bg-red-50",
        )}
      >
        <span className={cn("flex size-5 items-center justify-center rounded-full text-xs font-semibold text-white", onlyPublish ? "bg-amber-500" : "bg-red-600")} aria-hidden="true">
          !
        </span>
        {fmt(onlyPublish ? t.designer.publishOnlyCount : t.designer.problemCount, { n: problems.length })}
      </button>
      <Popover open={open} onClose={() => setOpen(false)} triggerRef={ref} label={t.designer.problemsTitle} className="w-96 max-w-[calc(100vw-2rem)]">
        <p className="border-b border-slate-100 px-4 py-2.5 text-sm font-semibold text-slate-900">{t.designer.problemsTitle}</p>
        <ul className="max-h-80 overflow-y-auto py-1">
          {problems.map((p, i) => (
            <li key={i}>
              <button
                type="button"
                className="flex w-full flex-col gap-0.5 px-4 py-2 text-left hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none"
                onClick={() => {
                  setOpen(false);
                  onPick(p.path);
                }}
              >
                <span className="text-xs text-slate-500">
                  {fieldLabelPath(model, p.path, t.designer.templateItself)}
                  {p.publishOnly && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-amber-800">{t.designer.publishOnlyTag}</span>}
                </span>
                <span className={cn("text-sm", p.publishOnly ? "text-amber-800" : "text-red-700")}>{p.message}</span>
              </button>
            </li>
          ))}
        </ul>
      </Popover>
    </div>
  );
}

/**
 * The designer's header: which template and version, where the draft stands, its problems, and
 * 版本历史 · 丢弃草稿 · 保存草稿 · 发布….
 */
export function DesignerHeader(props: {
  name: string;
  templateKey: string;
  version: number;
  status: SaveStatus;
  savedAt: string | null;
  saveError: string | null;
  problems: DesignerProblem[];
  /** True until the server's first check of the template has come back. */
  checking: boolean;
  model: DesignerModel;
  canDiscard: boolean;
  discardHint?: string;
  saving: boolean;
  onPickProblem: (path: string) => void;
  onSave: () => void;
  onDiscard: () => void;
  onPublish: () => void;
}) {
  const { t, locale } = useI18n();
  const s = t.designer.status;
  // Times are shown in the reader's zone, which the server does not know.
  const time = useSyncExternalStore(noSubscribe, () => (props.savedAt ? shortTime(props.savedAt, locale) : ""), () => "");
  const statusText =
    props.status.kind === "saved" ? fmt(s.saved, { time }) : props.status.kind === "failed" ? fmt(s.failed, { message: props.saveError ?? "" }) : s[props.status.kind];
  const base = `/admin/templates/${encodeURIComponent(props.templateKey)}`;
  return (
    <header className="flex flex-col gap-3">
      <nav aria-label="breadcrumb" className="text-sm text-slate-500">
        <Link href="/admin/templates" className="hover:text-slate-900 hover:underline">
          {t.designer.crumbs}
        </Link>
        <span aria-hidden="true"> / </span>
        <span>{props.name}</span>
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="truncate text-xl font-semibold text-slate-900">{props.name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-500">
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">{props.templateKey}</code>
            <span aria-hidden="true">·</span>
            <span data-testid="designer-version">{props.version > 0 ? fmt(t.designer.version, { n: props.version }) : t.designer.unpublished}</span>
            <span aria-hidden="true">·</span>
            <span role="status" aria-live="polite" data-testid="designer-status" className={cn("inline-flex items-center gap-1.5", TONES[props.status.tone])}>
              <span className={cn("size-2 rounded-full", DOTS[props.status.tone])} aria-hidden="true" />
              {statusText}
            </span>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <ProblemsButton problems={props.problems} checking={props.checking} model={props.model} onPick={props.onPickProblem} />
          <ButtonLink href={`${base}/versions`} variant="ghost">
            {t.designer.actions.versions}
          </ButtonLink>
          <Button onClick={props.onDiscard} disabled={!props.canDiscard} title={props.discardHint}>
            {t.designer.actions.discard}
          </Button>
          <Button onClick={props.onSave} busy={props.saving} title={t.designer.actions.shortcut}>
            {t.designer.actions.saveDraft}
          </Button>
          <Button variant="primary" onClick={props.onPublish}>
            {t.designer.actions.publish}
          </Button>
        </div>
      </div>
    </header>
  );
}
