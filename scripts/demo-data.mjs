// npm run demo-data -- --count 300 [--template customer-archive] [--seed 1]
// Fills a template with realistic synthetic records. The database: MONGODB_URI when set; else
// the app's embedded FerretDB if it is already listening on DOSSIER_DB_PORT (default 27027);
// else the embedded FerretDB is started on the project's data folder for the run and stopped
// afterwards. The records are made by the app's own services (scripts/demo-data-run.ts).
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureDependencies } from "./lib/deps.mjs";
import { SetupError, ensureFerretDB, isPortTaken, startFerretDB } from "./lib/ferretdb.mjs";
import { fail, log } from "./lib/log.mjs";
import { dataDir, root } from "./lib/paths.mjs";

const args = process.argv.slice(2);
const value = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

function checkArgs() {
  const known = new Set(["--count", "--template", "--seed"]);
  for (let i = 0; i < args.length; i += 2) {
    if (!known.has(args[i])) fail(`未知参数 ${args[i]} / unknown option`, "用法 Usage: npm run demo-data -- --count 300 [--template customer-archive] [--seed 1]");
  }
  const count = value("count") ?? "200";
  if (!/^\d+$/.test(count) || Number(count) < 1 || Number(count) > 1000) fail(`--count 必须是 1 到 1000 之间的整数（收到 ${count}）`);
  const template = value("template") ?? "customer-archive";
  if (!/^[a-z0-9][a-z0-9-]*$/.test(template)) fail(`--template 不是有效的模板标识：${template}`);
  const seed = value("seed");
  if (seed !== undefined && !/^\d+$/.test(seed)) fail(`--seed 必须是非负整数（收到 ${seed}）`);
  return ["--count", count, "--template", template, ...(seed !== undefined ? ["--seed", seed] : [])];
}

function run(runArgs, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(root, "scripts", "demo-data-run.ts"), ...runArgs], {
      cwd: root,
      stdio: "inherit",
      env,
    });
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const runArgs = checkArgs();
  ensureDependencies();
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  let db = null;
  if (env.MONGODB_URI) {
    log("使用 MONGODB_URI 指定的数据库");
  } else {
    const port = Number(env.DOSSIER_DB_PORT ?? 27027);
    if (await isPortTaken(port)) {
      // The app is running with its embedded database: write through the same server.
      env.MONGODB_URI = `mongodb://127.0.0.1:${port}/`;
      log(`连接正在运行的内置数据库 127.0.0.1:${port}`);
    } else {
      ensureFerretDB();
      db = await startFerretDB({ port, dataDir: path.join(dataDir, "ferretdb"), logFile: path.join(dataDir, "ferretdb.log") });
      env.MONGODB_URI = db.uri;
      const shown = dataDir.startsWith(root + path.sep) ? path.relative(root, dataDir) : dataDir;
      log(`内置数据库已启动 127.0.0.1:${port}（数据目录 ${path.join(shown, "ferretdb")}），完成后关闭`);
    }
  }
  const code = await run(runArgs, env);
  if (db) await db.stop();
  process.exit(code);
}

main().catch((err) => (err instanceof SetupError ? fail(err.message, err.hint) : fail(err.stack ?? String(err))));
