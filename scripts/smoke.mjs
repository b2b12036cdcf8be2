// npm run test:smoke: runs every command that README.md and benchmarks/README.md document, at a
// tiny size, so that a command a newcomer copies from the docs cannot be broken while the tests
// stay green (the tests import the code; these commands run it through npm, tsx and the scripts).
// Each command gets its own throwaway data folder and free 127.0.0.1 ports: it never touches
// .data/, port 27027 or port 3000 of an app you are running, nor MONGODB_URI's database.
//
// Documenting a new command? Add one line to SMOKE (or, if another stage already runs it, to
// COVERED with the reason). The stage fails when a README names a command that neither lists.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./lib/ferretdb.mjs";
import { DEFAULT_HEAP_MB } from "./lib/heap.mjs";
import { fail, log } from "./lib/log.mjs";
import { root } from "./lib/paths.mjs";

/**
 * The documented command (as the README writes it, without flags) → what the smoke runs.
 * `run`: must exit 0. `serve`: must answer GET /signin, then run `while` against the same
 * database, and stop cleanly on SIGTERM. `leaves`: what the command writes into the worktree
 * that the smoke run removes again.
 */
const SMOKE = [
  { doc: "npm run setup", run: ["npm", "run", "setup", "--", "--browser"] },
  // `heap`: the server must say it runs in the capped heap (scripts/lib/heap.mjs), not V8's default.
  // `restart`: the app server killed under it is started again (scripts/start.mjs watches it).
  { doc: "npm start", serve: ["npm", "start"], while: ["npm", "run", "demo-data", "--", "--count", "3"], heap: true, restart: true },
  { doc: "npm run demo-data", run: ["npm", "run", "demo-data", "--", "--count", "5", "--seed", "7"] },
  // next dev writes .next/dev, whose route types tsc reads (tsconfig.json): left behind, they go
  // stale as soon as a page or layout is added and break the next typecheck.
  { doc: "npm run dev", serve: ["npm", "run", "dev"], leaves: [".next/dev"] },
  { doc: "npm run bench:list", run: ["npm", "run", "bench:list", "--", "--records", "300", "--runs", "1", "--warmup", "0", "--writes", "3", "--point-runs", "2", "--deep-page", "2", "--scenario-seconds", "2"] },
  { doc: "npm run bench:form", run: ["npm", "run", "bench:form", "--", "--sections", "2", "--per-section", "12", "--render-runs", "1", "--keys", "3", "--key-gap-ms", "10", "--cpu-throttle", "2"] },
  { doc: "npm run backup", run: ["npm", "run", "backup", "--", "--keep", "2"] },
  // A restore needs a backup: demo records, their backup, then that backup loaded over them.
  { doc: "npm run restore", run: ["sh", "-c", 'npm run demo-data -- --count 5 && npm run backup && npm run restore -- "$DOSSIER_DATA_DIR"/backups/dossier-*.ndjson.gz --force'] },
  { doc: "npm run bench:export", run: ["npm", "run", "bench:export", "--", "--records", "30"] },
  // Both files: the archive's export as Excel saves it, and the seed table's 20 columns.
  { doc: "npm run bench:import", run: ["sh", "-c", "npm run bench:import -- --records 30 --shared-strings 1 && npm run bench:import -- --records 30 --seed-shape 1"] },
  { doc: "npm run bench:backup", run: ["npm", "run", "bench:backup", "--", "--records", "30"] },
  { doc: "npm run bench", run: ["npm", "run", "bench", "--", "--records", "200", "--runs", "1", "--warmup", "0", "--writes", "1", "--point-runs", "1", "--impact", "0", "--sections", "1", "--per-section", "12", "--render-runs", "1", "--keys", "2"] },
  { doc: "node benchmarks/pushdown.mjs", run: ["node", "benchmarks/pushdown.mjs", ".dossier/bin/ferretdb", "--events", "2000", "--records", "1000"] },
];

/** Documented commands another stage of `npm test` already runs, and where. */
const COVERED = {
  "npm test": "runs this stage",
  "npm run test:smoke": "this stage",
  "npm run typecheck": "npm test's typecheck stage",
  "npm run lint": "npm test's lint stage",
  "npm run test:unit": "npm test's unit stage",
  "npm run test:integration": "npm test's integration stage",
  "npm run test:e2e": "npm test's e2e stage",
  "npm run build": "npm test's e2e stage builds with the same `next build` (scripts/lib/build.mjs); a second build here would only cost minutes",
};

