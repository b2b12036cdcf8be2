import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusNotice } from "@/components/errors/status-notice";
import { RecordDetail } from "@/components/record-detail/record-detail";
import { ButtonLink } from "@/components/ui/button";
import { requireActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { getDictionary, getLocale } from "@/lib/i18n/server";
import { getRecord } from "@/lib/records/get-record";
import { recordHistoryPage } from "@/lib/records/record-history";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";
import { roleCan } from "@/lib/auth/roles";
import { getVerificationReview } from "@/lib/verification/get-verification-review";
import { SelfFillCard } from "@/components/self-fill/self-fill-card";
import { listProposals } from "@/lib/self-fill/list-proposals";
import { listSelfFillLinks } from "@/lib/self-fill/list-self-fill-links";

type Params = { templateKey: string; recordId: string };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).detail.pageTitle };
}

/** Record detail: loads the template, the (masked) record and its history through the services. */
export default async function RecordPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<{ history?: string; reveals?: string }> }) {
  const { templateKey, recordId } = await params;
  const query = await searchParams;
  const pageOf = (raw: string | undefined) => (raw && /^\d{1,5}$/.test(raw) ? Math.max(1, Number(raw)) : 1);
  const pages = { history: pageOf(query.history), reveals: pageOf(query.reveals) };
  const actor = await requireActor();
  const [t, locale] = await Promise.all([getDictionary(), getLocale()]);
  let loaded;
  try {
    loaded = await Promise.all([
      getPublishedTemplate(actor, templateKey),
      getRecord({ actor, templateKey, recordId }),
      recordHistoryPage({ actor, templateKey, recordId, kind: "changes", page: pages.history, size: 50 }),
      recordHistoryPage({ actor, templateKey, recordId, kind: "reveals", page: pages.reveals, size: 20 }),
      roleCan(actor.role, "record.verify") ? getVerificationReview({ actor, templateKey, recordId, locale }) : null,
      roleCan(actor.role, "record.update") ? Promise.all([listSelfFillLinks({ actor, templateKey, recordId }), listProposals({ actor, templateKey, recordId, locale })]) : null,
    ]);
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") notFound();
    if (err instanceof DomainError && err.code === "FORBIDDEN")
      return <StatusNotice kind="forbidden" title={t.detail.forbidden.title} description={t.detail.forbidden.description} actions={<ButtonLink href="/">{t.errors.notFound.home}</ButtonLink>} />;
    throw err;
  }
  const [template, record, history, reveals, review, selfFill] = loaded;
  const selfFillCard =
    selfFill && !record.deletedAt ? (
      <SelfFillCard template={template} recordId={record.id} revision={record.revision} links={selfFill[0]} proposals={selfFill[1]} currentUserId={actor.id} canCreate canReveal={roleCan(actor.role, "pii.reveal")} t={t} />
    ) : null;
  return <RecordDetail actor={actor} template={template} record={record} history={history} reveals={reveals} pages={pages} review={review} selfFill={selfFillCard} locale={locale} t={t} />;
}
