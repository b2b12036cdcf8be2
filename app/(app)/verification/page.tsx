import type { Metadata } from "next";
import { StatusNotice } from "@/components/errors/status-notice";
import { ButtonLink } from "@/components/ui/button";
import { QueueView } from "@/components/verification/queue-view";
import { ReturnedList } from "@/components/verification/returned-list";
import { roleCan } from "@/lib/auth/roles";
import { listReturnedRecords } from "@/lib/verification/list-returned-records";
import { requireActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { getDictionary } from "@/lib/i18n/server";
import { listVerificationQueue } from "@/lib/verification/list-verification-queue";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).verification.queue.title };
}

/**
 * 待我核对: the records waiting for this reviewer's check, across templates, oldest first; and
 * for everyone who enters data, the records returned to them with the reason.
 */
export default async function VerificationQueuePage({ searchParams }: { searchParams: Promise<{ template?: string; enteredBy?: string; page?: string }> }) {
  const q = await searchParams;
  const actor = await requireActor();
  const t = await getDictionary();
  const page = q.page && /^\d{1,5}$/.test(q.page) ? Number(q.page) : 1;
  let queue;
  let returned;
  try {
    [queue, returned] = await Promise.all([
      roleCan(actor.role, "record.verify") ? listVerificationQueue({ actor, templateKey: q.template || undefined, enteredBy: q.enteredBy || undefined, page }) : null,
      listReturnedRecords({ actor }),
    ]);
  } catch (err) {
    if (err instanceof DomainError && err.code === "FORBIDDEN")
      return <StatusNotice kind="forbidden" title={t.detail.forbidden.title} description={t.detail.forbidden.description} actions={<ButtonLink href="/">{t.errors.notFound.home}</ButtonLink>} />;
    throw err;
  }
  return (
    <div className="flex flex-col gap-6">
      {queue && <QueueView queue={queue} filters={{ template: q.template ?? "", enteredBy: q.enteredBy ?? "" }} />}
      {(!queue || returned.length > 0) && (
        <div className="mx-auto w-full max-w-6xl">
          <ReturnedList items={returned} t={t} />
        </div>
      )}
    </div>
  );
}
