import "server-only";
import { resumeAbandonedMigrations } from "./templates/migrations/resume-abandoned";
import { seedTemplates } from "./templates/seed-templates";
import { ensureFirstAdmin } from "./users/ensure-first-admin";

/**
 * First-start work, idempotent and safe to run on every start of every app server: seed the
 * templates from `schemas/` that are missing, create the first administrator if there is none,
 * and continue template migrations a stopped server left unfinished.
 */
export async function bootstrap(): Promise<void> {
  try {
    const seeded = await seedTemplates();
    if (seeded.length) console.log(`[dossier] 已导入模板 / seeded templates: ${seeded.join(", ")}`);
    await ensureFirstAdmin();
    const resumed = await resumeAbandonedMigrations();
    if (resumed) console.log(`[dossier] 继续未完成的模板迁移 / resuming migrations: ${resumed}`);
  } catch (err) {
    // Keep serving: pages then show the database error instead of a dead server.
    console.error("[dossier] 启动初始化失败 / bootstrap failed:", (err as Error).message);
  }
}
