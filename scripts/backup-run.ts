// The part of `npm run backup` / `npm run restore` that runs the app's own code (lib/backup/).
// Started by scripts/backup.mjs with MONGODB_URI set.
import { createWriteStream } from "node:fs";
import { mkdir, rename, stat } from "node:fs/promises";
import path from "node:path";
import mongoose from "mongoose";
import { backupName, pruneBackups } from "../lib/backup/backup-files";
import { restoreBackup } from "../lib/backup/restore-backup";
import { writeBackup } from "../lib/backup/write-backup";
import { DomainError } from "../lib/errors";

const option = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

async function backup() {
  const dir = option("out")!;
  const keep = Number(option("keep") ?? "7");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, backupName(new Date()));
  // Written under a temporary name and renamed when complete: a cut-short backup never looks finished.
  const partial = `${file}.partial`;
  const started = Date.now();
  const manifest = await writeBackup(createWriteStream(partial));
  await rename(partial, file);
  const size = (await stat(file)).size;
  console.log(`[dossier] 备份完成 / backup written: ${file}（${(size / 1024 / 1024).toFixed(1)} MB，${((Date.now() - started) / 1000).toFixed(1)} s）`);
  for (const [name, c] of Object.entries(manifest.collections)) console.log(`  ${name}: ${c.count}  sha256 ${c.sha256.slice(0, 16)}…`);
  const removed = await pruneBackups(dir, keep);
  if (removed) console.log(`[dossier] 删除了较早的 ${removed} 个备份（保留最近 ${keep} 个） / removed ${removed} older backups`);
}

async function restore() {
  const file = process.argv[3];
  const started = Date.now();
  const result = await restoreBackup(file, { force: process.argv.includes("--force") });
  console.log(`[dossier] 恢复完成，校验和一致 / restored and verified: ${file}（${((Date.now() - started) / 1000).toFixed(1)} s）`);
  for (const [name, count] of Object.entries(result.collections)) console.log(`  ${name}: ${count}`);
  if (result.backupsStopped) console.log(`[dossier] 备份中有 ${result.backupsStopped} 个未完成的备份任务，已标为取消，不会继续 / ${result.backupsStopped} unfinished backup jobs in the archive marked cancelled, not resumed`);
  if (result.claimsAdded) console.log(`[dossier] 补上了 ${result.claimsAdded} 个唯一值占用（备份时有记录正在修改） / ${result.claimsAdded} unique claims added (records were edited while the backup ran)`);
}

async function main() {
  try {
    if (process.argv[2] === "backup") await backup();
    else await restore();
  } catch (err) {
    if (err instanceof DomainError) {
      console.error(`[dossier] ${err.localize("zh").message}\n          ${err.localize("en").message}`);
      process.exitCode = 1;
    } else throw err;
  } finally {
    await mongoose.disconnect();
  }
}

void main();
