// Makes sure node_modules matches package-lock.json, so that `npm start` and `npm test` work on a
// fresh clone without a separate install step.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { root } from "./paths.mjs";

export function ensureDependencies() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.log("[dossier] 正在安装依赖（npm ci）… Installing dependencies");
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    console.error("[dossier] npm ci 失败，请检查网络或 npm 配置。");
    process.exit(r.status ?? 1);
  }
}
