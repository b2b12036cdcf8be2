import { redirect } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { requireActor } from "@/lib/auth/session";
import { listTemplates } from "@/lib/templates/list-templates";

/** Home: the first template's list, or a note when there is no template yet. */
export default async function Home() {
  const actor = await requireActor();
  const templates = await listTemplates(actor);
  if (templates.length > 0) redirect(`/t/${templates[0].key}`);
  return <EmptyState title="还没有可用的模板" description="请管理员在“模板管理”中创建或发布模板。" />;
}
