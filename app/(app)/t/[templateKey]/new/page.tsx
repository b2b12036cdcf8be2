import type { Metadata } from "next";
import { PageHeader } from "@/components/page/page-header";
import { preloadValidator } from "@/components/record-form/preload-validator";
import { RecordForm } from "@/components/record-form/record-form";
import { Alert } from "@/components/ui/alert";
import { roleCan } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { getDictionary } from "@/lib/i18n/server";
import { loadTemplateOr404 } from "@/lib/templates/load-template-or-404";
import { publishedValidatorRef } from "@/lib/templates/validator-scripts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).form.newTitle };
}

export default async function NewRecordPage({ params }: { params: Promise<{ templateKey: string }> }) {
  const { templateKey } = await params;
  const actor = await requireActor();
  const [template, t] = await Promise.all([loadTemplateOr404(actor, templateKey), getDictionary()]);
  const listHref = `/t/${encodeURIComponent(template.key)}`;
  const validator = publishedValidatorRef(template);
  if (roleCan(actor.role, "record.create")) await preloadValidator(validator);
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader crumbs={[{ href: listHref, label: template.name }]} title={t.form.newTitle} />
      {roleCan(actor.role, "record.create") ? (
        <RecordForm templateKey={template.key} userId={actor.id} schema={template.content.schema} uiSchema={template.content.uiSchema} validator={validator} initialData={{}} cancelHref={listHref} />
      ) : (
        <Alert tone="warning">{t.form.forbidden}</Alert>
      )}
    </div>
  );
}
