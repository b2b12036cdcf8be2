import type { Metadata } from "next";
import { StatusNotice } from "@/components/errors/status-notice";
import { ButtonLink } from "@/components/ui/button";
import { QueueView } from "@/components/verification/queue-view";
import { requireActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { getDictionary } from "@/lib/i18n/server";
import { listVerificationQueue } from "@/lib/verification/list-verification-queue";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).verification.queue.title };
}

/** 待我核对: the records waiting for this reviewer's check, across templates, oldest first. */
export default async function VerificationQueuePage({ searchParams }: { searchParams: Promise<{ template?: string; enteredBy?: string; page?: string }> }) {
  const q = await searchParams;
  const actor = await requireActor();
  const t = await getDictionary();
  const page = q.page && /^\d{1,5}$/.test(q.page) ? Number(q.page) : 1;
  let queue;
  try {
    queue = await listVerificationQueue({ actor, templateKey: q.template || undefined, enteredBy: q.enteredBy || undefined, page });
  } catch (err) {
    if (err instanceof DomainError && err.code === "FORBIDDEN")
      return <StatusNotice kind="forbidden" title={t.detail.forbidden.title} description={t.detail.forbidden.description} actions={<ButtonLink href="/">{t.errors.notFound.home}</ButtonLink>} />;
    throw err;
  }
  return <QueueView queue={queue} filters={{ template: q.template ?? "", enteredBy: q.enteredBy ?? "" }} />;
}
