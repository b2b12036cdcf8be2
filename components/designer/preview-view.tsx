"use client";

import { Component, useState, type ReactNode } from "react";
import type { TemplateContent } from "@/lib/schema/types";
import type { DesignCheck } from "@/lib/templates/check-design";
import { useI18n } from "../i18n-provider";
import { FormPreview } from "../record-form/form-preview";
import { WithValidators } from "../record-form/with-validators";
import { Spinner } from "../ui/spinner";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

/** Keeps a template the form cannot render (a half-made schema) from taking the designer down. */
class PreviewBoundary extends Component<{ resetKey: string; fallback: (message: string) => ReactNode; children: ReactNode }, { error: Error | null; key: string }> {
  state = { error: null as Error | null, key: this.props.resetKey };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  render() {
    return this.state.error ? this.props.fallback(this.state.error.message) : this.props.children;
  }
}

/**
 * The compiled template rendered by the real record form (theme, widgets, conditions, checks),
 * so the admin sees exactly what agents will see. `compact` is the side preview beside the canvas.
 * `preview`: the content the designer's last server check was about, with its precompiled
 * validators (the page may not compile them); it follows the model a moment behind.
 */
export function PreviewView({ preview, compact = false }: { preview: { content: TemplateContent; result: DesignCheck } | null; compact?: boolean }) {
  const { t } = useI18n();
  const pv = t.designer.preview;
  const content = preview?.content ?? null;
  const result = preview?.result.preview ?? null;
  const [round, setRound] = useState(0);
  const [checkAll, setCheckAll] = useState(false);
  return (
    <section aria-label={pv.title} className={cn("flex min-w-0 flex-col gap-3", compact && "@2xl:sticky @2xl:top-18 @2xl:max-h-[calc(100vh-5.5rem)] @2xl:overflow-y-auto")}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">{pv.title}</h2>
          <p className="text-xs text-slate-500">{pv.hint}</p>
        </div>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-1.5 text-sm text-slate-600">
            <input type="checkbox" className="size-4 accent-blue-600" checked={checkAll} onChange={(e) => setCheckAll(e.target.checked)} />
            {pv.checkAll}
          </label>
          <Button size="sm" onClick={() => setRound((r) => r + 1)}>
            {pv.reset}
          </Button>
        </div>
      </div>
      <div className={cn("rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200", !compact && "p-5")}>
        {!content || !result ? (
          <div role="status" className="flex items-center gap-2 py-6 text-sm text-slate-500">
            <Spinner className="size-4" />
            {t.form.preparing}
          </div>
        ) : "error" in result ? (
          <Unavailable title={pv.unavailable} message={result.error} />
        ) : (
          <WithValidators validator={result.validator} form={content}>
            {(validators, shown) => (
              <PreviewBoundary resetKey={JSON.stringify(shown)} fallback={(message) => <Unavailable title={pv.unavailable} message={message} />}>
                <FormPreview key={round} schema={shown.schema} uiSchema={shown.uiSchema} validators={validators} showAllErrors={checkAll} />
              </PreviewBoundary>
            )}
          </WithValidators>
        )}
      </div>
    </section>
  );
}

function Unavailable({ title, message }: { title: string; message: string }) {
  return (
    <Alert tone="warning" title={title}>
      <span className="font-mono text-xs">{message}</span>
    </Alert>
  );
}
