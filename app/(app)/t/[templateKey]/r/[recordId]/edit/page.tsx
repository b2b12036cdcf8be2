import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/page/page-header";
import { preloadValidator } from "@/components/record-form/preload-validator";
import { RecordForm } from "@/components/record-form/record-form";
import { Alert } from "@/components/ui/alert";
import { roleCan } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { getDictionary } from "@/lib/i18n/server";
import { getByPath } from "@/lib/schema/fields";
import { getRecord } from "@/lib/records/get-record";
import { loadTemplateOr404 } from "@/lib/templates/load-template-or-404";
import { publishedValidatorRef } from "@/lib/templates/validator-scripts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).form.editTitle };
}

export default async function EditRecordPage({ params }: { params: Promise<{ templateKey: string; recordId: string }> }) {
  const { templateKey, recordId } = await params;
  const actor = await requireActor();
  const [template, t] = await Promise.all([loadTemplateOr404(actor, templateKey), getDictionary()]);
  const listHref = `/t/${encodeURIComponent(template.key)}`;
  if (!roleCan(actor.role, "record.update")) {
    return (
      <div className="mx-auto max-w-6xl">
        <PageHeader crumbs={[{ href: listHref, label: template.name }]} title={t.form.editTitle} />
        <Alert tone="warning">{t.form.forbidden}</Alert>
      </div>
    );
  }
  const record = await getRecord({ actor, templateKey: template.key, recordId, forEdit: true }).catch((err) => {
    if (err instanceof DomainError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const titleField = template.content.list.titleField;
  const title = titleField ? String(getByPath(record.data, titleField.split(".")) ?? "") : "";
  const detailHref = `${listHref}/r/${record.id}`;
  const validator = publishedValidatorRef(template);
  await preloadValidator(validator);
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        crumbs={[
          { href: listHref, label: template.name },
          { href: detailHref, label: title || t.form.editTitle },
        ]}
        title={t.form.editTitle}
      />
      <RecordForm
        templateKey={template.key}
        userId={actor.id}
        schema={template.content.schema}
        uiSchema={template.content.uiSchema}
        validator={validator}
        initialData={record.data}
        recordId={record.id}
        revision={record.revision}
        cancelHref={detailHref}
      />
    </div>
  );
}
