"use client";

import { useEffect, useId, useState } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import type { UserView } from "@/lib/users/types";
import { ApiError, apiFetch } from "../api-client";
import { useI18n } from "../i18n-provider";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { FormField, Select } from "../ui/form-controls";
import { useToast } from "../ui/toast";
import { useListNav } from "./list-nav";

type Outcome = { recordId: string; status: "transferred" | "unchanged" | "refused" };

/**
 * 转移给…: administrators hand the ticked records to another owner. The dialog offers active users
 * who may edit records (the service checks it again); each record is its own audited write, so
 * the answer says how many moved.
 */
export function TransferSelectedButton({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} disabled={ids.length === 0}>
        {t.list.transfer.button}
      </Button>
      {open && <TransferDialog ids={ids} onClose={() => setOpen(false)} onDone={onDone} />}
    </>
  );
}

function TransferDialog({ ids, onClose, onDone }: { ids: string[]; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const d = t.list.transfer;
  const toast = useToast();
  const { templateKey, refresh } = useListNav();
  const fieldId = useId();
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [to, setTo] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    apiFetch<{ users: UserView[] }>("/api/users")
      .then((res) => live && setUsers(res.users.filter((u) => u.active && u.role !== "viewer")))
      .catch((err) => live && setError(err instanceof ApiError ? err.message : t.common.errors.generic));
    return () => {
      live = false;
    };
  }, [t]);

  const submit = async () => {
    if (!to) return setError(d.choose);
    setError(null);
    try {
      const res = await apiFetch<{ outcomes: Outcome[] }>(`/api/templates/${encodeURIComponent(templateKey)}/records/transfer`, { method: "POST", body: { ids, toUserId: to } });
      const name = users?.find((u) => u.id === to)?.name ?? "";
      const moved = res.outcomes.filter((o) => o.status === "transferred").length;
      const failed = res.outcomes.filter((o) => o.status === "refused").length;
      if (failed) toast(fmt(d.partly, { n: moved, failed }), "error");
      else toast(moved ? fmt(d.done, { n: moved, name }) : fmt(d.unchanged, { name }));
      onDone();
      onClose();
      refresh();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t.common.errors.generic);
    }
  };

  return (
    <FormDialog onClose={onClose} title={fmt(d.title, { n: ids.length })} submitLabel={d.submit} onSubmit={submit} submitDisabled={!users} formClassName="flex flex-col gap-4 pb-1">
      <p>{d.description}</p>
      <FormField id={fieldId} label={d.to} error={error}>
        <Select id={fieldId} value={to} onChange={(e) => setTo(e.target.value)} disabled={!users} invalid={Boolean(error)}>
          <option value="">{users ? d.choose : d.loading}</option>
          {users?.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}（{t.common.roles[u.role]} · {u.email}）
            </option>
          ))}
        </Select>
      </FormField>
    </FormDialog>
  );
}
