"use client";

import { fmt } from "@/lib/i18n/dictionaries";
import { useI18n } from "../i18n-provider";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

/** The sticky bar at the bottom of the form: where the form stands, and 保存 / 取消. */
export function SaveBar({ dirty, errorCount, saving, onCancel }: { dirty: boolean; errorCount: number; saving: boolean; onCancel: () => void }) {
  const { t } = useI18n();
  const status = saving ? t.form.saving : errorCount > 0 ? fmt(t.form.statusErrors, { n: errorCount }) : dirty ? t.form.statusDirty : t.form.statusClean;
  return (
    <div className="sticky bottom-3 z-10 mt-6 rounded-lg border border-slate-200 bg-white/95 px-4 py-3 shadow-lg backdrop-blur">
      <div className="flex items-center justify-between gap-3">
        <p role="status" aria-live="polite" className={cn("flex items-center gap-2 text-sm", errorCount > 0 ? "text-red-600" : dirty ? "text-amber-700" : "text-slate-500")}>
          <span className={cn("size-2 rounded-full", errorCount > 0 ? "bg-red-500" : dirty ? "bg-amber-500" : "bg-slate-300")} aria-hidden="true" />
          {status}
        </p>
        <div className="flex items-center gap-2">
          <span className="hidden text-xs text-slate-400 md:inline">{t.form.shortcut}</span>
          <Button onClick={onCancel} disabled={saving}>
            {t.form.cancel}
          </Button>
          <Button type="submit" variant="primary" busy={saving}>
            {saving ? t.form.saving : t.form.save}
          </Button>
        </div>
      </div>
    </div>
  );
}
