"use client";

import { useEffect, useId, useMemo, useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { fieldErrorMap, otherErrors } from "@/components/users/field-error-map";
import { Alert } from "@/components/ui/alert";
import { FormDialog } from "@/components/ui/form-dialog";
import { FormField, Select } from "@/components/ui/form-controls";
import { Spinner } from "@/components/ui/spinner";
import { fmt } from "@/lib/i18n/dictionaries";
import { formatDateTime } from "@/lib/schema/format-value";
import type { TemplateAdminSummary, VersionSummary } from "@/lib/templates/edit-types";
import { blankInfo, TemplateInfoFields, type TemplateInfo } from "./template-info-fields";
import { infoProblems, suggestTemplateKey } from "./template-key";

const FIELDS = ["name", "key", "productLine", "description", "version", "source"] as const;

/**
 * "新建模板" (blank) or, with a `source`, "克隆…": pick the source version, name the clone, see its
 * key (derived from the name until typed), product line and description. Creates it and hands
 * the new template to `onCreated` (the page then opens the designer).
 */
export function NewTemplateDialog({
  open,
  source,
  takenKeys,
  onClose,
  onCreated,
}: {
  open: boolean;
  source?: TemplateAdminSummary | null;
  takenKeys: string[];
  onClose: () => void;
  onCreated: (template: TemplateAdminSummary) => void;
}) {
  const { t } = useI18n();
  const d = t.templates;
  const id = useId();
  const initial = useMemo<TemplateInfo>(
    () => (source ? { ...blankInfo, productLine: source.productLine, description: source.description } : blankInfo),
    [source],
  );
  const [info, setInfo] = useState<TemplateInfo>(initial);
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [version, setVersion] = useState<number | null>(source?.currentVersion ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const derivedKey = useMemo(() => suggestTemplateKey(info.name, takenKeys), [info.name, takenKeys]);

  // Reset whenever the dialog opens for another source.
  const [openedFor, setOpenedFor] = useState<string | null>(null);
  const openKey = open ? (source?.key ?? "") : null;
  if (openKey !== openedFor) {
    setOpenedFor(openKey);
    setInfo(initial);
    setErrors({});
    setGeneral(null);
    setVersions(null);
    setVersion(source?.currentVersion ?? null);
  }

  useEffect(() => {
    if (!open || !source) return;
    const ctrl = new AbortController();
    apiFetch<{ versions: VersionSummary[] }>(`/api/templates/${encodeURIComponent(source.key)}/versions`, { signal: ctrl.signal })
      .then((res) => setVersions(res.versions))
      .catch((err) => {
        if ((err as Error).name !== "AbortError") setGeneral(err instanceof ApiError ? err.message : t.common.errors.generic);
      });
    return () => ctrl.abort();
  }, [open, source, t.common.errors.generic]);

  const change = (next: TemplateInfo, field: keyof TemplateInfo) => {
    setInfo(next);
    setErrors(({ [field]: _gone, ...rest }) => (field === "name" ? (({ key: _k, ...r }) => r)(rest) : rest));
  };

  const submit = async () => {
    const problems = infoProblems(info, derivedKey, takenKeys);
    const local: Record<string, string> = {};
    if (problems.name) local.name = d.form.required;
    if (problems.key) local.key = d.keyProblems[problems.key];
    if (Object.keys(local).length) return setErrors(local);
    setGeneral(null);
    const body = {
      mode: source ? "clone" : "blank",
      ...(source ? { source: source.key, version: version ?? undefined } : {}),
      name: info.name.trim(),
      key: (info.key ?? derivedKey).trim(),
      productLine: info.productLine.trim(),
      description: info.description.trim(),
    };
    try {
      const { template } = await apiFetch<{ template: TemplateAdminSummary }>("/api/templates", { body });
      onCreated(template);
    } catch (err) {
      if (!(err instanceof ApiError)) return setGeneral(t.common.errors.generic);
      const map = fieldErrorMap(err.fieldErrors);
      setErrors(map);
      setGeneral(Object.keys(map).length ? otherErrors(err.fieldErrors, FIELDS) : err.message);
    }
  };

  const notPublished = source && source.currentVersion < 1;
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={source ? fmt(d.clone.title, { name: source.name }) : d.create.title}
      className="max-w-lg"
      submitLabel={source ? d.clone.submit : d.create.submit}
      onSubmit={submit}
      submitDisabled={!!notPublished}
      noValidate
      formClassName="flex flex-col gap-4 pt-1 pb-1"
    >
      <p className="text-sm text-slate-500">{source ? d.clone.help : d.create.help}</p>
      {general && <Alert tone="error">{general}</Alert>}
      {notPublished && <Alert tone="warning">{d.clone.notPublished}</Alert>}
      {source && !notPublished && (
        <FormField id={`${id}-version`} label={d.clone.sourceVersion} error={errors.version}>
          {versions ? (
            <Select id={`${id}-version`} value={version ?? ""} onChange={(e) => setVersion(Number(e.target.value))}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  {fmt(d.clone.versionOption, { n: v.version, date: formatDateTime(v.publishedAt) })}
                  {v.isCurrent ? d.clone.current : ""}
                  {v.note ? ` · ${v.note.slice(0, 40)}` : ""}
                </option>
              ))}
            </Select>
          ) : (
            <p className="flex h-9 items-center gap-2 text-sm text-slate-500">
              <Spinner className="size-4" />
              {d.clone.loading}
            </p>
          )}
        </FormField>
      )}
      <TemplateInfoFields idPrefix={id} value={info} onChange={change} errors={errors} derivedKey={derivedKey} namePlaceholder={source ? d.clone.namePlaceholder : undefined}
        descriptionNote={source && source.description && info.description === source.description ? fmt(d.clone.descriptionCopied, { name: source.name }) : undefined}
      />
    </FormDialog>
  );
}
