// The server the end-to-end tests run against: the production build on a free port, with a
// FerretDB of its own on a temporary data folder, removed again when Playwright stops it.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureFerretDB, freePort, superviseFerretDB } from "../../scripts/lib/ferretdb.mjs";
import { heapFlags } from "../../scripts/lib/heap.mjs";
import { root } from "../../scripts/lib/paths.mjs";

const port = Number(process.env.E2E_PORT ?? 3210);
const nodeFlags = heapFlags();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dossier-e2e-"));
ensureFerretDB({ quiet: true });
// Watched and started again when it dies, as `npm start` does; after a pause long enough for the
// app to notice (database-outage.spec.ts kills it through the pid file and watches the app cope).
const dbPidFile = path.join(os.tmpdir(), `dossier-e2e-${port}-db.pid`);
const db = await superviseFerretDB({
  port: await freePort(),
  dataDir: dir,
  logFile: path.join(dir, "ferretdb.log"),
  baseDelayMs: 15_000,
  onEvent: (e) => {
    console.log(`[e2e] database ${e.type}`);
    if (e.type === "restarted") fs.writeFileSync(dbPidFile, String(db.child().pid));
  },
});
fs.writeFileSync(dbPidFile, String(db.child().pid));
// …and its address, for a spec that checks what the app stored (import-restart.spec.ts).
const dbUriFile = path.join(os.tmpdir(), `dossier-e2e-${port}-db.uri`);
fs.writeFileSync(dbUriFile, db.uri);

// The production server as `npm start` runs it (scripts/serve.mjs: Next.js behind Node's own server,
// in the same capped heap). Killed with SIGKILL (a crash, `kill -9`) it is started again after a
// pause, on the same database and data folder: import-restart.spec.ts kills it through the pid
// file mid-import and watches the import resume. Any other exit stops the whole server.
const appPidFile = path.join(os.tmpdir(), `dossier-e2e-${port}-app.pid`);
const APP_RESTART_DELAY_MS = 2_000;
const appEnv = {
  ...process.env,
  PORT: String(port),
  NEXT_TELEMETRY_DISABLED: "1",
  // A server zone other than the browser's (Asia/Shanghai), as on most cloud hosts: times must
  // still read in the reader's zone.
  TZ: "UTC",
  MONGODB_URI: db.uri,
  MONGODB_DB: "dossier_e2e",
  // Uploads and backups of the journeys go to the throwaway folder, never the developer's .data.
  DOSSIER_DATA_DIR: path.join(dir, "data"),
  NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  AUTH_TRUST_HOST: "true",
  DOSSIER_ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL ?? "admin@e2e.local",
  DOSSIER_ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD ?? "E2eAdmin123",
  DOSSIER_BCRYPT_ROUNDS: "6",
  // The journeys sign in many times; the limiter has its own integration test.
  DOSSIER_LOGIN_MAX_ATTEMPTS: "1000",
  // …but the per-address limit is low enough to reach: signin-address.spec.ts sprays from
  // 127.0.0.2 (the journeys' own sign-ins come from 127.0.0.1 and rarely fail).
  DOSSIER_LOGIN_MAX_PER_ADDRESS: "30",
};
let next;
let stopping = false;
function startApp() {
  next = spawn(process.execPath, [...nodeFlags, path.join(root, "scripts", "serve.mjs")], { cwd: root, stdio: "inherit", env: appEnv });
  fs.writeFileSync(appPidFile, String(next.pid));
  next.on("exit", (code, signal) => {
    if (signal === "SIGKILL" && !stopping) {
      console.log(`[e2e] app server killed; starting it again in ${APP_RESTART_DELAY_MS / 1000} s`);
      setTimeout(() => !stopping && startApp(), APP_RESTART_DELAY_MS);
    } else stop(code ?? 0);
  });
}
startApp();

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null && next.signalCode === null) next.kill("SIGTERM");
  await db.stop();
  fs.rmSync(dbPidFile, { force: true });
  fs.rmSync(dbUriFile, { force: true });
  fs.rmSync(appPidFile, { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));
