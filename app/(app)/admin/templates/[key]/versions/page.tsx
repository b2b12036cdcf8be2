import type { Metadata } from "next";
import { StatusNotice } from "@/components/errors/status-notice";
import { fieldBlocks } from "@/components/templates/field-rows";
import { defaultPair, parseRef, type VersionRef } from "@/components/templates/version-refs";
import { VersionsView } from "@/components/templates/versions-view";
import { ButtonLink } from "@/components/ui/button";
import type { Actor } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { getDictionary, getLocale } from "@/lib/i18n/server";
import { diffVersions } from "@/lib/templates/diff-versions";
import { getTemplate } from "@/lib/templates/get-template";
import { listVersions } from "@/lib/templates/list-versions";
import { listMigrations } from "@/lib/migrations/get-migration";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).templates.versions.title };
}

/** Everything the page shows; the listMigrations call doubles as the administrators-only check. */
async function load(actor: Actor, key: string, query: Record<string, string | string[] | undefined>) {
  const migrations = await listMigrations({ actor, templateKey: key });
  const [{ template, content }, history] = await Promise.all([getTemplate({ actor, templateKey: key }), listVersions({ actor, templateKey: key })]);
  const refs: VersionRef[] = [...history.versions.map((v) => v.version), ...(history.draft ? (["draft"] as const) : [])];
  const from = parseRef(typeof query.from === "string" ? query.from : null, refs);
  const to = parseRef(typeof query.to === "string" ? query.to : null, refs);
  const fallback = defaultPair(history.versions.map((v) => v.version), !!history.draft);
  const pair: VersionRef[] = from !== null && to !== null && from !== to ? [from, to] : fallback ? [fallback.from, fallback.to] : [];
  const diff = pair.length === 2 ? await diffVersions({ actor, templateKey: key, from: pair[0], to: pair[1], locale: await getLocale() }) : null;
  return { template, versions: history.versions, draft: history.draft, migrations, initialPair: pair, initialDiff: diff, blocks: content ? fieldBlocks(content) : [] };
}

/** A template's version history with diffs and field migrations (administrators). */
export default async function VersionsPage({ params, searchParams }: Props) {
  const [{ key }, query, actor, t] = await Promise.all([params, searchParams, requireActor(), getDictionary()]);
  let data;
  try {
    data = await load(actor, key, query);
  } catch (err) {
    if (err instanceof DomainError && err.code === "FORBIDDEN")
      return <StatusNotice kind="forbidden" title={t.templates.forbidden.title} description={t.templates.forbidden.description} actions={<ButtonLink href="/">{t.errors.notFound.home}</ButtonLink>} />;
    if (err instanceof DomainError && err.code === "NOT_FOUND")
      return <StatusNotice kind="notFound" title={t.errors.notFound.title} description={err.messageIn(await getLocale())} actions={<ButtonLink href="/admin/templates">{t.templates.title}</ButtonLink>} />;
    throw err;
  }
  return <VersionsView {...data} />;
}
