"use client";

import { useId, useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import { FormField, Input, Select } from "@/components/ui/form-controls";
import { fmt } from "@/lib/i18n/dictionaries";
import { passwordProblem } from "@/lib/auth/password-rules";
import type { Role } from "@/lib/shared/role";
import type { TeamView, UserView } from "@/lib/users/types";
import { fieldErrorMap, otherErrors } from "./field-error-map";
import { PasswordInput } from "./password-input";
import { RoleSelect } from "./role-select";

const FIELDS = ["name", "role", "teamId", "active", "password"] as const;

interface Draft {
  name: string;
  role: Role;
  teamId: string;
  active: boolean;
  password: string;
}

const draftOf = (user: UserView): Draft => ({ name: user.name, role: user.role, teamId: user.teamId ?? "", active: user.active, password: "" });

/**
 * "编辑": name, role, team, active flag and a password reset. Only changed fields are sent, with the
 * revision the dialog opened at; a concurrent change (409) is explained and can be reloaded.
 * Deactivating asks first. The parent remounts this per user (key), so the draft starts fresh.
 */
export function EditUserDialog({
  user,
  teams,
  isSelf,
  onClose,
  onSaved,
  onReload,
}: {
  user: UserView;
  teams: TeamView[];
  isSelf: boolean;
  onClose: () => void;
  onSaved: (user: UserView) => void;
  onReload: () => Promise<UserView | null>;
}) {
  const { t, locale } = useI18n();
  const u = t.users;
  const id = useId();
  const [base, setBase] = useState(user);
  const [draft, setDraft] = useState<Draft>(() => draftOf(user));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<{ message: string; isConflict: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors(({ [key]: _gone, ...rest }) => rest);
  };

  const save = async () => {
    setConfirming(false);
    const patch: Record<string, unknown> = { revision: base.revision };
    if (draft.name.trim() !== base.name) patch.name = draft.name;
    if (draft.role !== base.role) patch.role = draft.role;
    if (draft.teamId !== (base.teamId ?? "")) patch.teamId = draft.teamId || null;
    if (draft.active !== base.active) patch.active = draft.active;
    if (draft.password) patch.password = draft.password;
    if (Object.keys(patch).length === 1) return onClose();
    setBusy(true);
    setGeneral(null);
    try {
      const res = await apiFetch<{ user: UserView }>(`/api/users/${user.id}`, { method: "PATCH", body: patch });
      onSaved(res.user);
    } catch (err) {
      if (!(err instanceof ApiError)) return setGeneral({ message: t.common.errors.generic, isConflict: false });
      const map = fieldErrorMap(err.fieldErrors);
      const weak = draft.password ? passwordProblem(draft.password, locale) : null;
      if (weak && !map.password) map.password = weak;
      setErrors(map);
      const rest = Object.keys(map).length ? otherErrors(err.fieldErrors, FIELDS) : err.message;
      const isConflict = err.status === 409;
      setGeneral(rest ? { message: isConflict ? u.conflict : rest, isConflict } : null);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (base.active && !draft.active) setConfirming(true);
    else void save();
  };

  // After a conflict: take the latest stored values, keep a typed password, and let the admin retry.
  const reload = async () => {
    const latest = await onReload();
    if (!latest) return onClose();
    setBase(latest);
    setDraft((d) => ({ ...draftOf(latest), password: d.password }));
    setGeneral(null);
    setErrors({});
  };

  return (
    <>
      <Dialog
        open
        onClose={onClose}
        title={fmt(u.editTitle, { name: base.name })}
        footer={
          <>
            <Button onClick={onClose} disabled={busy}>
              {t.common.actions.cancel}
            </Button>
            <Button type="submit" form={`${id}-form`} variant="primary" busy={busy}>
              {u.submitEdit}
            </Button>
          </>
        }
      >
        <form id={`${id}-form`} onSubmit={submit} noValidate className="flex flex-col gap-4 pt-2 pb-1">
          <p className="text-sm text-slate-500">{base.email}</p>
          {general && (
            <Alert tone="error" actions={general.isConflict ? <Button size="sm" onClick={reload}>{u.reload}</Button> : undefined}>
              {general.message}
            </Alert>
          )}
          <FormField id={`${id}-name`} label={u.form.name} required error={errors.name}>
            <Input id={`${id}-name`} value={draft.name} onChange={(e) => set("name", e.target.value)} invalid={!!errors.name} autoComplete="off" />
          </FormField>
          <FormField id={`${id}-role`} label={u.form.role} error={errors.role} help={isSelf ? u.form.selfHint : u.roleHelp[draft.role]}>
            <RoleSelect id={`${id}-role`} value={draft.role} onChange={(r) => set("role", r)} disabled={isSelf} invalid={!!errors.role} />
          </FormField>
          <FormField id={`${id}-team`} label={u.form.team} error={errors.teamId} help={u.form.teamHelp}>
            <Select id={`${id}-team`} value={draft.teamId} onChange={(e) => set("teamId", e.target.value)} invalid={!!errors.teamId}>
              <option value="">{u.form.noTeam}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </Select>
          </FormField>
          <div className="flex items-start justify-between gap-4 rounded-md border border-slate-200 px-3 py-2.5">
            <div>
              <label htmlFor={`${id}-active`} className="text-sm font-medium text-slate-700">
                {u.form.active}
              </label>
              <p className="text-xs text-slate-500">{u.form.activeHelp}</p>
              {errors.active && <p className="text-xs text-red-600">{errors.active}</p>}
            </div>
            <button
              id={`${id}-active`}
              type="button"
              role="switch"
              aria-checked={draft.active}
              disabled={isSelf}
              onClick={() => set("active", !draft.active)}
              className={`relative mt-0.5 inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50 ${
                draft.active ? "bg-blue-600" : "bg-slate-300"
              }`}
            >
              <span className={`inline-block size-5 rounded-full bg-white shadow transition-transform ${draft.active ? "translate-x-5.5" : "translate-x-0.5"}`} />
            </button>
          </div>
          <FormField id={`${id}-password`} label={u.form.newPassword} error={errors.password} help={u.form.newPasswordHelp}>
            <PasswordInput
              id={`${id}-password`}
              value={draft.password}
              onChange={(v) => set("password", v)}
              invalid={!!errors.password}
              describedBy={errors.password ? `${id}-password-error` : undefined}
              labels={{ show: u.form.showPassword, hide: u.form.hidePassword }}
            />
          </FormField>
        </form>
      </Dialog>
      <ConfirmDialog
        open={confirming}
        danger
        title={fmt(u.deactivate.title, { name: base.name })}
        description={fmt(u.deactivate.description, { name: base.name })}
        confirmLabel={u.deactivate.confirm}
        onConfirm={save}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
