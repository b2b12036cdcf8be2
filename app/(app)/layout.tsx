import { AppShell } from "@/components/shell/app-shell";
import { requireActor } from "@/lib/auth/session";
import { listTemplates } from "@/lib/templates/list-templates";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const templates = await listTemplates(actor);
  return (
    <AppShell actor={actor} templates={templates.map((t) => ({ key: t.key, name: t.name }))}>
      {children}
    </AppShell>
  );
}
