import "server-only";
import { seedTemplates } from "./templates/seed-templates";
import { ensureFirstAdmin } from "./users/ensure-first-admin";

/**
 * First-start work, idempotent and safe to run on every start of every app server: seed the
 * templates from `schemas/` that are missing and create the first administrator if there is none.
 */
export async function bootstrap(): Promise<void> {
  try {
    const seeded = await seedTemplates();
    if (seeded.length) console.log(`[dossier] 已导入模板 / seeded templates: ${seeded.join(", ")}`);
    await ensureFirstAdmin();
  } catch (err) {
    // Keep serving: pages then show the database error instead of a dead server.
    console.error("[dossier] 启动初始化失败 / bootstrap failed:", (err as Error).message);
  }
}
