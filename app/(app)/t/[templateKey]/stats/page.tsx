import type { Metadata } from "next";
import { StatisticsView } from "@/components/statistics/statistics-view";
import { requireActor } from "@/lib/auth/session";
import { getDictionary, getLocale } from "@/lib/i18n/server";
import { getStatisticsPage } from "@/lib/statistics/get-statistics-page";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";

type Props = { params: Promise<{ templateKey: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const template = await getPublishedTemplate(await requireActor(), (await params).templateKey);
  const t = await getDictionary();
  return { title: `${t.statistics.pageTitle} · ${template.name}` };
}

/** A template's 统计 tab: its dashboard computed in the database, with the list's filters from the URL. */
export default async function TemplateStatisticsPage({ params, searchParams }: Props) {
  const { templateKey } = await params;
  const actor = await requireActor();
  const locale = await getLocale();
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  const page = await getStatisticsPage({ actor, templateKey, searchParams: query, locale });
  return <StatisticsView {...page} />;
}
