"use client";

import { useId } from "react";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { FormField, Input, Select, Textarea } from "@/components/ui/form-controls";
import type { FieldKind } from "@/lib/schema/types";
import { needsOptions, targetKinds } from "./migration-form";

export type MigrationMode = "renameKey" | "changeKind";

/** What the first step of the migration dialog edits. */
export interface MigrationDraft {
  mode: MigrationMode;
  newKey: string;
  kind: FieldKind | "";
  optionsText: string;
}

/**
 * Step 1 of the migration dialog: the two modes as tabs — a new key (with the key the label
 * suggests) or a new type (with choices for choice types) — and their errors.
 */
export function MigrationEditStep({
  field,
  draft,
  onChange,
  errors,
  suggestion,
}: {
  field: { path: string; key: string; label: string; kind: FieldKind };
  draft: MigrationDraft;
  onChange: (patch: Partial<MigrationDraft>) => void;
  errors: { newKey?: string; kind?: string; options?: string };
  suggestion: string | null;
}) {
  const { t } = useI18n();
  const m = t.templates.migration;
  const id = useId();
  const kinds = targetKinds(field.kind);
  const canChangeKind = kinds.length > 0;
  const tab = (mode: MigrationMode, disabled = false) => (
    <button
      type="button"
      role="tab"
      id={`${id}-tab-${mode}`}
      aria-selected={draft.mode === mode}
      aria-controls={`${id}-panel`}
      tabIndex={draft.mode === mode ? 0 : -1}
      disabled={disabled}
      onClick={() => onChange({ mode })}
      className={cn(
        "-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:text-slate-300",
        draft.mode === mode ? "border-blue-600 text-blue-700" : "border-transparent text-slate-600 hover:text-slate-900",
      )}
    >
      {m.tabs[mode]}
    </button>
  );

  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md bg-slate-50 px-3 py-2 text-sm">
        <dt className="text-slate-500">{m.path}</dt>
        <dd className="font-mono text-slate-800">{field.path}</dd>
        <dt className="text-slate-500">{m.currentKind}</dt>
        <dd className="text-slate-800">{t.templates.kinds[field.kind]}</dd>
      </dl>
      <div
        role="tablist"
        aria-label={m.title}
        className="flex gap-1 border-b border-slate-200"
        onKeyDown={(e) => {
          // Arrow keys move between the two tabs, as tab lists do.
          if ((e.key !== "ArrowLeft" && e.key !== "ArrowRight") || !canChangeKind) return;
          e.preventDefault();
          const next: MigrationMode = draft.mode === "renameKey" ? "changeKind" : "renameKey";
          onChange({ mode: next });
          document.getElementById(`${id}-tab-${next}`)?.focus();
        }}
      >
        {tab("renameKey")}
        {tab("changeKind", !canChangeKind)}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${draft.mode}`} className="flex flex-col gap-4">
        {draft.mode === "renameKey" ? (
          <FormField id={`${id}-key`} label={m.newKey} required error={errors.newKey} help={m.newKeyHelp}>
            <div className="flex flex-col gap-1.5">
              <div className="flex items-center gap-2 text-sm">
                <code className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-600">{field.key}</code>
                <span aria-hidden="true" className="text-slate-400">
                  →
                </span>
                <Input
                  id={`${id}-key`}
                  value={draft.newKey}
                  onChange={(e) => onChange({ newKey: e.target.value })}
                  invalid={!!errors.newKey}
                  aria-describedby={errors.newKey ? `${id}-key-error` : undefined}
                  className="font-mono"
                  spellCheck={false}
                  autoComplete="off"
                  maxLength={64}
                  autoFocus
                />
              </div>
              {suggestion && suggestion !== draft.newKey && (
                <p className="text-xs text-slate-500">
                  {m.suggestion}
                  <button type="button" onClick={() => onChange({ newKey: suggestion })} className="font-mono text-blue-700 hover:underline">
                    {suggestion}
                  </button>
                </p>
              )}
            </div>
          </FormField>
        ) : (
          <>
            <FormField id={`${id}-kind`} label={m.newKind} required error={errors.kind}>
              <Select id={`${id}-kind`} value={draft.kind} onChange={(e) => onChange({ kind: e.target.value as FieldKind })} invalid={!!errors.kind}>
                <option value="">{m.chooseKind}</option>
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {t.templates.kinds[k]}
                  </option>
                ))}
              </Select>
            </FormField>
            {draft.kind && needsOptions(draft.kind) && (
              <FormField id={`${id}-options`} label={m.options} required error={errors.options} help={m.optionsHelp}>
                <Textarea id={`${id}-options`} value={draft.optionsText} onChange={(e) => onChange({ optionsText: e.target.value })} invalid={!!errors.options} rows={5} />
              </FormField>
            )}
          </>
        )}
        {!canChangeKind && draft.mode === "renameKey" && <p className="text-xs text-slate-500">{m.containerNoKind}</p>}
        <Alert tone="info">{m.explain}</Alert>
      </div>
    </div>
  );
}
