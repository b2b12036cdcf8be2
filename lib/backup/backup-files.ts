import { mkdir, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { BACKUP_NAME } from "./backup-format";

const pad = (n: number) => String(n).padStart(2, "0");

/** The file name of a backup made at `at` (the server's local time): dossier-YYYYMMDD-HHMMSS.ndjson.gz. */
export function backupName(at: Date): string {
  return `dossier-${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}.ndjson.gz`;
}

export interface BackupFile {
  name: string;
  size: number;
  at: string;
}

/** The finished backups in a folder, newest first (files being written have another name). */
export async function listBackupFiles(dir: string): Promise<BackupFile[]> {
  await mkdir(dir, { recursive: true });
  const names = (await readdir(dir)).filter((f) => BACKUP_NAME.test(f)).sort().reverse();
  return Promise.all(
    names.map(async (name) => {
      const s = await stat(path.join(dir, name));
      return { name, size: s.size, at: s.mtime.toISOString() };
    }),
  );
}

/** Removes all but the newest `keep` backups of a folder (0 keeps all); returns how many went. */
export async function pruneBackups(dir: string, keep: number): Promise<number> {
  if (keep <= 0) return 0;
  const old = (await listBackupFiles(dir)).slice(keep);
  for (const f of old) await rm(path.join(dir, f.name), { force: true });
  return old.length;
}
