import "server-only";
import { z } from "zod";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { RecordModel } from "../db/models/record";
import { JobModel } from "../db/models/job";
import { createJob } from "../jobs/create-job";
import { EVERY_RECORD, recordsFilter } from "../records/records-filter";
import { deepEqual } from "../template-model/json";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { parseInput } from "../validation/parse-input";
import { loadTemplateDoc, loadVersionContent } from "../templates/template-doc";
import { ensureMigrationPublished } from "./ensure-published";
import { applyOpToContent, migrationOpInput, type MigrationOp } from "../template-model/migration-op";
import { MIGRATION_KIND, migrationJobId, toMigrationView, type MigrationParams, type MigrationView } from "./migration-view";
import { kickMigration } from "./run-migration";

const startInput = z
  .object({ op: migrationOpInput, note: z.string().trim().max(500).optional(), batchSize: z.number().int().min(1).max(1000).optional() })
  .strict();

/**
 * Starts a key or type migration (administrators): publishes the next version with the field
 * renamed or retyped, creates the job (`<key>@<version>`, so a repeated start returns the same
 * job) and, with `run: "background"`, processes it in this server process. One migration at a
 * time per template.
 */
export async function startMigration(params: { actor: Actor | null; templateKey: string; input: unknown; run?: "background" | "none" }): Promise<MigrationView> {
  const { actor, templateKey, run = "background" } = params;
  assertCan(actor, "template.manage");
  const input = parseInput(startInput, params.input);
  const op: MigrationOp = input.op;
  const tpl = await loadTemplateDoc(templateKey);
  if (tpl.currentVersion < 1) throw new DomainError("BAD_REQUEST", msg("migrations.unpublished"));
  const active = await JobModel.findOne({ kind: MIGRATION_KIND, templateKey, status: { $in: ["pending", "running"] } }).lean();
  if (active) {
    const current = toMigrationView(active);
    if (deepEqual(current.op, op)) return current;
    throw new DomainError("CONFLICT", msg("migrations.running"), { details: { jobId: current.id } });
  }
  try {
    applyOpToContent(await loadVersionContent(templateKey, tpl.currentVersion), op);
  } catch (err) {
    throw new DomainError("VALIDATION", (err as Error).message);
  }
  const id = `${templateKey}@${tpl.currentVersion + 1}`;
  const migration: MigrationParams = { fromVersion: tpl.currentVersion, toVersion: tpl.currentVersion + 1, op, note: input.note ?? "" };
  const created = await createJob({
    kind: MIGRATION_KIND,
    id,
    templateKey,
    params: { ...migration },
    total: await RecordModel.countDocuments(recordsFilter({ actor: null, templateKey, trash: "any", scope: EVERY_RECORD })),
    batchSize: input.batchSize,
    createdBy: actor,
  });
  if (!created) throw new DomainError("CONFLICT", msg("migrations.versionTaken", { version: migration.toVersion }));
  try {
    await ensureMigrationPublished({ id, templateKey, params: migration, createdBy: actor.id, createdByName: actor.name });
  } catch (err) {
    await JobModel.deleteOne({ _id: migrationJobId(id), status: "pending" });
    throw err;
  }
  await JobModel.updateOne({ _id: migrationJobId(id), status: "pending" }, { $set: { status: "running" } });
  await writeAuditEvent({ id: `migration:${id}:start`, actor, action: "template.migrate.start", entity: "template", entityId: templateKey, templateKey, meta: { jobId: id, op, toVersion: migration.toVersion } });
  if (run === "background") kickMigration(id);
  return toMigrationView((await JobModel.findById(migrationJobId(id)).lean())!);
}
