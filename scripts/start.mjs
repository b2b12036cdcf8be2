// npm start: installs what is missing, starts the embedded database (unless MONGODB_URI is set),
// builds the app when needed and serves it on 127.0.0.1. Templates and the first administrator are
// seeded by the app itself on first start (instrumentation.ts). `--dev` runs `next dev` instead.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuild } from "./lib/build.mjs";
import { scheduleDailyBackup } from "./lib/daily-backup.mjs";
import { ensureDependencies } from "./lib/deps.mjs";
import { SetupError, ensureFerretDB, superviseFerretDB } from "./lib/ferretdb.mjs";
import { heapFlags } from "./lib/heap.mjs";
import { fail, log } from "./lib/log.mjs";
import { dataDir, root } from "./lib/paths.mjs";
import { localSecret } from "./lib/secret.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const dbPort = Number(process.env.DOSSIER_DB_PORT ?? 27027);

async function main() {
  // A bad DOSSIER_HEAP_MB is refused before anything starts (not after the database is up).
  const nodeFlags = heapFlags();
  ensureDependencies();
  let db = null;
  if (!process.env.MONGODB_URI) {
    ensureFerretDB();
    // Watched: if it dies, it is started again (bounded), and the app answers 503 meanwhile.
    db = await superviseFerretDB({ port: dbPort, dataDir: path.join(dataDir, "ferretdb"), logFile: path.join(dataDir, "ferretdb.log"), onEvent: reportDatabase });
    process.env.MONGODB_URI = db.uri;
    log(`内置数据库已启动 127.0.0.1:${dbPort}（数据目录 ${path.relative(root, dataDir)}/ferretdb）`);
  } else {
    log("使用 MONGODB_URI 指定的数据库");
  }
  process.env.NEXTAUTH_SECRET ??= localSecret(dataDir);
  // Without a fixed public URL, trust the Host header so that both localhost and 127.0.0.1 work.
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST = "true";
  if (!dev) ensureBuild({ force: process.argv.includes("--rebuild") });

  // Served by scripts/serve.mjs (Next.js behind Node's own server, which knows each request's real
  // address) in a capped heap (scripts/lib/heap.mjs, DOSSIER_HEAP_MB); `--dev` by `next dev`.
  const command = dev ? [path.join(root, "node_modules", ".bin", "next"), ["dev", "-H", "127.0.0.1", "-p", String(port)]] : [process.execPath, [...nodeFlags, path.join(root, "scripts", "serve.mjs")]];
  let next;
  // The app server is watched as the database is: if it dies (killed, out of memory) it is started
  // again, at most 5 times in 10 minutes, and says so — it stopped `npm start` without a word, its
  // imports and other jobs left until someone started it again (they resume where they stopped).
  const appExits = [];
  // Daily backups of the embedded database when serving (not with `--dev`, whose data is a sandbox),
  // unless DOSSIER_BACKUP_DAILY=0; the app's 数据备份 page says whether there are any.
  const dailyBackups = !!db && !dev && process.env.DOSSIER_BACKUP_DAILY !== "0";
  process.env.DOSSIER_BACKUP_SCHEDULED = dailyBackups ? "1" : "0";
  const startApp = () => {
    next = spawn(command[0], command[1], { cwd: root, stdio: "inherit", env: { ...process.env, PORT: String(port) } });
    next.on("exit", (code, signal) => {
      if (stopping) return;
      // Stopped on purpose (Ctrl+C reaches the whole process group; a clean exit): stop too.
      if ((code === 0 && !signal) || signal === "SIGINT" || signal === "SIGTERM") return shutdown(0);
      const now = Date.now();
      while (appExits.length && now - appExits[0] > 10 * 60_000) appExits.shift();
      const why = signal ?? `退出码 ${code}`;
      if (appExits.length >= 5) {
        console.error(`[dossier] 应用进程 10 分钟内已意外退出 ${appExits.length + 1} 次（${why}），不再自动重启；请查看上面的错误后重新运行 npm start。`);
        return shutdown(1);
      }
      appExits.push(now);
      console.error(`[dossier] 应用进程意外退出（${why}），1 秒后重新启动；未完成的导入、导出等任务会从停下的地方继续。 The app server stopped (${signal ?? `exit code ${code}`}); starting it again.`);
      setTimeout(() => !stopping && startApp(), 1000);
    });
  };
  startApp();
  log(`Dossier 正在启动：http://127.0.0.1:${port}  （Ctrl+C 停止）`);
  const stopBackups = dailyBackups ? scheduleDailyBackup({ dataDir, env: process.env, delayMs: 5 * 60_000 }) : () => {};

  let stopping = false;
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    stopBackups();
    if (next.exitCode === null) next.kill("SIGTERM");
    if (db) await db.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => shutdown(0));
  process.on("SIGTERM", () => shutdown(0));
}

/** What the database's watch reports, for whoever reads the console. */
function reportDatabase(event) {
  const logs = path.relative(root, path.join(dataDir, "ferretdb.log"));
  if (event.type === "exited")
    console.error(`[dossier] 内置数据库意外退出（${event.signal ?? `退出码 ${event.code}`}），${event.retryInMs / 1000} 秒后重启；期间请求会得到 503。日志见 ${logs}`);
  else if (event.type === "failed") console.error(`[dossier] 内置数据库重启失败：${event.error?.message ?? event.error}；${event.retryInMs / 1000} 秒后再试`);
  else if (event.type === "restarted") log(`内置数据库已重启（第 ${event.restarts} 次），服务已恢复`);
  else if (event.type === "gave-up")
    console.error(`[dossier] 内置数据库 10 分钟内已重启 ${event.restarts} 次仍然退出，不再自动重启。应用继续运行并返回 503；请查看 ${logs}，然后重新运行 npm start。`);
}

main().catch((err) => (err instanceof SetupError ? fail(err.message, err.hint) : fail(err.stack ?? String(err))));