const DOCS = ["README.md", "benchmarks/README.md"];
const TIMEOUT_MS = 10 * 60_000;
const FORBIDDEN_PORTS = new Set([3000, 27027]);

/** `npm run bench:list -- --records 5` → `npm run bench:list`; `node x.mjs arg` → `node x.mjs`. */
function identity(command) {
  const words = command.replace(/#.*$/, "").trim().split(/\s+/);
  if (words[0] === "node") return words.slice(0, 2).join(" ");
  if (words[1] === "run") return words.slice(0, 3).join(" ");
  return words.slice(0, 2).join(" ");
}

/** Every `npm …` / `node …` command in the documents: fenced shell lines and inline code. */
export function documentedCommands() {
  const found = new Map();
  for (const doc of DOCS) {
    const text = fs.readFileSync(path.join(root, doc), "utf8");
    const lines = [];
    for (const block of text.matchAll(/```(?:bash|sh|shell)?\n([\s\S]*?)```/g)) lines.push(...block[1].split("\n"));
    for (const inline of text.matchAll(/`([^`\n]+)`/g)) lines.push(inline[1]);
    for (const line of lines) {
      const m = /(?:^|\s)((?:npm|node) [^\s#][^#]*)/.exec(line);
      if (!m || !/^(npm (run [a-z][\w:-]*[a-z0-9]|start|test)|node \S+\.m?[jt]s)(\s|$)/.test(m[1])) continue;
      const id = identity(m[1]);
      if (!found.has(id)) found.set(id, doc);
    }
  }
  return found;
}

function checkListed() {
  const listed = new Set([...SMOKE.map((s) => s.doc), ...Object.keys(COVERED)]);
  const missing = [...documentedCommands()].filter(([id]) => !listed.has(id));
  if (missing.length) {
    fail(
      `文档中的命令没有冒烟测试 / documented commands without a smoke run: ${missing.map(([id, doc]) => `${id} (${doc})`).join(", ")}`,
      "在 scripts/smoke.mjs 的 SMOKE 中加一行 / add one line to SMOKE in scripts/smoke.mjs",
    );
  }
}

async function throwaway(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dossier-smoke-${name.replace(/\W+/g, "-")}-`));
  let port, dbPort;
  do port = await freePort(); while (FORBIDDEN_PORTS.has(port));
  do dbPort = await freePort(); while (FORBIDDEN_PORTS.has(dbPort) || dbPort === port);
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), DOSSIER_DB_PORT: String(dbPort), DOSSIER_DATA_DIR: path.join(dir, "data") };
  // Never a real database: the commands fall back to the embedded one on the throwaway folder.
  delete env.MONGODB_URI;
  delete env.MONGODB_DB;
  delete env.NEXTAUTH_URL;
  delete env.BENCH_PORT;
  delete env.DOSSIER_HEAP_MB;
  // …and the default heap limit (a NODE_OPTIONS limit of the caller's would win over it).
  if (/--max-old-space-size/.test(env.NODE_OPTIONS ?? "")) delete env.NODE_OPTIONS;
  return { dir, port, env };
}

