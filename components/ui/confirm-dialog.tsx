"use client";

import type { ReactNode } from "react";
import { useI18n } from "../i18n-provider";
import { Button } from "./button";
import { Dialog } from "./dialog";

/** Asks before a destructive or irreversible action. */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title={title}
      footer={
        <>
          <Button onClick={onCancel} disabled={busy}>
            {t.common.actions.cancel}
          </Button>
          <Button variant={danger ? "danger" : "primary"} onClick={onConfirm} busy={busy} autoFocus>
            {confirmLabel ?? t.common.actions.confirm}
          </Button>
        </>
      }
    >
      {description}
    </Dialog>
  );
}
