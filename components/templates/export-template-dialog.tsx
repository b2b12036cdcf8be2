"use client";

import { useEffect, useId, useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField, Select } from "@/components/ui/form-controls";
import { Spinner } from "@/components/ui/spinner";
import { fmt } from "@/lib/i18n/dictionaries";
import { formatDateTime } from "@/lib/schema/format-value";
import type { TemplateAdminSummary, VersionSummary } from "@/lib/templates/edit-types";

/** The address that downloads a template version (or the draft) as a JSON file. */
export function exportHref(templateKey: string, version: number | "draft"): string {
  return `/api/templates/${encodeURIComponent(templateKey)}/export?version=${version}`;
}

/** "导出…": choose a published version or the draft and download it as a JSON file. */
export function ExportTemplateDialog({ template, onClose, onStarted }: { template: TemplateAdminSummary | null; onClose: () => void; onStarted: () => void }) {
  const { t } = useI18n();
  const d = t.templates.exportDialog;
  const id = useId();
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [choice, setChoice] = useState<string>("");

  const [openedFor, setOpenedFor] = useState<string | null>(null);
  if ((template?.key ?? null) !== openedFor) {
    setOpenedFor(template?.key ?? null);
    setVersions(null);
    setError(null);
    setChoice(template ? (template.currentVersion > 0 ? String(template.currentVersion) : template.hasDraft ? "draft" : "") : "");
  }

  useEffect(() => {
    if (!template) return;
    const ctrl = new AbortController();
    apiFetch<{ versions: VersionSummary[] }>(`/api/templates/${encodeURIComponent(template.key)}/versions`, { signal: ctrl.signal })
      .then((res) => setVersions(res.versions))
      .catch((err) => {
        if ((err as Error).name !== "AbortError") setError(err instanceof ApiError ? err.message : t.common.errors.generic);
      });
    return () => ctrl.abort();
  }, [template, t.common.errors.generic]);

  const nothing = template && template.currentVersion < 1 && !template.hasDraft;
  return (
    <Dialog
      open={!!template}
      onClose={onClose}
      title={template ? fmt(d.title, { name: template.name }) : ""}
      footer={
        <>
          <Button onClick={onClose}>{t.common.actions.cancel}</Button>
          {template && choice && (
            <a href={exportHref(template.key, choice === "draft" ? "draft" : Number(choice))} download onClick={onStarted} className={buttonClass("primary")}>
              {d.submit}
            </a>
          )}
        </>
      }
    >
      <div className="flex flex-col gap-4 pt-1 pb-1">
        <p className="text-sm text-slate-500">{d.help}</p>
        {error && <Alert tone="error">{error}</Alert>}
        {nothing ? (
          <Alert tone="warning">{d.nothing}</Alert>
        ) : (
          <FormField id={`${id}-version`} label={d.version}>
            {versions ? (
              <Select id={`${id}-version`} value={choice} onChange={(e) => setChoice(e.target.value)}>
                {template?.hasDraft && <option value="draft">{d.draft}</option>}
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {fmt(t.templates.clone.versionOption, { n: v.version, date: formatDateTime(v.publishedAt) })}
                    {v.isCurrent ? t.templates.clone.current : ""}
                  </option>
                ))}
              </Select>
            ) : (
              <p className="flex h-9 items-center gap-2 text-sm text-slate-500">
                <Spinner className="size-4" />
                {t.templates.clone.loading}
              </p>
            )}
          </FormField>
        )}
      </div>
    </Dialog>
  );
}
