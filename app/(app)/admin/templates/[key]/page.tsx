import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DesignerEditor } from "@/components/designer/designer-editor";
import { StatusNotice } from "@/components/errors/status-notice";
import { ButtonLink } from "@/components/ui/button";
import { requireActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { fmt } from "@/lib/i18n/dictionaries";
import { getDictionary } from "@/lib/i18n/server";
import { getTemplate } from "@/lib/templates/get-template";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";

type Props = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { key } = await params;
  return { title: fmt((await getDictionary()).designer.title, { name: key }) };
}

/** The template designer (administrators); others get a friendly 403, unknown templates a 404. */
export default async function TemplateDesignerPage({ params }: Props) {
  const { key } = await params;
  const actor = await requireActor();
  const t = await getDictionary();
  let initial;
  try {
    const edit = await getTemplateForEdit({ actor, templateKey: key });
    initial = { edit, published: (await getTemplate({ actor, templateKey: key })).content };
  } catch (err) {
    if (err instanceof DomainError && err.code === "FORBIDDEN")
      return <StatusNotice kind="forbidden" title={t.designer.forbidden.title} description={t.designer.forbidden.description} actions={<ButtonLink href="/">{t.designer.forbidden.home}</ButtonLink>} />;
    if (err instanceof DomainError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  return <DesignerEditor key={initial.edit.template.key} initial={initial} />;
}
