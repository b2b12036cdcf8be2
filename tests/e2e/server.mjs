// The server the end-to-end tests run against: the production build on a free port, with a
// FerretDB of its own on a temporary data folder, removed again when Playwright stops it.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureFerretDB, freePort, startFerretDB } from "../../scripts/lib/ferretdb.mjs";
import { root } from "../../scripts/lib/paths.mjs";

const port = Number(process.env.E2E_PORT ?? 3210);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dossier-e2e-"));
ensureFerretDB({ quiet: true });
const db = await startFerretDB({ port: await freePort(), dataDir: dir, logFile: path.join(dir, "ferretdb.log") });

const next = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-H", "127.0.0.1", "-p", String(port)], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
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
  },
});

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) next.kill("SIGTERM");
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(code);
}
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));
next.on("exit", (code) => stop(code ?? 0));
