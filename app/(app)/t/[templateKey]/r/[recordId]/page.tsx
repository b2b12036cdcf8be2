import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusNotice } from "@/components/errors/status-notice";
import { RecordDetail } from "@/components/record-detail/record-detail";
import { ButtonLink } from "@/components/ui/button";
import { requireActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { getDictionary, getLocale } from "@/lib/i18n/server";
import { getRecord } from "@/lib/records/get-record";
import { recordHistory } from "@/lib/records/record-history";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";

type Params = { templateKey: string; recordId: string };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).detail.pageTitle };
}

/** Record detail: loads the template, the (masked) record and its history through the services. */
export default async function RecordPage({ params }: { params: Promise<Params> }) {
  const { templateKey, recordId } = await params;
  const actor = await requireActor();
  const [t, locale] = await Promise.all([getDictionary(), getLocale()]);
  let loaded;
  try {
    loaded = await Promise.all([
      getPublishedTemplate(actor, templateKey),
      getRecord({ actor, templateKey, recordId }),
      recordHistory({ actor, templateKey, recordId }),
    ]);
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") notFound();
    if (err instanceof DomainError && err.code === "FORBIDDEN")
      return <StatusNotice kind="forbidden" title={t.detail.forbidden.title} description={t.detail.forbidden.description} actions={<ButtonLink href="/">{t.errors.notFound.home}</ButtonLink>} />;
    throw err;
  }
  const [template, record, history] = loaded;
  return <RecordDetail actor={actor} template={template} record={record} history={history} locale={locale} t={t} />;
}
