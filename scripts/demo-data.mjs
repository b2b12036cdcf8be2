// npm run demo-data -- --count 300 [--template customer-archive] [--seed 1]
// Fills a template with realistic synthetic records. The database: MONGODB_URI when set; else
// the app's embedded FerretDB if it is already listening on DOSSIER_DB_PORT (default 27027);
// else the embedded FerretDB is started on the project's data folder for the run and stopped
// afterwards. The records are made by the app's own services (scripts/demo-data-run.ts).
import path from "node:path";
import { openAppDatabase, runTs } from "./lib/app-database.mjs";
import { ensureDependencies } from "./lib/deps.mjs";
import { SetupError } from "./lib/ferretdb.mjs";
import { fail } from "./lib/log.mjs";

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

async function main() {
  const runArgs = checkArgs();
  ensureDependencies();
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const db = await openAppDatabase(env);
  const code = await runTs(path.join("scripts", "demo-data-run.ts"), runArgs, env);
  await db.stop();
  process.exit(code);
}

main().catch((err) => (err instanceof SetupError ? fail(err.message, err.hint) : fail(err.stack ?? String(err))));
