import type { Metadata } from "next";
import { PageHeader } from "@/components/page/page-header";
import { CreateLinkDialog } from "@/components/self-fill/create-link-dialog";
import { LinkTable } from "@/components/self-fill/link-table";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { roleCan } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { getDictionary } from "@/lib/i18n/server";
import { linkTemplateOption, sectionTitles } from "@/lib/self-fill/link-template-option";
import { listSelfFillLinks } from "@/lib/self-fill/list-self-fill-links";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";
import { listTemplates } from "@/lib/templates/list-templates";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).selfFill.links.title };
}

/** 我的自填链接: the signed-in user's self-fill links with their state, and a link for a new customer. */
export default async function SelfFillLinksPage() {
  const actor = await requireActor();
  const t = await getDictionary();
  const l = t.selfFill.links;
  const [links, summaries] = await Promise.all([listSelfFillLinks({ actor }), listTemplates(actor)]);
  const templates = await Promise.all(summaries.map((s) => getPublishedTemplate(actor, s.key).catch(() => null)));
  const byKey = new Map(templates.filter((x) => x !== null).map((x) => [x.key, x]));
  const options = roleCan(actor.role, "record.create") ? [...byKey.values()].filter((x) => !x.archived).map(linkTemplateOption) : [];
  const listed = links.map((link) => {
    const template = byKey.get(link.templateKey);
    return {
      ...link,
      templateName: template?.name ?? link.templateKey,
      sectionTitles: template ? sectionTitles(template, link.sections) : link.sections,
      recordHref: link.recordId ? `/t/${encodeURIComponent(link.templateKey)}/r/${link.recordId}` : null,
    };
  });
  const create = options.length > 0 ? <CreateLinkDialog templates={options} label={t.selfFill.dialog.openNew} variant="primary" /> : undefined;
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-5">
      <PageHeader title={l.title} description={l.description} actions={create} />
      <Card className="px-5 py-4">{listed.length === 0 ? <EmptyState title={l.empty} description={l.emptyHint} /> : <LinkTable links={listed} showRecord currentUserId={actor.id} />}</Card>
    </div>
  );
}
