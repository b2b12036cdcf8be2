"use client";

import { useI18n } from "@/components/i18n-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { LocalDateTime } from "@/components/ui/local-date-time";
import type { UserView } from "@/lib/users/types";
import { RoleBadge } from "./role-badge";

const th = "px-4 py-2.5 text-left text-xs font-medium whitespace-nowrap text-slate-500";
const td = "px-4 py-3 whitespace-nowrap";

/** The users as a table, or as one card per user on phones (a wide table would scroll sideways). */
export function UserList({ users, teamNames, currentUserId, onEdit }: { users: UserView[]; teamNames: Map<string, string>; currentUserId: string; onEdit: (user: UserView) => void }) {
  const { t } = useI18n();
  const u = t.users;
  const you = (user: UserView) => user.id === currentUserId && <span className="text-xs font-normal text-slate-400">{u.you}</span>;
  const status = (user: UserView) => (user.active ? <Badge tone="green">{u.active}</Badge> : <Badge tone="neutral">{u.inactive}</Badge>);
  const lastLogin = (user: UserView) => (user.lastLoginAt ? <LocalDateTime iso={user.lastLoginAt} /> : <span className="text-slate-400">{u.never}</span>);
  const team = (user: UserView) => (user.teamId && teamNames.get(user.teamId)) || <span className="text-slate-400">—</span>;
  const editButton = (user: UserView, variant: "ghost" | "secondary") => (
    <Button size="sm" variant={variant} onClick={() => onEdit(user)} aria-label={`${u.edit} ${user.name}`}>
      {u.edit}
    </Button>
  );
  return (
    <>
      <ul className="divide-y divide-slate-100 sm:hidden">
        {users.map((user) => (
          <li key={user.id} className={`flex items-start justify-between gap-3 px-4 py-3 ${user.active ? "" : "bg-slate-50/60"}`}>
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-1.5 text-sm font-medium text-slate-900">
                {user.name}
                {you(user)}
                <RoleBadge role={user.role} label={t.common.roles[user.role]} />
                {status(user)}
              </p>
              <p className="mt-0.5 truncate text-sm text-slate-600">{user.email}</p>
              <p className="mt-0.5 text-xs text-slate-500">
                {u.teamColumn}：{team(user)}
              </p>
              <p className="mt-0.5 text-xs text-slate-500">
                {u.columns.lastLogin}：{lastLogin(user)}
              </p>
            </div>
            {editButton(user, "secondary")}
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto sm:block">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={th}>{u.columns.name}</th>
              <th scope="col" className={th}>{u.columns.email}</th>
              <th scope="col" className={th}>{u.columns.role}</th>
              <th scope="col" className={th}>{u.teamColumn}</th>
              <th scope="col" className={th}>{u.columns.status}</th>
              <th scope="col" className={th}>{u.columns.lastLogin}</th>
              <th scope="col" className={th}>{u.columns.created}</th>
              <th scope="col" className={th}>
                <span className="sr-only">{u.columns.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((user) => (
              <tr key={user.id} className={user.active ? undefined : "bg-slate-50/60 text-slate-500"}>
                <td className={`${td} font-medium text-slate-900`}>
                  {user.name} {you(user)}
                </td>
                <td className={`${td} text-slate-600`}>{user.email}</td>
                <td className={td}>
                  <RoleBadge role={user.role} label={t.common.roles[user.role]} />
                </td>
                <td className={`${td} text-slate-600`}>{team(user)}</td>
                <td className={td}>{status(user)}</td>
                <td className={`${td} text-slate-600 tabular-nums`}>{lastLogin(user)}</td>
                <td className={`${td} text-slate-600 tabular-nums`}><LocalDateTime iso={user.createdAt} /></td>
                <td className={`${td} text-right`}>{editButton(user, "ghost")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
