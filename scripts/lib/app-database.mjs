// The database a command-line tool works on, the way `npm run demo-data` finds it: MONGODB_URI
// when set; else the app's embedded FerretDB if it is already listening on DOSSIER_DB_PORT
// (default 27027); else the embedded FerretDB started on the project's data folder for the run.
import path from "node:path";
import { spawn } from "node:child_process";
import { ensureFerretDB, isPortTaken, startFerretDB } from "./ferretdb.mjs";
import { log } from "./log.mjs";
import { dataDir, root } from "./paths.mjs";

/** Sets MONGODB_URI in `env`; returns `stop()` for a database it started (a no-op otherwise). */
export async function openAppDatabase(env) {
  if (env.MONGODB_URI) {
    log("使用 MONGODB_URI 指定的数据库");
    return { stop: async () => {} };
  }
  const port = Number(env.DOSSIER_DB_PORT ?? 27027);
  if (await isPortTaken(port)) {
    // The app is running with its embedded database: work through the same server.
    env.MONGODB_URI = `mongodb://127.0.0.1:${port}/`;
    log(`连接正在运行的内置数据库 127.0.0.1:${port}`);
    return { stop: async () => {} };
  }
  ensureFerretDB();
  const db = await startFerretDB({ port, dataDir: path.join(dataDir, "ferretdb"), logFile: path.join(dataDir, "ferretdb.log") });
  env.MONGODB_URI = db.uri;
  const shown = dataDir.startsWith(root + path.sep) ? path.relative(root, dataDir) : dataDir;
  log(`内置数据库已启动 127.0.0.1:${port}（数据目录 ${path.join(shown, "ferretdb")}），完成后关闭`);
  return { stop: () => db.stop() };
}

/** Runs one of the project's TypeScript entry points with the app's code (tsx, react-server condition); resolves with its exit code. */
export function runTs(file, args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...(process.env.PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PROF_DIR}`] : []), "--conditions=react-server", "--import", "tsx", path.join(root, file), ...args], { cwd: root, stdio: "inherit", env });
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
