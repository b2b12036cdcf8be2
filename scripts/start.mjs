// npm start: installs what is missing, starts the embedded database (unless MONGODB_URI is set),
// builds the app when needed and serves it on 127.0.0.1. Templates and the first administrator are
// seeded by the app itself on first start (instrumentation.ts). `--dev` runs `next dev` instead.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuild } from "./lib/build.mjs";
import { scheduleDailyBackup } from "./lib/daily-backup.mjs";
import { ensureDependencies } from "./lib/deps.mjs";
import { SetupError, ensureFerretDB, startFerretDB } from "./lib/ferretdb.mjs";
import { fail, log } from "./lib/log.mjs";
import { dataDir, root } from "./lib/paths.mjs";
import { localSecret } from "./lib/secret.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const dbPort = Number(process.env.DOSSIER_DB_PORT ?? 27027);

async function main() {
  ensureDependencies();
  let db = null;
  if (!process.env.MONGODB_URI) {
    ensureFerretDB();
    db = await startFerretDB({ port: dbPort, dataDir: path.join(dataDir, "ferretdb"), logFile: path.join(dataDir, "ferretdb.log") });
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
  // address); `--dev` by `next dev`.
  const command = dev ? [path.join(root, "node_modules", ".bin", "next"), ["dev", "-H", "127.0.0.1", "-p", String(port)]] : [process.execPath, [path.join(root, "scripts", "serve.mjs")]];
  const next = spawn(command[0], command[1], { cwd: root, stdio: "inherit", env: { ...process.env, PORT: String(port) } });
  log(`Dossier 正在启动：http://127.0.0.1:${port}  （Ctrl+C 停止）`);
  // Daily backups of the embedded database when serving (not with `--dev`, whose data is a sandbox).
  const stopBackups = db && !dev ? scheduleDailyBackup({ dataDir, env: process.env, delayMs: 5 * 60_000 }) : () => {};

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
  next.on("exit", (code) => shutdown(code ?? 0));
  db?.child.on("exit", (code) => {
    if (!stopping) {
      console.error(`[dossier] 内置数据库意外退出（退出码 ${code}），日志见 .data/ferretdb.log`);
      shutdown(1);
    }
  });
}

main().catch((err) => (err instanceof SetupError ? fail(err.message, err.hint) : fail(err.stack ?? String(err))));
