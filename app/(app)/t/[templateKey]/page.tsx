import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ListError } from "@/components/list/list-error";
import { listColumns, listFieldsForFilters, searchFieldTitles } from "@/components/list/list-model";
import { ListView } from "@/components/list/list-view";
import { roleCan } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/server";
import { listRecords } from "@/lib/records/list-records";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";

type Props = { params: Promise<{ templateKey: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The page's query string as the list service reads it (repeated keys kept). */
function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  return params;
}

async function loadTemplate(templateKey: string) {
  const actor = await requireActor();
  try {
    return { actor, template: await getPublishedTemplate(actor, templateKey) };
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { template } = await loadTemplate((await params).templateKey);
  return { title: template.name };
}

/** A template's home: its records as a list, with search, filters, sorting and paging from the URL. */
export default async function TemplateListPage({ params, searchParams }: Props) {
  const { templateKey } = await params;
  const { actor, template } = await loadTemplate(templateKey);
  const can = {
    create: roleCan(actor.role, "record.create"),
    restore: roleCan(actor.role, "record.restore"),
    loadDemo: roleCan(actor.role, "demo.load"),
    // Personal data is searched, filtered and sorted only by those who may reveal it.
    personalData: roleCan(actor.role, "pii.reveal"),
  };
  const header = { templateKey, name: template.name, description: template.description, can };
  const locale = await getLocale();
  let result;
  try {
    result = await listRecords({ actor, templateKey, searchParams: toSearchParams(await searchParams), locale });
  } catch (err) {
    // A hand-edited or outdated link: say what is wrong instead of failing the page.
    if (err instanceof DomainError && (err.code === "BAD_REQUEST" || err.code === "FORBIDDEN")) return <ListError {...header} message={err.messageIn(locale)} forbidden={err.code === "FORBIDDEN"} />;
    throw err;
  }
  return (
    <ListView
      {...header}
      list={template.content.list}
      query={result.query}
      page={result.page}
      columns={listColumns(template.fields, template.content.list, { personalData: can.personalData })}
      fields={listFieldsForFilters(template.fields, { personalData: can.personalData })}
      searchFields={searchFieldTitles(template.fields, template.content.list, { personalData: can.personalData })}
    />
  );
}
