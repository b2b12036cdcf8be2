import type { Metadata } from "next";
import { ImportHistory } from "@/components/import/import-history";
import { ImportWizard } from "@/components/import/import-wizard";
import { PageHeader } from "@/components/page/page-header";
import { Alert } from "@/components/ui/alert";
import { roleCan } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { listImports } from "@/lib/imports/list-imports";
import { getImport } from "@/lib/imports/load-import";
import { getDictionary } from "@/lib/i18n/server";
import { loadTemplateOr404 } from "@/lib/templates/load-template-or-404";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).imports.title };
}

/** The import page; `?id=` opens an earlier import (from the history) to see its result or undo it. */
export default async function ImportPage({ params, searchParams }: { params: Promise<{ templateKey: string }>; searchParams: Promise<{ id?: string }> }) {
  const { templateKey } = await params;
  const { id } = await searchParams;
  const actor = await requireActor();
  const [template, t] = await Promise.all([loadTemplateOr404(actor, templateKey), getDictionary()]);
  const listHref = `/t/${encodeURIComponent(template.key)}`;
  const allowed = roleCan(actor.role, "record.create");
  const history = allowed ? await listImports({ actor, templateKey: template.key }) : [];
  const opened = allowed && typeof id === "string" ? await getImport({ actor, templateKey: template.key, id }).catch(() => null) : null;
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4">
      <PageHeader crumbs={[{ href: listHref, label: template.name }]} title={t.imports.title} />
      {allowed ? (
        <>
          <ImportWizard key={opened?.id ?? "new"} templateKey={template.key} initial={opened} />
          <ImportHistory imports={history} />
        </>
      ) : (
        <Alert tone="warning">{t.imports.forbidden}</Alert>
      )}
    </div>
  );
}
