"use client";

import Link from "next/link";
import { useId } from "react";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { FormField, Input } from "@/components/ui/form-controls";
import { fmt } from "@/lib/i18n/dictionaries";
import type { MigrationOp } from "@/lib/template-model/migration-op";
import type { MigrationPreview } from "@/lib/migrations/preview-migration";
import { showValue } from "./diff-groups";

/** A stored value as short text for the samples and failures. */
export function useShowStored() {
  const { t } = useI18n();
  const words = { yes: t.common.yes, no: t.common.no, none: t.common.empty, kinds: t.templates.kinds };
  return (v: unknown) => showValue(v, words);
}

/** Step 2 of the migration dialog: what it will do, record counts, samples before → after, what cannot convert, a note. */
export function MigrationPreviewStep({
  templateKey,
  preview,
  op,
  note,
  onNote,
  acknowledged,
  onAcknowledge,
}: {
  templateKey: string;
  preview: MigrationPreview;
  op: MigrationOp;
  note: string;
  onNote: (note: string) => void;
  /** Values that cannot convert were acknowledged (the start button waits for it). */
  acknowledged: boolean;
  onAcknowledge: (v: boolean) => void;
}) {
  const { t } = useI18n();
  const m = t.templates.migration;
  const id = useId();
  const show = useShowStored();
  // A key rename keeps the values; the samples show where they move from and to.
  const keys = op.type === "renameKey" ? { from: op.path.split(".").pop() ?? op.path, to: op.newKey } : null;
  const listed = new Set(preview.failures.map((f) => f.id)).size;
  const recordHref = (recordId: string) => `/t/${encodeURIComponent(templateKey)}/r/${encodeURIComponent(recordId)}`;
  return (
    <div className="flex flex-col gap-4">
      <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2.5 text-sm">
        <p className="font-medium text-slate-900">{preview.description}</p>
        <p className="mt-1 text-slate-600">{fmt(m.summary, { total: preview.total, affected: preview.affected })}</p>
      </div>
      <section>
        <h3 className="mb-1.5 text-sm font-semibold text-slate-800">{m.samplesTitle}</h3>
        {preview.samples.length === 0 ? (
          <p className="text-sm text-slate-500">{preview.affected === 0 ? m.noSamples : m.noneConvertible}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
            {preview.samples.map((s) => (
              <li key={s.id} className="flex flex-col gap-1 px-3 py-2 sm:flex-row sm:items-center sm:gap-3">
                <Link href={recordHref(s.id)} target="_blank" className="w-32 shrink-0 truncate text-blue-700 hover:underline">
                  {s.title || fmt(m.recordFallback, { id: s.id.slice(-6) })}
                </Link>
                <span className="flex min-w-0 flex-wrap items-center gap-2">
                  {keys && <code className="text-xs text-slate-500">{keys.from}</code>}
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 break-all text-slate-600">{show(s.before)}</span>
                  <span aria-hidden="true" className="text-slate-400">
                    →
                  </span>
                  {keys && <code className="text-xs text-emerald-700">{keys.to}</code>}
                  <span className="rounded bg-emerald-50 px-1.5 py-0.5 break-all text-emerald-800">{show(s.after)}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {preview.failing > 0 && (
        <Alert tone="warning" title={fmt(m.failingTitle, { count: preview.failing })}>
          <p>{m.failingHelp}</p>
          <ul className="mt-2 flex max-h-40 flex-col gap-1 overflow-y-auto">
            {preview.failures.map((f, i) => (
              <li key={`${f.id}-${i}`} className="flex flex-wrap gap-x-2">
                <Link href={recordHref(f.id)} target="_blank" className="font-medium underline">
                  {f.title || fmt(m.recordFallback, { id: f.id.slice(-6) })}
                </Link>
                <span className="break-all">“{show(f.value)}”：{f.message}</span>
              </li>
            ))}
          </ul>
          {listed < preview.failing && <p className="mt-1 text-xs">{fmt(m.moreFailures, { count: preview.failing - listed })}</p>}
          <label className="mt-3 flex items-start gap-2 font-medium">
            <input type="checkbox" className="mt-0.5 size-4 accent-amber-600" checked={acknowledged} onChange={(e) => onAcknowledge(e.target.checked)} />
            {fmt(preview.failing === preview.affected ? m.acknowledgeAll : m.acknowledge, { count: preview.failing })}
          </label>
        </Alert>
      )}
      <FormField id={`${id}-note`} label={m.note}>
        <Input id={`${id}-note`} value={note} onChange={(e) => onNote(e.target.value)} placeholder={m.notePlaceholder} maxLength={500} autoComplete="off" />
      </FormField>
    </div>
  );
}
