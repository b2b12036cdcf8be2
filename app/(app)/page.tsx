import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { Workbench } from "@/components/workbench/workbench";
import { WorkbenchLoading } from "@/components/workbench/workbench-loading";
import type { Actor } from "@/lib/auth/roles";
import { requireActor } from "@/lib/auth/session";
import { getDictionary } from "@/lib/i18n/server";
import { reminderReach } from "@/lib/reminders/reminder-scope";
import { WORKBENCH_HORIZON_DAYS, workbenchPage } from "@/lib/reminders/workbench-page";
import { listTemplates } from "@/lib/templates/list-templates";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getDictionary()).workbench.title };
}

/** The reminders, computed while the page around them is already shown. */
async function WorkbenchData({ actor, ownerId, templates }: { actor: Actor; ownerId: string; templates: { key: string; name: string }[] }) {
  const data = await workbenchPage({ actor, ownerId: ownerId || undefined, horizonDays: WORKBENCH_HORIZON_DAYS });
  return <Workbench data={data} owner={ownerId} horizonDays={WORKBENCH_HORIZON_DAYS} templates={templates} />;
}

/**
 * Home: the 工作台 — reminders computed from the records (agents: their own customers'; admins and
 * reviewers: everyone's, `?owner=` narrows to one agent). Viewers, who act on no reminders, land
 * on the first template's list; without any template a note says what to do.
 */
export default async function Home({ searchParams }: { searchParams: Promise<{ owner?: string }> }) {
  const actor = await requireActor();
  const templates = await listTemplates(actor);
  if (templates.length === 0) return <EmptyState title="还没有可用的模板" description="请管理员在“模板管理”中创建或发布模板。" />;
  if ((await reminderReach(actor)) === "none") redirect(`/t/${templates[0].key}`);
  const owner = (await searchParams).owner;
  const ownerId = typeof owner === "string" && /^[0-9a-f]{24}$/.test(owner) ? owner : "";
  const w = (await getDictionary()).workbench;
  return (
    <Suspense key={ownerId} fallback={<WorkbenchLoading title={w.title} message={w.loading} />}>
      <WorkbenchData actor={actor} ownerId={ownerId} templates={templates.map((t) => ({ key: t.key, name: t.name }))} />
    </Suspense>
  );
}
