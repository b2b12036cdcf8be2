// The part of `npm run demo-data` that runs the app's own services: seeds the templates, makes
// sure there is an administrator, and loads demo records as that administrator. Started by
// scripts/demo-data.mjs with `node --conditions=react-server --import tsx` (the react-server
// condition turns the "server-only" guard into a no-op outside Next.js) and MONGODB_URI set.
import mongoose from "mongoose";
import type { Actor } from "../lib/auth/roles";
import type { Role } from "../lib/shared/role";
import { connectDb } from "../lib/db/connect";
import { UserModel } from "../lib/db/models/user";
import { loadDemoData } from "../lib/demo/load-demo-data";
import { DomainError } from "../lib/errors";
import { seedTemplates } from "../lib/templates/seed-templates";
import { ensureRecordIndexes } from "../lib/records/record-indexes";
import { ensureFirstAdmin } from "../lib/users/ensure-first-admin";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

/** The oldest active administrator: the one a fresh install created first. */
async function firstAdmin(): Promise<Actor> {
  await ensureFirstAdmin();
  const user = await UserModel.findOne({ role: "admin", active: true }).sort({ createdAt: 1 }).lean();
  if (!user) throw new Error("没有可用的管理员账号 / no active administrator");
  return { id: String(user._id), name: user.name, email: user.email, role: user.role as Role };
}

async function main() {
  const count = Number(option("count", "200"));
  const templateKey = option("template", "customer-archive");
  const seed = process.argv.includes("--seed") ? Number(option("seed", "1")) : undefined;
  await connectDb();
  const seeded = await seedTemplates();
  // As the app's start-up does: the list indexes of the published templates.
  await ensureRecordIndexes();
  if (seeded.length) console.log(`[dossier] 已导入模板 / seeded templates: ${seeded.join(", ")}`);
  const actor = await firstAdmin();
  console.log(`[dossier] 以管理员 ${actor.email} 的身份为模板 ${templateKey} 生成 ${count} 条演示记录… Generating demo records`);
  const started = Date.now();
  const tty = process.stdout.isTTY;
  let shown = 0;
  const { created } = await loadDemoData({
    actor,
    templateKey,
    count,
    seed,
    onProgress: (done, total) => {
      const pct = Math.floor((done / total) * 100);
      if (tty) process.stdout.write(`\r[dossier] ${done}/${total}（${pct}%）`);
      else if (pct >= shown + 10 || done === total) {
        shown = pct - (pct % 10);
        console.log(`[dossier] ${done}/${total}（${pct}%）`);
      }
    },
  });
  if (tty) process.stdout.write("\n");
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[dossier] ✔ 已生成 ${created} 条演示记录，用时 ${seconds} 秒 / created ${created} demo records in ${seconds} s`);
}

main()
  .catch((err) => {
    const message = err instanceof DomainError ? err.message : (err as Error).stack ?? String(err);
    console.error(`[dossier] ✖ 生成演示数据失败 / demo data failed: ${message}`);
    process.exitCode = 1;
  })
  .finally(() => mongoose.disconnect());
