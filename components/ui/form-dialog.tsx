"use client";

import { useId, useState, type FormEvent, type ReactNode } from "react";
import { useI18n } from "../i18n-provider";
import { Button } from "./button";
import { Dialog } from "./dialog";

/**
 * A dialog around one form: its fields as children, 取消 and the submit button in the footer.
 * Enter in a field submits; the button shows busy while `onSubmit` runs, a second submit waits
 * for the first, and the dialog stays open until it is done. `onSubmit` reports its own errors, which the dialog shows where they belong (next
 * to a field, or above or below the form), and closes the dialog itself when it is done.
 */
export function FormDialog({
  open = true,
  onClose,
  title,
  submitLabel,
  onSubmit,
  children,
  className,
  formClassName = "flex flex-col gap-4",
  noValidate,
  submitDisabled,
  danger = false,
}: {
  open?: boolean;
  onClose: () => void;
  title: ReactNode;
  submitLabel: ReactNode;
  onSubmit: () => Promise<void> | void;
  children: ReactNode;
  className?: string;
  formClassName?: string;
  noValidate?: boolean;
  submitDisabled?: boolean;
  danger?: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await onSubmit();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      // Esc does not close the dialog while its submit is on the way.
      onClose={busy ? () => {} : onClose}
      title={title}
      className={className}
      footer={
        <>
          <Button onClick={onClose} disabled={busy}>
            {t.common.actions.cancel}
          </Button>
          <Button type="submit" form={`${id}-form`} variant={danger ? "danger" : "primary"} busy={busy} disabled={submitDisabled}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={`${id}-form`} onSubmit={submit} noValidate={noValidate} className={formClassName}>
        {children}
      </form>
    </Dialog>
  );
}
