"use client";

import { useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { fmt } from "@/lib/i18n/dictionaries";
import type { TeamView, UserView } from "@/lib/users/types";
import { CreateUserDialog } from "./create-user-dialog";
import { EditUserDialog } from "./edit-user-dialog";
import { TeamsCard } from "./teams-card";
import { UserList } from "./user-list";

/** The user administration page: the table of users, "添加用户" and per-user "编辑". */
export function UsersAdmin({ initialUsers, initialTeams, currentUserId }: { initialUsers: UserView[]; initialTeams: TeamView[]; currentUserId: string }) {
  const { t } = useI18n();
  const u = t.users;
  const toast = useToast();
  const [users, setUsers] = useState(initialUsers);
  const [teams, setTeams] = useState(initialTeams);
  const memberCounts = new Map<string, number>();
  for (const user of users) if (user.teamId) memberCounts.set(user.teamId, (memberCounts.get(user.teamId) ?? 0) + 1);
  const teamNames = new Map(teams.map((team) => [team.id, team.name]));
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserView | null>(null);

  const replace = (user: UserView) => setUsers((list) => list.map((x) => (x.id === user.id ? user : x)));
  /** Reloads every user (after a conflict) and returns the fresh copy of the one being edited. */
  const reload = async (): Promise<UserView | null> => {
    try {
      const res = await apiFetch<{ users: UserView[] }>("/api/users");
      setUsers(res.users);
      return res.users.find((x) => x.id === editing?.id) ?? null;
    } catch (err) {
      toast(err instanceof ApiError ? err.message : t.common.errors.generic, "error");
      return null;
    }
  };

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-xl font-semibold text-slate-900 sm:text-2xl">{u.title}</h1>
          <p className="mt-1 text-sm text-slate-500">{u.description}</p>
        </div>
        <Button variant="primary" onClick={() => setCreating(true)} className="self-start sm:self-auto">
          <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
            <path d="M10.75 4.75a.75.75 0 00-1.5 0v4.5h-4.5a.75.75 0 000 1.5h4.5v4.5a.75.75 0 001.5 0v-4.5h4.5a.75.75 0 000-1.5h-4.5v-4.5z" />
          </svg>
          {u.add}
        </Button>
      </div>

      <Card>
        {users.length === 0 ? (
          <EmptyState title={u.empty.title} description={u.empty.description} actions={<Button variant="primary" onClick={() => setCreating(true)}>{u.add}</Button>} />
        ) : (
          <UserList users={users} teamNames={teamNames} currentUserId={currentUserId} onEdit={setEditing} />
        )}
      </Card>

      <TeamsCard
        teams={teams}
        memberCounts={memberCounts}
        onTeams={(next) => {
          setTeams(next);
          // A deleted team's members are in no team any more (the service cleared it).
          const kept = new Set(next.map((team) => team.id));
          setUsers((list) => list.map((x) => (x.teamId && !kept.has(x.teamId) ? { ...x, teamId: null, revision: x.revision + 1 } : x)));
        }}
      />

      <CreateUserDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(user) => {
          setUsers((list) => [...list, user]);
          toast(fmt(u.createdToast, { name: user.name }));
        }}
      />
      {editing && (
        <EditUserDialog
          key={editing.id}
          user={editing}
          teams={teams}
          isSelf={editing.id === currentUserId}
          onClose={() => setEditing(null)}
          onReload={reload}
          onSaved={(user) => {
            replace(user);
            setEditing(null);
            toast(fmt(u.updatedToast, { name: user.name }));
          }}
        />
      )}
    </div>
  );
}
