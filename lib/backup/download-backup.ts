import "server-only";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { toWebStream } from "../shared/web-stream";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { BACKUP_NAME } from "./backup-format";
import { backupDir } from "./backup-job";

/** One kept backup as a stream, for an administrator; the download is audited (it holds everything, password hashes included). */
export async function openBackupFile(params: { actor: Actor | null; name: string }): Promise<{ stream: ReadableStream<Uint8Array>; size: number }> {
  const { actor, name } = params;
  assertCan(actor, "system.backup");
  // Only a backup's own name: nothing else of the data folder is reachable from here.
  if (!BACKUP_NAME.test(name)) throw new DomainError("NOT_FOUND", msg("backup.noSuchFile"));
  const file = path.join(backupDir(), name);
  const size = await stat(file).then((s) => s.size, () => null);
  if (size === null) throw new DomainError("NOT_FOUND", msg("backup.noSuchFile"));
  await writeAuditEvent({ id: `backup-download:${name}:${actor!.id}:${Date.now()}`, actor: actor!, action: "system.backupDownload", entity: "system", entityId: name });
  return { stream: toWebStream(createReadStream(file)), size };
}
