import type { Metadata } from "next";
import { StatusNotice } from "@/components/errors/status-notice";
import { UsersAdmin } from "@/components/users/users-admin";
import { ButtonLink } from "@/components/ui/button";
import { requireActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { getDictionary } from "@/lib/i18n/server";
import { listTeams } from "@/lib/users/list-teams";
import { listUsers } from "@/lib/users/list-users";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).users.title };
}

/** User administration; the service refuses anyone but administrators, shown here as a friendly 403. */
export default async function UsersPage() {
  const actor = await requireActor();
  const t = await getDictionary();
  let users, teams;
  try {
    [users, teams] = await Promise.all([listUsers({ actor }), listTeams({ actor })]);
  } catch (err) {
    if (err instanceof DomainError && err.code === "FORBIDDEN")
      return <StatusNotice kind="forbidden" title={t.users.forbidden.title} description={t.users.forbidden.description} actions={<ButtonLink href="/">{t.errors.notFound.home}</ButtonLink>} />;
    throw err;
  }
  return <UsersAdmin initialUsers={users} initialTeams={teams} currentUserId={actor.id} />;
}
