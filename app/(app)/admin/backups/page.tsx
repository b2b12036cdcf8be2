import type { Metadata } from "next";
import { BackupsAdmin } from "@/components/backup/backups-admin";
import { StatusNotice } from "@/components/errors/status-notice";
import { ButtonLink } from "@/components/ui/button";
import { requireActor } from "@/lib/auth/session";
import { backupsView } from "@/lib/backup/backups-view";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { getDictionary } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).backup.title };
}

/** Backups, for administrators; anyone else gets a friendly 403. */
export default async function BackupsPage() {
  const actor = await requireActor();
  const t = await getDictionary();
  let view;
  try {
    view = await backupsView({ actor });
  } catch (err) {
    if (err instanceof DomainError && err.code === "FORBIDDEN")
      return <StatusNotice kind="forbidden" title={t.backup.forbidden.title} description={t.backup.forbidden.description} actions={<ButtonLink href="/">{t.errors.notFound.home}</ButtonLink>} />;
    throw err;
  }
  return <BackupsAdmin initial={view} keep={env.backupKeep} daily={env.dailyBackups} />;
}
