import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ListError } from "@/components/list/list-error";
import { ListView } from "@/components/list/list-view";
import { requireActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { getLocale } from "@/lib/i18n/server";
import { getListPage } from "@/lib/records/get-list-page";
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
  const { actor } = await loadTemplate(templateKey);
  const locale = await getLocale();
  const { template, can, columns, filters, searchFields, searchEndings, result, ownerName } = await getListPage({ actor, templateKey, searchParams: toSearchParams(await searchParams), locale });
  const header = { templateKey, name: template.name, description: template.description, can };
  // A hand-edited or outdated link: say what is wrong instead of failing the page.
  if ("refused" in result) return <ListError {...header} message={result.refused.messageIn(locale)} forbidden={result.refused.code === "FORBIDDEN"} />;
  return <ListView {...header} list={template.list} query={result.query} page={result.page} columns={columns} fields={filters} searchFields={searchFields} searchEndings={searchEndings} verification={template.verification} ownerName={ownerName} />;
}
