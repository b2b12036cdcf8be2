"use client";

import { useId, useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/form-controls";
import { useToast } from "@/components/ui/toast";
import { fmt } from "@/lib/i18n/dictionaries";
import type { TeamView } from "@/lib/users/types";

/**
 * 团队: add, rename and delete teams (delete asks first and says what happens to the members).
 * Members are assigned in each user's 编辑 dialog; the count here comes from the users table.
 */
export function TeamsCard({ teams, memberCounts, onTeams }: { teams: TeamView[]; memberCounts: Map<string, number>; onTeams: (teams: TeamView[]) => void }) {
  const { t } = useI18n();
  const d = t.users.teams;
  const toast = useToast();
  const id = useId();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [renaming, setRenaming] = useState<{ team: TeamView; name: string; error: string | null } | null>(null);
  const [deleting, setDeleting] = useState<TeamView | null>(null);

  const fail = (err: unknown) => (err instanceof ApiError ? err.message : t.common.errors.generic);
  const sorted = (list: TeamView[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { team } = await apiFetch<{ team: TeamView }>("/api/teams", { method: "POST", body: { name } });
      onTeams(sorted([...teams, team]));
      setName("");
      toast(fmt(d.createdToast, { name: team.name }));
    } catch (err) {
      setError(fail(err));
    } finally {
      setBusy(false);
    }
  };

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    if (!renaming) return;
    setBusy(true);
    try {
      const { team } = await apiFetch<{ team: TeamView }>(`/api/teams/${renaming.team.id}`, { method: "PATCH", body: { name: renaming.name, revision: renaming.team.revision } });
      onTeams(sorted(teams.map((x) => (x.id === team.id ? team : x))));
      setRenaming(null);
      toast(fmt(d.renamedToast, { name: team.name }));
    } catch (err) {
      setRenaming({ ...renaming, error: fail(err) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    const team = deleting;
    if (!team) return;
    setBusy(true);
    try {
      await apiFetch(`/api/teams/${team.id}`, { method: "DELETE", body: { revision: team.revision } });
      onTeams(teams.filter((x) => x.id !== team.id));
      toast(fmt(d.deletedToast, { name: team.name }));
    } catch (err) {
      toast(fail(err), "error");
    } finally {
      setBusy(false);
      setDeleting(null);
    }
  };

  return (
    <Card>
      <section aria-labelledby={`${id}-title`} className="flex flex-col gap-4 p-5">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            {d.title}
          </h2>
          <p className="mt-1 text-sm text-slate-500">{d.description}</p>
        </div>
        {teams.length === 0 ? (
          <p className="text-sm text-slate-500">{d.empty}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="teams">
            {teams.map((team) => (
              <li key={team.id} className="flex flex-wrap items-center gap-3 px-3 py-2">
                {renaming?.team.id === team.id ? (
                  <form onSubmit={rename} className="flex flex-1 flex-wrap items-center gap-2">
                    <Input
                      aria-label={d.name}
                      value={renaming.name}
                      onChange={(e) => setRenaming({ ...renaming, name: e.target.value, error: null })}
                      invalid={Boolean(renaming.error)}
                      className="max-w-xs"
                      autoFocus
                    />
                    <Button type="submit" size="sm" variant="primary" busy={busy}>
                      {d.save}
                    </Button>
                    <Button size="sm" variant="ghost" onClick={() => setRenaming(null)}>
                      {t.common.actions.cancel}
                    </Button>
                    {renaming.error && <p className="w-full text-xs text-red-600">{renaming.error}</p>}
                  </form>
                ) : (
                  <>
                    <span className="font-medium text-slate-800">{team.name}</span>
                    <span className="text-xs text-slate-500 tabular-nums">{fmt(d.members, { n: memberCounts.get(team.id) ?? 0 })}</span>
                    <span className="ml-auto flex gap-2">
                      <Button size="sm" variant="ghost" onClick={() => setRenaming({ team, name: team.name, error: null })} aria-label={`${d.rename} ${team.name}`}>
                        {d.rename}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setDeleting(team)} aria-label={`${d.delete} ${team.name}`}>
                        {d.delete}
                      </Button>
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <form onSubmit={create} className="flex flex-wrap items-start gap-2" noValidate>
          <div className="flex flex-col gap-1">
            <Input aria-label={d.name} placeholder={d.name} value={name} onChange={(e) => (setName(e.target.value), setError(null))} invalid={Boolean(error)} className="w-64" />
            {error && <p className="text-xs text-red-600">{error}</p>}
          </div>
          <Button type="submit" busy={busy} disabled={!name.trim()}>
            {d.add}
          </Button>
        </form>
      </section>
      <ConfirmDialog
        open={deleting !== null}
        danger
        busy={busy}
        title={fmt(d.confirmTitle, { name: deleting?.name ?? "" })}
        description={fmt(d.confirmDescription, { n: deleting ? (memberCounts.get(deleting.id) ?? 0) : 0 })}
        confirmLabel={d.confirm}
        onConfirm={remove}
        onCancel={() => setDeleting(null)}
      />
    </Card>
  );
}
