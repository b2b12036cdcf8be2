import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { getMigration } from "./get-migration";
import type { MigrationView } from "./migration-view";
import { kickMigration, runMigration } from "./run-migration";

/**
 * Continues a migration that stopped (server restart, crash, error) from where it stopped
 * (the job runner keeps its cursor).
 * A job another worker is still actively processing is left to it.
 */
export async function resumeMigration(params: { actor: Actor | null; templateKey: string; jobId: string; run?: "background" | "wait" }): Promise<MigrationView> {
  const { actor, templateKey, jobId, run = "background" } = params;
  assertCan(actor, "template.manage");
  const job = await getMigration({ actor, templateKey, jobId });
  if (job.status === "done") throw new DomainError("BAD_REQUEST", msg("migrations.alreadyDone"));
  if (!job.stalled && job.status !== "failed") return job;
  await writeAuditEvent({
    id: `migration:${jobId}:resume:${Date.now()}`,
    actor,
    action: "template.migrate.resume",
    entity: "template",
    entityId: templateKey,
    templateKey,
    meta: { jobId, processed: job.processed },
  });
  if (run === "wait") return runMigration({ jobId });
  kickMigration(jobId);
  return getMigration({ actor, templateKey, jobId });
}
