"use client";

import { useState } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import type { RecordRow } from "@/lib/records/types";
import { ApiError, apiFetch } from "../api-client";
import { useI18n } from "../i18n-provider";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useToast } from "../ui/toast";
import { useListNav } from "./list-nav";

/** 恢复 on a recycle-bin row: asks first, restores through the API, then reloads the list. */
export function RestoreButton({ row }: { row: RecordRow }) {
  const { t } = useI18n();
  const { templateKey, refresh } = useListNav();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const title = row.title || t.list.table.untitled;

  const restore = async () => {
    setBusy(true);
    try {
      await apiFetch(`/api/templates/${encodeURIComponent(templateKey)}/records/${row.id}/restore`, { method: "POST" });
      toast(fmt(t.list.restore.done, { title }));
      setOpen(false);
      refresh();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : t.common.errors.generic, "error");
    } finally {
      setBusy(false);
    }
  };

  // The dialog lives inside the table row: keep its clicks from reaching the row (which opens the
  // record), and its text from inheriting the cell's right alignment.
  return (
    <span className="text-left" onClick={(e) => e.stopPropagation()}>
      <Button size="sm" onClick={() => setOpen(true)}>
        {t.list.restore.action}
      </Button>
      <ConfirmDialog
        open={open}
        title={t.list.restore.title}
        description={fmt(t.list.restore.description, { title })}
        confirmLabel={t.list.restore.action}
        busy={busy}
        onConfirm={restore}
        onCancel={() => setOpen(false)}
      />
    </span>
  );
}
