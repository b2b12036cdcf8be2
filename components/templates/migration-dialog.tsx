"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { fromContent } from "@/lib/template-model/from-content";
import { getField } from "@/lib/template-model/model-paths";
import { fmt } from "@/lib/i18n/dictionaries";
import type { FieldKind, TemplateContent } from "@/lib/schema/types";
import type { MigrationOp } from "@/lib/template-model/migration-op";
import type { MigrationPreview } from "@/lib/migrations/preview-migration";
import type { MigrationView } from "@/lib/migrations/migration-view";
import { MigrationEditStep, type MigrationDraft } from "./migration-edit-step";
import { buildOp, needsOptions, newKeyProblem, parseOptionsText, suggestFieldKey } from "./migration-form";
import { MigrationPreviewStep } from "./migration-preview-step";
import { MigrationProgress } from "./migration-progress";
import { useMigration } from "./use-migration";

type Field = { path: string; key: string; label: string; kind: FieldKind };
type Step = { name: "edit" } | { name: "preview"; preview: MigrationPreview; op: MigrationOp } | { name: "run"; job: MigrationView };
type Errors = { newKey?: string; kind?: string; options?: string };

const blank: MigrationDraft = { mode: "renameKey", newKey: "", kind: "", optionsText: "" };

/** The other keys of the field's section and its current choices, from the published version. */
function fieldContext(content: TemplateContent | null, path: string): { siblings: string[]; options: string[] } {
  if (!content) return { siblings: [], options: [] };
  const model = fromContent(content);
  const holder = path.split(".").slice(0, -1).join(".");
  const siblings = (holder ? (getField(model, holder)?.children ?? []) : model.sections).map((f) => f.key);
  return { siblings, options: getField(model, path)?.options ?? [] };
}

