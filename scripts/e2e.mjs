// npm run test:e2e: builds the app if its sources changed, then runs Playwright in Debian's
// Chromium against a server on a throwaway database (tests/e2e/server.mjs).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureBuild } from "./lib/build.mjs";
import { ensureChromium } from "./lib/browser.mjs";
import { SetupError, ensureFerretDB } from "./lib/ferretdb.mjs";
import { fail } from "./lib/log.mjs";
import { root } from "./lib/paths.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
try {
  ensureFerretDB({ quiet: true });
  ensureChromium();
} catch (err) {
  if (err instanceof SetupError) fail(err.message, err.hint);
  throw err;
}
ensureBuild();
const r = spawnSync(path.join(root, "node_modules", ".bin", "playwright"), ["test", ...process.argv.slice(2)], { cwd: root, stdio: "inherit", env: process.env });
process.exit(r.status ?? 1);
