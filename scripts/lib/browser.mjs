// Debian's Chromium for the Playwright tests: Playwright's own browser download cannot reach its
// servers from here, so the tests drive the distribution's build through executablePath.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { SetupError } from "./ferretdb.mjs";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Installs Debian's chromium package when it is missing (needs root and apt-get). */
export function ensureChromium() {
  if (fs.existsSync(chromiumPath)) return chromiumPath;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (!isRoot || !hasApt)
    throw new SetupError(
      `找不到 Chromium（${chromiumPath}），端到端测试需要它。Chromium is needed for the end-to-end tests.`,
      "以 root 运行 `apt-get install -y chromium`，或设置 CHROMIUM_PATH 指向已安装的 Chromium。",
    );
  console.log("[dossier] 正在安装 Chromium（apt-get install chromium）… Installing Chromium");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update"], { stdio: "inherit", env });
  const r = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium", "fonts-noto-cjk"], { stdio: "inherit", env });
  if (r.status !== 0 || !fs.existsSync(chromiumPath)) throw new SetupError("Chromium 安装失败", "请手动运行 apt-get install -y chromium");
  return chromiumPath;
}
