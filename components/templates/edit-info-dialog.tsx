"use client";

import { useId, useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { fieldErrorMap, otherErrors } from "@/components/users/field-error-map";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { fmt } from "@/lib/i18n/dictionaries";
import type { TemplateAdminSummary } from "@/lib/templates/edit-types";
import { TemplateInfoFields, type TemplateInfo } from "./template-info-fields";

const FIELDS = ["name", "productLine", "description", "revision"] as const;

/**
 * "编辑信息": name, product line and description (not versioned), saved against the revision the
 * administrator saw; a concurrent change is reported with a way to load it and save again.
 */
export function EditInfoDialog({
  template,
  onClose,
  onSaved,
  onReload,
}: {
  template: TemplateAdminSummary;
  onClose: () => void;
  onSaved: (template: TemplateAdminSummary) => void;
  onReload: () => Promise<TemplateAdminSummary | null>;
}) {
  const { t } = useI18n();
  const d = t.templates.editInfo;
  const id = useId();
  const [info, setInfo] = useState<TemplateInfo>({ name: template.name, key: template.key, productLine: template.productLine, description: template.description });
  const [revision, setRevision] = useState(template.revision);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!info.name.trim()) return setErrors({ name: t.templates.form.required });
    setBusy(true);
    setGeneral(null);
    try {
      const body = { revision, name: info.name.trim(), productLine: info.productLine.trim(), description: info.description.trim() };
      const { template: saved } = await apiFetch<{ template: TemplateAdminSummary }>(`/api/templates/${encodeURIComponent(template.key)}`, { method: "PATCH", body });
      onSaved(saved);
    } catch (err) {
      if (!(err instanceof ApiError)) return setGeneral(t.common.errors.generic);
      if (err.status === 409) return setConflict(true);
      const map = fieldErrorMap(err.fieldErrors);
      setErrors(map);
      setGeneral(Object.keys(map).length ? otherErrors(err.fieldErrors, FIELDS) : err.message);
    } finally {
      setBusy(false);
    }
  };
  const reload = async () => {
    setBusy(true);
    const fresh = await onReload();
    setBusy(false);
    if (fresh) {
      setRevision(fresh.revision);
      setConflict(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? () => {} : onClose}
      title={fmt(d.title, { name: template.name })}
      className="max-w-lg"
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            {t.common.actions.cancel}
          </Button>
          <Button type="submit" form={`${id}-form`} variant="primary" busy={busy} disabled={conflict}>
            {d.submit}
          </Button>
        </>
      }
    >
      <form id={`${id}-form`} onSubmit={submit} noValidate className="flex flex-col gap-4 pt-1 pb-1">
        <p className="text-sm text-slate-500">{fmt(d.help, { key: template.key })}</p>
        {general && <Alert tone="error">{general}</Alert>}
        {conflict && (
          <Alert
            tone="warning"
            actions={
              <Button size="sm" onClick={reload} busy={busy}>
                {d.reload}
              </Button>
            }
          >
            {d.conflict}
          </Alert>
        )}
        <TemplateInfoFields
          idPrefix={id}
          value={info}
          withKey={false}
          onChange={(next, field) => {
            setInfo(next);
            setErrors(({ [field]: _gone, ...rest }) => rest);
          }}
          errors={errors}
        />
      </form>
    </Dialog>
  );
}
