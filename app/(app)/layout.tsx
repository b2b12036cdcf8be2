import { AppShell } from "@/components/shell/app-shell";
import { requireActor } from "@/lib/auth/session";
import { roleCan } from "@/lib/auth/roles";
import { listTemplates } from "@/lib/templates/list-templates";
import { countVerificationQueue } from "@/lib/verification/list-verification-queue";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const [templates, toVerify] = await Promise.all([listTemplates(actor), roleCan(actor.role, "record.verify") ? countVerificationQueue(actor) : undefined]);
  return (
    <AppShell actor={actor} templates={templates.map((t) => ({ key: t.key, name: t.name }))} toVerify={toVerify}>
      {children}
    </AppShell>
  );
}
