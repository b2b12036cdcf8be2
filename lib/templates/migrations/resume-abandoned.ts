import "server-only";
import { connectDb } from "../../db/connect";
import { TemplateMigrationModel } from "../../db/models/template-migration";
import { STALE_AFTER_MS } from "./migration-view";
import { kickMigration } from "./run-migration";

/**
 * On server start: picks up migrations a stopped server left running. A job whose worker may
 * still be alive elsewhere is only taken once its heartbeat is stale, hence a second try later.
 */
export async function resumeAbandonedMigrations(): Promise<number> {
  await connectDb();
  const jobs = await TemplateMigrationModel.find({ status: { $in: ["pending", "running"] } }, { _id: 1 }).lean();
  for (const job of jobs) {
    kickMigration(job._id);
    setTimeout(() => kickMigration(job._id), STALE_AFTER_MS + 1000).unref();
  }
  return jobs.length;
}
