// npm run backup [-- --out <folder>] [--keep 7]
// npm run restore -- <file> [--force]
// Backs up every collection of the database into one archive (.ndjson.gz with a manifest of
// counts and SHA-256 per collection), or loads one into an empty database and checks it. The
// database is found like `npm run demo-data` finds it (scripts/lib/app-database.mjs); the work is
// done by the app's own code (scripts/backup-run.ts, lib/backup/).
import fs from "node:fs";
import path from "node:path";
import { openAppDatabase, runTs } from "./lib/app-database.mjs";
import { ensureDependencies } from "./lib/deps.mjs";
import { SetupError } from "./lib/ferretdb.mjs";
import { fail } from "./lib/log.mjs";
import { dataDir } from "./lib/paths.mjs";

const [command, ...args] = process.argv.slice(2);
const USAGE = "用法 Usage: npm run backup [-- --out <目录> --keep 7] | npm run restore -- <备份文件> [--force]";

function checkArgs() {
  if (command === "backup") {
    let out = path.join(dataDir, "backups");
    let keep = process.env.DOSSIER_BACKUP_KEEP ?? "7";
    for (let i = 0; i < args.length; i += 2) {
      if (args[i] === "--out" && args[i + 1]) out = path.resolve(args[i + 1]);
      else if (args[i] === "--keep" && args[i + 1]) keep = args[i + 1];
      else fail(`未知参数 ${args[i]} / unknown option`, USAGE);
    }
    if (!/^\d+$/.test(keep)) fail(`--keep 必须是非负整数（收到 ${keep}）`, USAGE);
    return ["backup", "--out", out, "--keep", keep];
  }
  if (command === "restore") {
    const file = args.find((a) => !a.startsWith("--"));
    const unknown = args.find((a) => a.startsWith("--") && a !== "--force");
    if (unknown) fail(`未知参数 ${unknown} / unknown option`, USAGE);
    if (!file) fail("请给出要恢复的备份文件 / which backup file?", USAGE);
    if (!fs.existsSync(file)) fail(`找不到备份文件 ${file} / no such file`);
    return ["restore", path.resolve(file), ...(args.includes("--force") ? ["--force"] : [])];
  }
  fail(USAGE);
}

async function main() {
  const runArgs = checkArgs();
  ensureDependencies();
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const db = await openAppDatabase(env);
  const code = await runTs(path.join("scripts", "backup-run.ts"), runArgs, env);
  await db.stop();
  process.exit(code);
}

main().catch((err) => (err instanceof SetupError ? fail(err.message, err.hint) : fail(err.stack ?? String(err))));
