"use client";

import { useI18n } from "@/components/i18n-provider";
import { Select } from "@/components/ui/form-controls";
import { ROLES, type Role } from "@/lib/shared/role";

/** A role picker with the Chinese role names. */
export function RoleSelect({ id, value, onChange, disabled, invalid }: { id: string; value: Role; onChange: (r: Role) => void; disabled?: boolean; invalid?: boolean }) {
  const { t } = useI18n();
  return (
    <Select id={id} value={value} onChange={(e) => onChange(e.target.value as Role)} disabled={disabled} invalid={invalid}>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t.common.roles[r]}
        </option>
      ))}
    </Select>
  );
}
