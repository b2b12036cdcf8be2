"use client";

import { useId, useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { FormDialog } from "@/components/ui/form-dialog";
import { FormField, Input } from "@/components/ui/form-controls";
import { passwordProblem } from "@/lib/auth/password-rules";
import type { Role } from "@/lib/shared/role";
import type { UserView } from "@/lib/users/types";
import { fieldErrorMap, otherErrors } from "./field-error-map";
import { PasswordInput } from "./password-input";
import { RoleSelect } from "./role-select";

const FIELDS = ["email", "name", "role", "password"] as const;
const blank = { email: "", name: "", role: "agent" as Role, password: "" };

/** "添加用户": email, name, role and an initial password; the server's field errors show per field. */
export function CreateUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (user: UserView) => void }) {
  const { t, locale } = useI18n();
  const u = t.users;
  const id = useId();
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);

  const set = <K extends keyof typeof blank>(key: K, value: (typeof blank)[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors(({ [key]: _gone, ...rest }) => rest);
  };
  const close = () => {
    setForm(blank);
    setErrors({});
    setGeneral(null);
    onClose();
  };
  const submit = async () => {
    setGeneral(null);
    try {
      const { user } = await apiFetch<{ user: UserView }>("/api/users", { body: form });
      onCreated(user);
      close();
    } catch (err) {
      if (!(err instanceof ApiError)) return setGeneral(t.common.errors.generic);
      const map = fieldErrorMap(err.fieldErrors);
      // The server checks the password rules only once the other fields parse; show every problem now.
      const weak = form.password ? passwordProblem(form.password, locale) : null;
      if (weak && !map.password) map.password = weak;
      setErrors(map);
      setGeneral(Object.keys(map).length ? otherErrors(err.fieldErrors, FIELDS) : err.message);
    }
  };

  return (
    <FormDialog open={open} onClose={close} title={u.createTitle} submitLabel={u.submitCreate} onSubmit={submit} noValidate formClassName="flex flex-col gap-4 pt-2 pb-1">
      {general && <Alert tone="error">{general}</Alert>}
      <FormField id={`${id}-email`} label={u.form.email} required error={errors.email}>
        <Input
          id={`${id}-email`}
          type="email"
          autoComplete="off"
          value={form.email}
          onChange={(e) => set("email", e.target.value)}
          invalid={!!errors.email}
          aria-describedby={errors.email ? `${id}-email-error` : undefined}
          autoFocus
        />
      </FormField>
      <FormField id={`${id}-name`} label={u.form.name} required error={errors.name}>
        <Input
          id={`${id}-name`}
          autoComplete="off"
          value={form.name}
          onChange={(e) => set("name", e.target.value)}
          invalid={!!errors.name}
          aria-describedby={errors.name ? `${id}-name-error` : undefined}
        />
      </FormField>
      <FormField id={`${id}-role`} label={u.form.role} required error={errors.role} help={u.roleHelp[form.role]}>
        <RoleSelect id={`${id}-role`} value={form.role} onChange={(r) => set("role", r)} invalid={!!errors.role} />
      </FormField>
      <FormField id={`${id}-password`} label={u.form.password} required error={errors.password} help={u.form.passwordRules}>
        <PasswordInput
          id={`${id}-password`}
          value={form.password}
          onChange={(v) => set("password", v)}
          invalid={!!errors.password}
          describedBy={errors.password ? `${id}-password-error` : undefined}
          labels={{ show: u.form.showPassword, hide: u.form.hidePassword }}
        />
      </FormField>
    </FormDialog>
  );
}
