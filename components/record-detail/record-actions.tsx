"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { fmt } from "@/lib/i18n/dictionaries";

const recordUrl = (templateKey: string, recordId: string) => `/api/templates/${encodeURIComponent(templateKey)}/records/${recordId}`;

/** 编辑 and 删除 for a record, each shown only when the viewer's role allows it. */
export function RecordActions({
  templateKey,
  recordId,
  revision,
  title,
  canEdit,
  canDelete,
}: {
  templateKey: string;
  recordId: string;
  revision: number;
  title: string;
  canEdit: boolean;
  canDelete: boolean;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; isConflict: boolean } | null>(null);
  if (!canEdit && !canDelete) return null;

  // The service's conflict message speaks of unsaved edits; for a delete, say what to do instead.
  const deleteError = (err: unknown) => {
    if (!(err instanceof ApiError)) return { message: t.common.errors.generic, isConflict: false };
    const { currentRevision, updatedBy } = err.details;
    if (err.status === 409 && typeof currentRevision === "number")
      return { message: fmt(t.detail.deleteConflict, { name: String(updatedBy ?? ""), n: currentRevision }), isConflict: true };
    return { message: err.message, isConflict: err.status === 409 };
  };
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`${recordUrl(templateKey, recordId)}?revision=${revision}`, { method: "DELETE" });
      toast(t.detail.deletedToast);
      setConfirming(false);
      router.push(`/t/${encodeURIComponent(templateKey)}`);
      router.refresh();
    } catch (err) {
      setError(deleteError(err));
    } finally {
      setBusy(false);
    }
  };
  // After a conflict, loading the latest revision lets the user decide again with fresh data.
  const reload = () => {
    setError(null);
    router.refresh();
  };

  return (
    <div className="flex shrink-0 items-center gap-2">
      {canEdit && (
        <ButtonLink href={`/t/${encodeURIComponent(templateKey)}/r/${recordId}/edit`} variant="primary">
          {t.detail.actions.edit}
        </ButtonLink>
      )}
      {canDelete && (
        <Button variant="secondary" className="text-red-700 hover:bg-red-50" onClick={() => setConfirming(true)}>
          {t.detail.actions.delete}
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        danger
        busy={busy}
        title={t.detail.deleteDialog.title}
        confirmLabel={t.detail.deleteDialog.confirm}
        description={
          <div className="flex flex-col gap-3">
            <p>{fmt(t.detail.deleteDialog.description, { title })}</p>
            {error && (
              <Alert tone="error" actions={error.isConflict ? <Button size="sm" onClick={reload}>{t.detail.actions.reload}</Button> : undefined}>
                {error.message}
              </Alert>
            )}
          </div>
        }
        onConfirm={remove}
        onCancel={() => {
          setConfirming(false);
          setError(null);
        }}
      />
    </div>
  );
}

/** The recycle-bin banner's 恢复 button; a failure (e.g. a unique value now taken) is shown beside it. */
export function RestoreRecordButton({ templateKey, recordId }: { templateKey: string; recordId: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`${recordUrl(templateKey, recordId)}/restore`, { method: "POST" });
      toast(t.detail.restoredToast);
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t.common.errors.generic);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button variant="primary" size="sm" busy={busy} onClick={restore}>
          {t.detail.actions.restore}
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
