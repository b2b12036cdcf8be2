"use client";

import { useEffect, useRef, useState } from "react";
import { fieldLabelPath } from "@/lib/template-model/field-label-path";
import type { DesignerProblem } from "@/lib/template-model/check-model";
import { toContent } from "@/lib/template-model/to-content";
import { fmt } from "@/lib/i18n/dictionaries";
import type { ImpactReport } from "@/lib/templates/edit-types";
import { ApiError, apiFetch } from "../api-client";
import { useI18n } from "../i18n-provider";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { Input } from "../ui/form-controls";
import { Spinner } from "../ui/spinner";
import { useToast } from "../ui/toast";
import { problemsOfError, type Designer } from "./use-designer";

type Phase =
  | { step: "saving" | "analysing" | "nothing" }
  | { step: "problems"; problems: DesignerProblem[] }
  | { step: "error"; message: string }
  | { step: "ready"; report: ImpactReport };

/**
 * 发布…: saves pending changes, asks the server which existing records the new version would
 * reject (grouped by reason, each record a link), takes a version note, and publishes.
 */
export function PublishDialog({
  open,
  onClose,
  designer: d,
  onPublished,
  onPickProblem,
}: {
  open: boolean;
  onClose: () => void;
  designer: Designer;
  onPublished: (version: number) => void;
  /** Takes the admin to a problem's place (the dialog closes). */
  onPickProblem: (path: string) => void;
}) {
  const { t, locale } = useI18n();
  const pb = t.designer.publish;
  const toast = useToast();
  const [phase, setPhase] = useState<Phase>({ step: "saving" });
  const [note, setNote] = useState("");
  const [publishing, setPublishing] = useState(false);
  const [round, setRound] = useState(0);
  const key = d.template.key;
  const dRef = useRef(d);
  useEffect(() => {
    dRef.current = d;
  });

  useEffect(() => {
    if (!open) return;
    let live = true;
    const run = async () => {
      const cur = dRef.current;
      setPhase({ step: "saving" });
      // The same checks the designer shows and publishDraft runs (on the server: they compile).
      let problems;
      try {
        problems = (await cur.check(toContent(cur.model))).problems;
      } catch (err) {
        if (live) setPhase({ step: "error", message: fmt(pb.failed, { message: (err as Error).message }) });
        return;
      }
      if (!live) return;
      if (problems.length) return setPhase({ step: "problems", problems });
      const wasDirty = cur.dirty;
      if (wasDirty) {
        const saved = await cur.save(true);
        if (!live) return;
        if (!saved || !saved.ok) return setPhase({ step: "error", message: saved ? saved.error.message : t.designer.status.conflict });
      }
      if (!wasDirty && !cur.draft) return setPhase({ step: "nothing" });
      setPhase({ step: "analysing" });
      try {
        const report = await apiFetch<ImpactReport>(`/api/templates/${encodeURIComponent(key)}/impact?limit=20`, { method: "POST" });
        if (live) setPhase({ step: "ready", report });
      } catch (err) {
        if (live) setPhase({ step: "error", message: fmt(pb.failed, { message: (err as Error).message }) });
      }
    };
    void run();
    return () => {
      live = false;
    };
  }, [open, round, key, pb, t, locale]);

  const publish = async () => {
    setPublishing(true);
    try {
      const res = await apiFetch<{ version: number }>(`/api/templates/${encodeURIComponent(key)}/publish`, { method: "POST", body: { revision: d.revision.current, note: note.trim() || undefined } });
      toast(fmt(pb.published, { n: res.version }));
      setNote("");
      await d.reload();
      onPublished(res.version);
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, "INTERNAL", (err as Error).message);
      // A refusal names its problems; list them with their places like the checks' own.
      if (e.status === 422 && problemsOfError(e).length) setPhase({ step: "problems", problems: problemsOfError(e) });
      else setPhase({ step: "error", message: e.message });
    } finally {
      setPublishing(false);
    }
  };

  const next = d.template.currentVersion + 1;
  const busy = phase.step === "saving" || phase.step === "analysing";
  return (
    <Dialog
      open={open}
      onClose={() => !publishing && onClose()}
      title={pb.title}
      className="max-w-2xl"
      footer={
        <>
          <Button onClick={onClose} disabled={publishing}>
            {t.common.actions.cancel}
          </Button>
          {phase.step === "error" && <Button onClick={() => setRound((r) => r + 1)}>{pb.retry}</Button>}
          <Button variant="primary" disabled={phase.step !== "ready"} busy={publishing} onClick={() => void publish()}>
            {fmt(pb.submit, { n: next })}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-4 pb-1">
        {busy && (
          <div role="status" className="flex items-center gap-3 rounded-md bg-slate-50 px-4 py-6 text-slate-600">
            <Spinner />
            {phase.step === "saving" ? pb.saving : pb.analysing}
          </div>
        )}
        {phase.step === "nothing" && <Alert tone="info">{pb.nothing}</Alert>}
        {phase.step === "error" && <Alert tone="error">{phase.message}</Alert>}
        {phase.step === "problems" && (
          <Alert tone="error" title={fmt(pb.problems, { n: phase.problems.length })}>
            <ul className="mt-1 flex flex-col gap-1">
              {phase.problems.slice(0, 10).map((p, i) => (
                <li key={i}>
                  <button type="button" onClick={() => onPickProblem(p.path)} className="flex w-full flex-col rounded px-2 py-1 text-left hover:bg-red-100 focus-visible:outline-2 focus-visible:outline-blue-600">
                    <span className="text-xs text-red-800/80">{fieldLabelPath(d.model, p.path, t.designer.templateItself)} · {pb.goTo}</span>
                    <span>{p.message}</span>
                  </button>
                </li>
              ))}
            </ul>
            {phase.problems.length > 10 && <p className="mt-1 text-xs">{fmt(pb.more, { n: phase.problems.length - 10 })}</p>}
          </Alert>
        )}
        {phase.step === "ready" && <ImpactSummary report={phase.report} templateKey={key} />}
        {phase.step === "ready" && (
          <div className="flex flex-col gap-1.5">
            <label htmlFor="publish-note" className="text-sm font-medium text-slate-700">
              {pb.note}
            </label>
            <Input id="publish-note" value={note} maxLength={500} placeholder={pb.notePlaceholder} onChange={(e) => setNote(e.target.value)} />
          </div>
        )}
      </div>
    </Dialog>
  );
}

