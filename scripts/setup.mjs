// npm run setup: everything the app and the tests need that npm install does not bring — the
// embedded FerretDB (built from the Go module proxy) and, with --browser, Debian's Chromium.
import { ensureChromium } from "./lib/browser.mjs";
import { ensureDependencies } from "./lib/deps.mjs";
import { SetupError, ensureFerretDB } from "./lib/ferretdb.mjs";
import { fail, log } from "./lib/log.mjs";

try {
  ensureDependencies();
  ensureFerretDB();
  if (process.argv.includes("--browser")) ensureChromium();
  log("准备就绪 / setup complete");
} catch (err) {
  if (err instanceof SetupError) fail(err.message, err.hint);
  throw err;
}
