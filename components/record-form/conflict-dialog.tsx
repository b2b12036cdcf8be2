"use client";

import { fmt } from "@/lib/i18n/dictionaries";
import type { ApiError } from "../api-client";
import { useI18n } from "../i18n-provider";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";

/**
 * Shown when someone else saved the record after it was opened. Nothing is overwritten unless the
 * user explicitly chooses to; what they typed stays on the page either way.
 */
export function ConflictDialog({ error, latestHref, onReload, onOverwrite, onClose }: { error: ApiError | null; latestHref: string; onReload: () => void; onOverwrite: (revision: number) => void; onClose: () => void }) {
  const { t } = useI18n();
  const fields = (error?.details.changedFields as string[] | undefined) ?? [];
  const revision = Number(error?.details.currentRevision);
  return (
    <Dialog open={error !== null} onClose={onClose} title={t.form.conflictTitle} className="max-w-lg">
      <div className="flex flex-col gap-3">
        <p className="text-slate-700">{error?.message}</p>
        {fields.length > 0 && <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900">{fmt(t.form.conflictChanged, { fields: fields.join("、") })}</p>}
        <p>{t.form.conflictKeep}</p>
        <div className="flex flex-col gap-2 pb-5">
          <a href={latestHref} target="_blank" rel="noreferrer" className="text-sm font-medium text-blue-700 hover:underline">
            {t.form.conflictOpenLatest} ↗
          </a>
          <Button onClick={onReload}>{t.form.conflictReload}</Button>
          {Number.isInteger(revision) && (
            <Button variant="danger" onClick={() => onOverwrite(revision)}>
              {t.form.conflictOverwrite}
            </Button>
          )}
          <p className="text-xs text-slate-500">{t.form.conflictOverwriteHint}</p>
          <Button variant="ghost" onClick={onClose}>
            {t.form.keepEditing}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