function ImpactSummary({ report, templateKey }: { report: ImpactReport; templateKey: string }) {
  const { t } = useI18n();
  const pb = t.designer.publish;
  if (report.failing === 0) return <Alert tone="success">{fmt(pb.allGood, { total: report.total })}</Alert>;
  return (
    <div className="flex flex-col gap-3">
      <Alert tone="warning" title={fmt(pb.summary, { total: report.total, failing: report.failing })}>
        {pb.failingNote}
      </Alert>
      <div className="flex max-h-[40vh] flex-col gap-3 overflow-y-auto">
      {report.groups.map((g) => (
        <section key={g.reason} className="rounded-md border border-slate-200">
          <header className="flex flex-wrap items-center gap-2 border-b border-slate-100 bg-slate-50 px-3 py-2">
            <h3 className="text-sm font-semibold text-slate-800">{pb.reasons[g.reason] ?? g.label}</h3>
            <Badge tone="amber">{g.count}</Badge>
            {g.fields.map((f) => (
              <span key={f.path} className="text-xs text-slate-500">
                {f.label}（{f.count}）
              </span>
            ))}
          </header>
          <ul className="divide-y divide-slate-100">
            {g.records.map((r) => (
              <li key={r.id} className="flex flex-wrap items-baseline justify-between gap-x-3 px-3 py-1.5 text-sm">
                <a href={`/t/${encodeURIComponent(templateKey)}/r/${r.id}`} target="_blank" rel="noreferrer" className="font-medium text-blue-700 hover:underline" aria-label={fmt(pb.open, { title: r.title || r.id })}>
                  {r.title || r.id} ↗
                </a>
                <span className="text-xs text-slate-500">{r.errors[0]?.message}</span>
              </li>
            ))}
          </ul>
          {g.count > g.records.length && <p className="px-3 py-1.5 text-xs text-slate-500">{fmt(pb.more, { n: g.count - g.records.length })}</p>}
        </section>
      ))}
      </div>
    </div>
  );
}
