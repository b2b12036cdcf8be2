"use client";

import type { FieldKind } from "@/lib/schema/types";
import { useI18n } from "../i18n-provider";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";

/** Props of the key/type migration dialog the designer opens for a published field. */
export interface MigrationDialogProps {
  templateKey: string;
  field: { path: string; key: string; label: string; kind: FieldKind };
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

/** Placeholder with the real dialog's props; the templates work replaces it with the migration UI. */
export function MigrationDialog({ open, onClose }: MigrationDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog open={open} onClose={onClose} title={t.designer.migrationPlaceholder.title} footer={<Button onClick={onClose}>{t.designer.migrationPlaceholder.close}</Button>}>
      {t.designer.migrationPlaceholder.body}
    </Dialog>
  );
}
