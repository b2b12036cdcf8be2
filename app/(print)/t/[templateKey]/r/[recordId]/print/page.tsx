import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusNotice } from "@/components/errors/status-notice";
import { RecordPrint } from "@/components/record-print/record-print";
import { ButtonLink } from "@/components/ui/button";
import { roleCan } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { getDictionary, getLocale } from "@/lib/i18n/server";
import { getRecord } from "@/lib/records/get-record";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";

type Params = { templateKey: string; recordId: string };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).print.pageTitle };
}

/**
 * A record's print view, outside the app shell so that the screen shows what the paper gets.
 * `?personal=full` reads the record revealed, which the service allows only to those who may
 * reveal and audits as one event; the default is masked and audits nothing.
 */
export default async function RecordPrintPage({ params, searchParams }: { params: Promise<Params>; searchParams: Promise<{ personal?: string }> }) {
  const { templateKey, recordId } = await params;
  const isFull = (await searchParams).personal === "full";
  const actor = await requireActor();
  const [t, locale] = await Promise.all([getDictionary(), getLocale()]);
  let loaded;
  try {
    loaded = await Promise.all([getPublishedTemplate(actor, templateKey), getRecord({ actor, templateKey, recordId, forPrint: isFull })]);
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") notFound();
    if (err instanceof DomainError && err.code === "FORBIDDEN" && isFull)
      return (
        <StatusNotice
          kind="forbidden"
          title={t.print.fullForbidden.title}
          description={t.print.fullForbidden.description}
          actions={<ButtonLink href={`/t/${encodeURIComponent(templateKey)}/r/${encodeURIComponent(recordId)}/print`}>{t.print.masked}</ButtonLink>}
        />
      );
    if (err instanceof DomainError && err.code === "FORBIDDEN")
      return <StatusNotice kind="forbidden" title={t.detail.forbidden.title} description={t.detail.forbidden.description} actions={<ButtonLink href="/">{t.errors.notFound.home}</ButtonLink>} />;
    throw err;
  }
  const [template, record] = loaded;
  return <RecordPrint template={template} record={record} printedBy={actor.name} printedAt={new Date()} canReveal={roleCan(actor.role, "pii.reveal")} locale={locale} t={t} />;
}
