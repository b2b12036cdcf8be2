"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { fmt } from "@/lib/i18n/dictionaries";
import type { ImportJobView, ImportView } from "@/lib/imports/import-view";
import { ImportProgress } from "./import-progress";

/**
 * 撤销这次导入, once the run has ended: asks first and says what will happen, then shows the undo's
 * progress and what it did, with the records it left alone because someone changed them since.
 */
export function ImportUndo({ view, templateKey, busy, onUndo }: { view: ImportView; templateKey: string; busy: boolean; onUndo: () => Promise<void> }) {
  const { t } = useI18n();
  const d = t.imports.undo;
  const [asking, setAsking] = useState(false);
  const router = useRouter();
  const undo = view.undo;
  const finished = undo?.progress.status === "done";
  // The history below is rendered by the server: show it the import as undone.
  useEffect(() => {
    if (finished) router.refresh();
  }, [finished, router]);
  if (!undo)
    return (
      <>
        <Button className="mt-4" onClick={() => setAsking(true)}>
          {d.button}
        </Button>
        <ConfirmDialog
          open={asking}
          danger
          title={d.title}
          description={fmt(d.description, { created: view.run?.records?.created ?? 0, updated: view.run?.records?.updated ?? 0 })}
          confirmLabel={d.confirm}
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={async () => {
            await onUndo();
            setAsking(false);
          }}
        />
      </>
    );
  const status = undo.progress.status;
  return (
    <div className="mt-4 border-t border-slate-100 pt-4" data-testid="import-undo">
      <ImportProgress job={undo as unknown as ImportJobView} label={d.running} />
      {status === "done" && <p className="mt-2 text-sm text-slate-700">{fmt(d.done, { trashed: undo.trashed ?? 0, reverted: undo.reverted ?? 0 })}</p>}
      {status === "failed" && (
        <Alert tone="warning" className="mt-2">
          {fmt(d.failed, { error: undo.progress.error ?? "" })}
        </Alert>
      )}
      {(undo.kept ?? 0) > 0 && (
        <div className="mt-2 text-sm text-slate-700">
          <p>{fmt(d.kept, { kept: undo.kept ?? 0 })}</p>
          <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
            {(undo.keptIds ?? []).map((id) => (
              <li key={id}>
                <Link className="text-blue-700 hover:underline" href={`/t/${encodeURIComponent(templateKey)}/r/${id}`}>
                  {undo.keptTitles?.[id] || fmt(d.keptRecord, { id: id.slice(-6) })}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
