import type { Metadata } from "next";
import { StatusNotice } from "@/components/errors/status-notice";
import { TemplatesAdmin } from "@/components/templates/templates-admin";
import { ButtonLink } from "@/components/ui/button";
import { requireActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { getDictionary } from "@/lib/i18n/server";
import { listTemplatesForAdmin } from "@/lib/templates/list-templates-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).templates.title };
}

/** Template administration; the service refuses anyone but administrators, shown here as a friendly 403. */
export default async function TemplatesPage() {
  const actor = await requireActor();
  const t = await getDictionary();
  let templates;
  try {
    templates = await listTemplatesForAdmin({ actor });
  } catch (err) {
    if (err instanceof DomainError && err.code === "FORBIDDEN")
      return <StatusNotice kind="forbidden" title={t.templates.forbidden.title} description={t.templates.forbidden.description} actions={<ButtonLink href="/">{t.errors.notFound.home}</ButtonLink>} />;
    throw err;
  }
  return <TemplatesAdmin initialTemplates={templates} />;
}
