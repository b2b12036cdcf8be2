import "server-only";
import { onDatabaseBack } from "./db/connect";
import { JOB_KINDS } from "./job-kinds";
import { resumeJobs } from "./jobs/resume-jobs";
import { convertLegacyMigrations } from "./migrations/convert-legacy-migrations";
import { backfillOwnerNames } from "./records/backfill-owner-names";
import { startReminderFactsBackfill } from "./records/backfill-reminder-facts";
import { startSearchTextBackfill } from "./records/backfill-search-text";
import { ensureRecordIndexes, warmListQueries } from "./records/record-indexes";
import { startRecordEventRecovery } from "./records/write/record-events";
import { warmReminderIndex } from "./reminders/reminder-index";
import { warmDashboards } from "./statistics/warm-dashboards";
import { seedTemplates } from "./templates/seed-templates";
import { ensureFirstAdmin } from "./users/ensure-first-admin";

/**
 * First-start work, idempotent and safe to run on every start of every app server: seed the
 * templates from `schemas/` that are missing, create the first administrator if there is none,
 * build the list indexes the published templates need (and drop those none needs), and continue the jobs (template migrations…) a stopped server left unfinished.
 */
export async function bootstrap(): Promise<void> {
  try {
    const seeded = await seedTemplates();
    if (seeded.length) console.log(`[dossier] 已导入模板 / seeded templates: ${seeded.join(", ")}`);
    await ensureFirstAdmin();
    // In the background: the server answers meanwhile. Building the list indexes takes about a
    // second per index per 20,000 records when a start finds them missing (the first start after
    // an upgrade); the warm-up follows them, so it reads through them.
    // Records from before the 负责人 column read `ownerName` get it first (a no-op once done).
    backfillOwnerNames()
      .then((named) => {
        if (named) console.log(`[dossier] 记录负责人姓名 / owner names filled in: ${named}`);
        return ensureRecordIndexes();
      })
      .then((indexes) => {
        if (indexes.created.length || indexes.dropped.length)
          console.log(`[dossier] 列表索引 / list indexes: +${indexes.created.length} −${indexes.dropped.length}${indexes.unindexed.length ? `，超出预算未建索引 / over budget: ${indexes.unindexed.join(", ")}` : ""}`);
        return warmListQueries();
      })
      // The 工作台's reminder index, read from the records once so the first view answers from memory.
      .then(() => warmReminderIndex())
      // Records from before the reminder facts (or from before the rules changed) get them, so
      // that the calendar feeds and the records' own reminder queries answer them from the index
      // (a no-op once done).
      .then(() => startReminderFactsBackfill())
      // Likewise the search text, which the search box asks instead of every record's data.
      .then(() => startSearchTextBackfill())
      // The dashboards once, so that the first 统计 view does not make the table charts' row copies.
      .then(() => warmDashboards())
      .catch((err: unknown) => console.error("[dossier] 列表索引或预热失败 / list indexes or warm-up failed:", (err as Error).message));
    // A database started again by its watch lost what the warm-up gave it (the pushdown's scan of
    // the records' paths): warmed again, once at a time, rather than by the first person's list.
    let warming = false;
    onDatabaseBack(() => {
      if (warming) return;
      warming = true;
      warmListQueries()
        .catch((err: unknown) => console.error("[dossier] 预热失败 / warm-up failed:", (err as Error).message))
        .finally(() => (warming = false));
    });
    const converted = await convertLegacyMigrations();
    if (converted) console.log(`[dossier] 已将旧的迁移记录转为任务 / legacy migrations moved to jobs: ${converted}`);
    // The audit events a killed server left unwritten, before the jobs resume: an import's resume
    // finds the updates it wrote before the kill through their events. Then every 15 s.
    await startRecordEventRecovery();
    const resumed = await resumeJobs(JOB_KINDS);
    if (resumed) console.log(`[dossier] 继续未完成的任务 / resuming jobs: ${resumed}`);
  } catch (err) {
    // Keep serving: pages then show the database error instead of a dead server.
    console.error("[dossier] 启动初始化失败 / bootstrap failed:", (err as Error).message);
  }
}
