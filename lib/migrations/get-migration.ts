import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { JobModel } from "../db/models/job";
import { notFound } from "../errors";
import { msg } from "../i18n/messages";
import { MIGRATION_KIND, migrationJobId, toMigrationView, type MigrationView } from "./migration-view";

/** One migration's progress (administrators), for the progress bar. */
export async function getMigration(params: { actor: Actor | null; templateKey: string; jobId: string }): Promise<MigrationView> {
  assertCan(params.actor, "template.manage");
  await connectDb();
  const doc = await JobModel.findOne({ _id: migrationJobId(params.jobId), kind: MIGRATION_KIND, templateKey: params.templateKey }).lean();
  if (!doc) throw notFound(msg("migrations.notFound"));
  return toMigrationView(doc);
}

/** A template's migrations, newest first (administrators). */
export async function listMigrations(params: { actor: Actor | null; templateKey: string }): Promise<MigrationView[]> {
  assertCan(params.actor, "template.manage");
  await connectDb();
  const docs = await JobModel.find({ kind: MIGRATION_KIND, templateKey: params.templateKey }, { "state.failures": 0, "state.retryIds": 0 }).sort({ startedAt: -1 }).limit(50).lean();
  return docs.map(toMigrationView);
}
