// npm run bench [-- --records 20000 …] | npm run bench:list | npm run bench:form
// Runs benchmarks against a throwaway FerretDB of their own: a free port on 127.0.0.1 and a
// temporary data folder, both removed afterwards. They measure and print figures; they are not
// tests and never fail on a number. See benchmarks/README.md for what each figure means.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runTs } from "../scripts/lib/app-database.mjs";
import { ensureChromium } from "../scripts/lib/browser.mjs";
import { ensureBuild } from "../scripts/lib/build.mjs";
import { ensureDependencies } from "../scripts/lib/deps.mjs";
import { SetupError, ensureFerretDB, freePort, startFerretDB } from "../scripts/lib/ferretdb.mjs";
import { heapFlags } from "../scripts/lib/heap.mjs";
import { fail, log } from "../scripts/lib/log.mjs";

const BENCHES = ["list", "form", "export", "import", "backup"];
const [which = "all", ...rest] = process.argv.slice(2);
const names = which === "all" ? BENCHES : [which];
if (!names.every((n) => BENCHES.includes(n))) fail(`未知的基准测试 ${which} / unknown benchmark`, `可用 / available: all, ${BENCHES.join(", ")}`);

/** `--records 20000` → BENCH_RECORDS=20000: flags and environment variables are the same settings. */
function flagsToEnv(args) {
  const env = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(args[i]);
    if (!m) fail(`无法识别的参数 ${args[i]} / unknown option`);
    const value = m[2] ?? args[++i];
    if (value === undefined) fail(`参数 ${args[i - 1]} 缺少取值 / missing value`);
    env[`BENCH_${m[1].toUpperCase().replace(/-/g, "_")}`] = value;
  }
  return env;
}


async function runOne(name, extraEnv) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dossier-bench-${name}-`));
  const db = await startFerretDB({ port: await freePort(), dataDir: dir, logFile: path.join(dir, "ferretdb.log") });
  log(`基准测试 ${name}：临时数据库 ${db.uri}（${dir}）`);
  try {
    const env = { ...process.env, ...extraEnv, NEXT_TELEMETRY_DISABLED: "1", MONGODB_URI: db.uri, MONGODB_DB: "dossier_bench", BENCH_DB_DIR: dir, BENCH_DB_PID: String(db.child.pid), DOSSIER_BCRYPT_ROUNDS: "6",
      // Memory figures (the reminder index's heap) are read after a full collection; the heap is
      // capped as the app server's is (DOSSIER_HEAP_MB, or NODE_OPTIONS' own), so memory figures are the server's.
      NODE_OPTIONS: [...heapFlags(), process.env.NODE_OPTIONS, "--expose-gc"].filter(Boolean).join(" ") };
    return await runTs(path.join("benchmarks", `${name}.ts`), [], env);
  } finally {
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  ensureDependencies();
  ensureFerretDB();
  if (names.includes("form")) {
    ensureChromium();
    ensureBuild();
  }
  const extraEnv = flagsToEnv(rest);
  // The form benchmark's app server listens here (127.0.0.1 only).
  extraEnv.BENCH_PORT ??= process.env.BENCH_PORT ?? String(await freePort());
  let code = 0;
  for (const name of names) code = (await runOne(name, extraEnv)) || code;
  process.exit(code);
}

main().catch((err) => (err instanceof SetupError ? fail(err.message, err.hint) : fail(err.stack ?? String(err))));
