import { AppShell } from "@/components/shell/app-shell";
import { requireActor } from "@/lib/auth/session";
import { roleCan } from "@/lib/auth/roles";
import { listTemplates } from "@/lib/templates/list-templates";
import { countReturnedRecords } from "@/lib/verification/list-returned-records";
import { countVerificationQueue } from "@/lib/verification/list-verification-queue";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  // Reviewers see 待我核对 with its count; those who only enter data see what was returned to them.
  const verifies = roleCan(actor.role, "record.verify");
  const [templates, count] = await Promise.all([
    listTemplates(actor),
    verifies ? countVerificationQueue(actor) : roleCan(actor.role, "record.update") ? countReturnedRecords(actor) : undefined,
  ]);
  const verification = count === undefined ? undefined : { kind: verifies ? ("queue" as const) : ("returned" as const), count };
  return (
    <AppShell actor={actor} templates={templates.map((t) => ({ key: t.key, name: t.name }))} verification={verification}>
      {children}
    </AppShell>
  );
}
