// npm test: sets up what is missing, then type checks, lints and runs the unit, integration and
// end-to-end tests and the smoke run of every documented command, stopping at the first failing
// stage. Each stage can also run alone (npm run typecheck | lint | test:unit | test:integration |
// test:e2e | test:smoke).
import { spawnSync } from "node:child_process";
import { ensureChromium } from "./lib/browser.mjs";
import { ensureDependencies } from "./lib/deps.mjs";
import { SetupError, ensureFerretDB } from "./lib/ferretdb.mjs";
import { fail, log } from "./lib/log.mjs";
import { root } from "./lib/paths.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
try {
  ensureDependencies();
  ensureFerretDB();
  ensureChromium();
} catch (err) {
  if (err instanceof SetupError) fail(err.message, err.hint);
  throw err;
}

const stages = [
  ["typecheck", ["run", "typecheck"]],
  ["lint", ["run", "lint"]],
  ["unit", ["run", "test:unit"]],
  ["integration", ["run", "test:integration"]],
  ["e2e", ["run", "test:e2e"]],
  // Last: it reuses the build the e2e stage made.
  ["smoke", ["run", "test:smoke"]],
];
const results = [];
for (const [name, args] of stages) {
  const started = Date.now();
  log(`▶ ${name}`);
  const r = spawnSync("npm", args, { cwd: root, stdio: "inherit", env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push(`${r.status === 0 ? "✔" : "✖"} ${name} (${seconds}s)`);
  if (r.status !== 0) {
    console.log(results.join("\n"));
    fail(`${name} 失败 / failed`);
  }
}
console.log(results.join("\n"));
log("全部通过 / all tests passed");
