// Builds the Next.js app when the sources changed since the last build.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { root } from "./paths.mjs";

// Not sources: folders of tools, data and tests, and files the tools write themselves (`next dev`
// rewrites next-env.d.ts, `tsc` its build info), which would otherwise force a rebuild.
const SKIP = new Set(["node_modules", ".next", ".git", ".data", ".dossier", "test-results", "playwright-report", "tests", "scripts", ".ci", "benchmarks", "next-env.d.ts", "tsconfig.tsbuildinfo"]);

function fingerprint() {
  const hash = crypto.createHash("sha256");
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (SKIP.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const st = fs.statSync(full);
        hash.update(`${path.relative(root, full)}:${st.size}:${st.mtimeMs}\n`);
      }
    }
  };
  walk(root);
  return hash.digest("hex");
}

/** Runs `next build` unless .next holds a build of exactly the current sources. */
export function ensureBuild({ force = false } = {}) {
  const stamp = path.join(root, ".next", "dossier-build-fingerprint");
  const current = fingerprint();
  const built = fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === current;
  if (built && !force) return;
  console.log("[dossier] 正在构建应用（next build）… Building the app");
  const r = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) {
    console.error("[dossier] 构建失败 / build failed");
    process.exit(r.status ?? 1);
  }
  fs.writeFileSync(stamp, current);
}
