"use client";

import { Component, useDeferredValue, useMemo, useState, type ReactNode } from "react";
import type { DesignerModel } from "@/lib/template-model/model";
import { toContent } from "@/lib/template-model/to-content";
import { useI18n } from "../i18n-provider";
import { FormPreview } from "../record-form/form-preview";
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
 */
export function PreviewView({ model, compact = false }: { model: DesignerModel; compact?: boolean }) {
  const { t } = useI18n();
  const pv = t.designer.preview;
  const deferred = useDeferredValue(model);
  const content = useMemo(() => toContent(deferred), [deferred]);
  const resetKey = useMemo(() => JSON.stringify(content), [content]);
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
        <PreviewBoundary
          resetKey={resetKey}
          fallback={(message) => (
            <Alert tone="warning" title={pv.unavailable}>
              <span className="font-mono text-xs">{message}</span>
            </Alert>
          )}
        >
          <FormPreview key={round} schema={content.schema} uiSchema={content.uiSchema} showAllErrors={checkAll} />
        </PreviewBoundary>
      </div>
    </section>
  );
}
