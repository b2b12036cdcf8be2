import "server-only";
import { JOB_KINDS } from "./job-kinds";
import { resumeJobs } from "./jobs/resume-jobs";
import { convertLegacyMigrations } from "./migrations/convert-legacy-migrations";
import { seedTemplates } from "./templates/seed-templates";
import { ensureFirstAdmin } from "./users/ensure-first-admin";

/**
 * First-start work, idempotent and safe to run on every start of every app server: seed the
 * templates from `schemas/` that are missing, create the first administrator if there is none,
 * and continue the jobs (template migrations…) a stopped server left unfinished.
 */
export async function bootstrap(): Promise<void> {
  try {
    const seeded = await seedTemplates();
    if (seeded.length) console.log(`[dossier] 已导入模板 / seeded templates: ${seeded.join(", ")}`);
    await ensureFirstAdmin();
    const converted = await convertLegacyMigrations();
    if (converted) console.log(`[dossier] 已将旧的迁移记录转为任务 / legacy migrations moved to jobs: ${converted}`);
    const resumed = await resumeJobs(JOB_KINDS);
    if (resumed) console.log(`[dossier] 继续未完成的任务 / resuming jobs: ${resumed}`);
  } catch (err) {
    // Keep serving: pages then show the database error instead of a dead server.
    console.error("[dossier] 启动初始化失败 / bootstrap failed:", (err as Error).message);
  }
}