/** Step 3: the job's progress, polled every second; what could not be converted once it is done. */
function RunStep({ templateKey, job, onDone }: { templateKey: string; job: MigrationView; onDone: () => void }) {
  const { t } = useI18n();
  const m = t.templates.migration;
  const { migration, resume, resuming, error } = useMigration({ templateKey, initial: job, onFinished: onDone });
  return (
    <div className="flex flex-col gap-4" aria-live="polite">
      <MigrationProgress migration={migration} onResume={resume} resuming={resuming} error={error} />
      {migration.status === "done" && <Alert tone="success">{fmt(m.finished, { version: migration.toVersion })}</Alert>}
      {migration.status === "done" && migration.failures.length > 0 && (
        <section>
          <h3 className="mb-1.5 text-sm font-semibold text-slate-800">{m.failuresTitle}</h3>
          <ul className="flex max-h-48 flex-col divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200 text-sm">
            {migration.failures.map((f) => (
              <li key={f.id} className="flex items-center justify-between gap-3 px-3 py-2">
                <span className="min-w-0">
                  <span className="font-medium text-slate-800">{f.title || fmt(m.recordFallback, { id: f.id.slice(-6) })}</span>
                  <span className="ml-2 text-slate-600">{f.message}</span>
                </span>
                <Link href={`/t/${encodeURIComponent(templateKey)}/r/${encodeURIComponent(f.id)}`} className="shrink-0 text-blue-700 hover:underline">
                  {m.open}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/**
 * 更改字段键 / 更改类型 for one published field: choose the new key or type, preview what happens
 * to the records (counts, samples before → after, values that cannot convert), then start the
 * migration and follow its progress. Closing while it runs leaves it running (the page shows it
 * in a MigrationBanner); `onDone` is called when it finishes.
 */
export function MigrationDialog({ templateKey, field, open, onClose, onDone }: { templateKey: string; field: Field; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const m = t.templates.migration;
  const [draft, setDraft] = useState<MigrationDraft>(blank);
  const [step, setStep] = useState<Step>({ name: "edit" });
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [context, setContext] = useState<{ siblings: string[]; options: string[] }>({ siblings: [], options: [] });
  const [done, setDone] = useState(false);
  // Values that cannot convert leave their records invalid under the new version: say so knowingly.
  const [acknowledged, setAcknowledged] = useState(false);

  // Start over each time the dialog opens (a job left running shows in the page's banner).
  const [wasOpen, setWasOpen] = useState(false);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setDraft(blank);
      setStep({ name: "edit" });
      setNote("");
      setErrors({});
      setGeneral(null);
      setDone(false);
      setAcknowledged(false);
    }
  }

  useEffect(() => {
    if (!open) return;
    const ctrl = new AbortController();
    apiFetch<{ content: TemplateContent | null }>(`/api/templates/${encodeURIComponent(templateKey)}`, { signal: ctrl.signal })
      .then((res) => setContext(fieldContext(res.content, field.path)))
      .catch(() => {
        /* only hints (sibling keys, current choices) come from here; the server checks everything */
      });
    return () => ctrl.abort();
  }, [open, templateKey, field.path]);

  const suggestion = suggestFieldKey(field.label, field.key, context.siblings);
  const change = (patch: Partial<MigrationDraft>) => {
    setDraft((d) => {
      const next = { ...d, ...patch };
      // Choosing a choice type starts from the field's current choices.
      if (patch.kind && needsOptions(patch.kind) && !d.optionsText.trim() && context.options.length) next.optionsText = context.options.join("\n");
      return next;
    });
    setErrors({});
    setGeneral(null);
  };

  const validate = (): Errors => {
    if (draft.mode === "renameKey") {
      const problem = newKeyProblem(draft.newKey, field.key, context.siblings.filter((k) => k !== field.key));
      return problem ? { newKey: m.keyProblems[problem] } : {};
    }
    if (!draft.kind) return { kind: m.chooseKind };
    if (needsOptions(draft.kind)) {
      const { options, duplicates } = parseOptionsText(draft.optionsText);
      if (!options.length) return { options: m.optionsEmpty };
      if (duplicates.length) return { options: fmt(m.optionsDuplicate, { list: duplicates.join("、") }) };
    }
    return {};
  };

  const url = `/api/templates/${encodeURIComponent(templateKey)}/migrations`;
  const op = buildOp({ ...draft, path: field.path });
  const failed = (err: unknown) => {
    const message = err instanceof ApiError ? err.message : t.common.errors.generic;
    // The server's own checks (a key taken in the section, a template that would not be valid) belong next to the input.
    if (step.name === "edit" && err instanceof ApiError && err.status === 422) setErrors(draft.mode === "renameKey" ? { newKey: message } : { kind: message });
    else setGeneral(message);
  };

  const runPreview = async () => {
    const problems = validate();
    if (Object.keys(problems).length || !op) return setErrors(problems);
    setBusy(true);
    setGeneral(null);
    try {
      setStep({ name: "preview", op, preview: await apiFetch<MigrationPreview>(url, { body: { mode: "preview", op } }) });
      setAcknowledged(false);
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };
  const start = async () => {
    setBusy(true);
    setGeneral(null);
    try {
      if (step.name !== "preview") return;
      const { migration } = await apiFetch<{ migration: MigrationView }>(url, { body: { mode: "start", op: step.op, ...(note.trim() ? { note: note.trim() } : {}) } });
      setStep({ name: "run", job: migration });
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };
  const finished = () => {
    setDone(true);
    onDone();
  };

  const running = step.name === "run" && !done;
  const footer =
    step.name === "edit" ? (
      <>
        <Button onClick={onClose} disabled={busy}>
          {t.common.actions.cancel}
        </Button>
        <Button variant="primary" onClick={runPreview} busy={busy}>
          {busy ? m.previewing : m.preview}
        </Button>
      </>
    ) : step.name === "preview" ? (
      <>
        <Button onClick={() => setStep({ name: "edit" })} disabled={busy}>
          {m.back}
        </Button>
        <Button variant="primary" onClick={start} busy={busy} disabled={step.preview.failing > 0 && !acknowledged}>
          {step.preview.failing > 0 ? m.startAnyway : m.start}
        </Button>
      </>
    ) : (
      <Button variant={running ? "secondary" : "primary"} onClick={onClose}>
        {running ? m.inBackground : m.close}
      </Button>
    );

  return (
    <Dialog open={open} onClose={busy ? () => {} : onClose} title={fmt(m.title, { label: field.label || field.key })} className="max-w-2xl" footer={footer}>
      <div className="flex max-h-[65vh] flex-col gap-4 overflow-y-auto pt-1 pb-1">
        {general && <Alert tone="error">{general}</Alert>}
        {step.name === "edit" && <MigrationEditStep field={field} draft={draft} onChange={change} errors={errors} suggestion={suggestion} />}
        {step.name === "preview" && <MigrationPreviewStep templateKey={templateKey} preview={step.preview} op={step.op} note={note} onNote={setNote} acknowledged={acknowledged} onAcknowledge={setAcknowledged} />}
        {step.name === "run" && <RunStep templateKey={templateKey} job={step.job} onDone={finished} />}
      </div>
    </Dialog>
  );
}
