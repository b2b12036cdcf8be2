// The embedded default backs itself up once a day: `npm start` checks every hour whether today's
// backup is in <data>/backups and, if not, writes one with the same code as `npm run backup`,
// keeping the newest DOSSIER_BACKUP_KEEP (7). DOSSIER_BACKUP_DAILY=0 turns it off. Not with
// MONGODB_URI: a real MongoDB has its own backup tools (mongodump, snapshots).
import fs from "node:fs";
import path from "node:path";
import { runTs } from "./app-database.mjs";
import { log } from "./log.mjs";

const HOUR = 60 * 60 * 1000;
const pad = (n) => String(n).padStart(2, "0");
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
};

/** Starts the daily check (first one after `delayMs`); returns a function that stops it. */
export function scheduleDailyBackup({ dataDir, env, delayMs = 60_000 }) {
  if (env.DOSSIER_BACKUP_DAILY === "0") return () => {};
  const dir = path.join(dataDir, "backups");
  const keep = env.DOSSIER_BACKUP_KEEP ?? "7";
  let running = false;
  const check = async () => {
    if (running) return;
    const done = fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.startsWith(`dossier-${today()}-`) && f.endsWith(".ndjson.gz"));
    if (done) return;
    running = true;
    log(`每日自动备份 / daily backup → ${dir}`);
    const code = await runTs(path.join("scripts", "backup-run.ts"), ["backup", "--out", dir, "--keep", keep], env);
    if (code !== 0) console.error(`[dossier] 每日自动备份失败（退出码 ${code}），一小时后重试 / daily backup failed, retrying in an hour`);
    running = false;
  };
  const first = setTimeout(check, delayMs);
  const timer = setInterval(check, HOUR);
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