/** Starts argv in its own process group, echoing its output with a prefix. */
function start(argv, env, name) {
  const child = spawn(argv[0], argv.slice(1), { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const echo = (stream, out) =>
    stream.on("data", (chunk) => {
      output += chunk;
      for (const line of String(chunk).split("\n")) if (line.trim()) out.write(`  [${name}] ${line}\n`);
    });
  echo(child.stdout, process.stdout);
  echo(child.stderr, process.stderr);
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return { child, exited, output: () => output };
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer after ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runOnce(argv, env, name) {
  const p = start(argv, env, name);
  try {
    const code = await within(p.exited, TIMEOUT_MS, argv.join(" "));
    if (code !== 0) throw new Error(`${argv.join(" ")} exited with ${code}`);
  } catch (err) {
    killGroup(p.child, "SIGKILL");
    throw err;
  }
}

/** The pid of the app server (scripts/serve.mjs) serving `port`, null if none; undefined where processes cannot be read (no /proc). */
function appServerPid(port) {
  if (!fs.existsSync("/proc/self/environ")) return undefined;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("scripts/serve.mjs")) continue;
      if (fs.readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`PORT=${port}`)) return Number(entry);
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return null;
}

async function waitForPage(url, exited, ms) {
  const deadline = Date.now() + ms;
  let last = "";
  let gone = false;
  exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`the server exited before answering ${url}`);
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(120_000) });
      const body = await res.text();
      if (res.status === 200 && body.includes("<form")) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.message;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not answer with the sign-in form within ${ms / 1000} s (last: ${last})`);
}

async function serve(step, { port, env }, name) {
  const p = start(step.serve, env, name);
  try {
    await waitForPage(`http://127.0.0.1:${port}/signin`, p.exited, TIMEOUT_MS);
    if (step.heap) {
      // The limit V8 reports is the old space plus the young generation (at most a few dozen MB).
      const mb = Number(/heap limit (\d+) MB/.exec(p.output())?.[1]);
      if (!(mb >= DEFAULT_HEAP_MB && mb <= DEFAULT_HEAP_MB + 128)) throw new Error(`the server's heap limit is ${mb || "not reported"} MB, not ${DEFAULT_HEAP_MB} MB (scripts/lib/heap.mjs)`);
    }
    if (step.while) await runOnce(step.while, env, `${name} ▸ ${step.while.slice(0, 4).join(" ")}`);
    if (step.restart) {
      const pid = appServerPid(port);
      if (pid !== undefined) {
        if (pid === null) throw new Error(`no app server (scripts/serve.mjs) serving port ${port} was found`);
        process.kill(pid, "SIGKILL");
        await within(
          (async () => {
            while (!p.output().includes("应用进程意外退出")) await new Promise((r) => setTimeout(r, 250));
          })(),
          30_000,
          "npm start saying the app server stopped",
        );
        await waitForPage(`http://127.0.0.1:${port}/signin`, p.exited, TIMEOUT_MS);
      }
    }
    killGroup(p.child, "SIGTERM");
    await within(p.exited, 30_000, `${step.serve.join(" ")} stopping on SIGTERM`);
  } catch (err) {
    killGroup(p.child, "SIGKILL");
    throw err;
  }
  // A clean stop also stops the embedded database: its port must be free again. npm itself may
  // exit on the signal before the database has closed its port, so give it the 10 s that the
  // start script's own stop allows before it kills the database.
  const { isPortTaken } = await import("./lib/ferretdb.mjs");
  for (let waited = 0; await isPortTaken(Number(env.DOSSIER_DB_PORT)); waited += 250) {
    if (waited >= 10_000) throw new Error(`the database on port ${env.DOSSIER_DB_PORT} was left running`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function main() {
  checkListed();
  const only = process.argv.slice(2);
  const steps = only.length ? SMOKE.filter((s) => only.includes(s.doc)) : SMOKE;
  // Every command runs even after one fails: a broken README usually has more than one.
  const results = [];
  let failed = 0;
  for (const step of steps) {
    const name = step.doc.replace(/^npm (run )?|^node /, "");
    const box = await throwaway(name);
    const started = Date.now();
    log(`▶ smoke: ${step.doc}`);
    try {
      if (step.serve) await serve(step, box, name);
      else await runOnce(step.run, box.env, name);
      results.push(`✔ ${step.doc} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    } catch (err) {
      failed += 1;
      results.push(`✖ ${step.doc}: ${err.message}`);
    } finally {
      fs.rmSync(box.dir, { recursive: true, force: true });
      for (const out of step.leaves ?? []) fs.rmSync(path.join(root, out), { recursive: true, force: true });
    }
  }
  console.log(results.join("\n"));
  console.log(`${results.length - failed} passed, ${failed} failed`);
  if (failed) fail(`冒烟测试失败 / smoke failed: ${results.filter((r) => r.startsWith("✖")).length} 条命令 / commands`);
}

if (import.meta.url === `file://${process.argv[1]}`) main().catch((err) => fail(err.stack ?? String(err)));
