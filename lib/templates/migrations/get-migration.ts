import "server-only";
import { assertCan } from "../../auth/permissions";
import type { Actor } from "../../auth/roles";
import { connectDb } from "../../db/connect";
import { TemplateMigrationModel } from "../../db/models/template-migration";
import { notFound } from "../../errors";
import { toMigrationView, type MigrationView } from "./migration-view";

/** One migration's progress (administrators), for the progress bar. */
export async function getMigration(params: { actor: Actor | null; templateKey: string; jobId: string }): Promise<MigrationView> {
  assertCan(params.actor, "template.manage");
  await connectDb();
  const doc = await TemplateMigrationModel.findOne({ _id: params.jobId, templateKey: params.templateKey }).lean();
  if (!doc) throw notFound("迁移任务不存在");
  return toMigrationView(doc);
}

/** A template's migrations, newest first (administrators). */
export async function listMigrations(params: { actor: Actor | null; templateKey: string }): Promise<MigrationView[]> {
  assertCan(params.actor, "template.manage");
  await connectDb();
  const docs = await TemplateMigrationModel.find({ templateKey: params.templateKey }, { failures: 0, retryIds: 0 }).sort({ startedAt: -1 }).limit(50).lean();
  return docs.map((d) => toMigrationView({ ...d, failures: [] } as never));
}
