import "server-only";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { createGzip } from "node:zlib";
import { randomUUID } from "node:crypto";
import { connectDb } from "../db/connect";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { holdsPause, pauseJobs, releaseJobs } from "../jobs/job-pause";
import { env } from "../env";
import { BACKUP_FORMAT, CollectionDigest, documentLine, type BackupHeader, type Manifest } from "./backup-format";
import { appDb, backedUpCollections, collectionDocuments, indexSpecs, type Db } from "./database-summary";

/**
 * Writes a backup of every collection of the database (templates and their versions, records,
 * users with their password hashes, audit events, jobs, imports, unique claims… whatever is
 * there, so a collection added later is never forgotten) to `out`, compressed, as a stream: no
 * collection is held in memory. Each collection is read in one pass in `_id` order; there are no
 * multi-collection snapshots on the embedded database, so a backup taken while people write holds
 * each collection as it was when it was read — while other jobs (an import) wait between their
 * batches (lib/jobs/job-pause.ts), so that it holds whole batches of theirs. A pause that lapsed
 * while it read (this process stalled past the lease: the jobs went on) fails it before its
 * manifest, so that the archive reads as incomplete. Returns the manifest written at the end.
 */
export async function writeBackup(out: Writable, options: { db?: Db; onProgress?: OnProgress } = {}): Promise<Manifest> {
  await connectDb();
  const db = options.db ?? appDb();
  const onProgress = options.onProgress;
  // Not the backup jobs' kind: one running takes the pause, and this one is refused (backup.running).
  const holder = `backup-cli:${randomUUID()}`;
  await pauseJobs(holder, { except: ["backup"] });
  try {
    return await writeArchive(out, db, onProgress, async () => {
      if (!(await holdsPause(holder))) throw new DomainError("CONFLICT", msg("backup.pauseLost"));
    });
  } finally {
    await releaseJobs(holder);
  }
}

type OnProgress = (collection: string, count: number) => void | Promise<void>;

async function writeArchive(out: Writable, db: Db, onProgress: OnProgress | undefined, allRead: () => Promise<void>): Promise<Manifest> {
  const gzip = createGzip();
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(line + "\n")) await once(gzip, "drain");
  };
  const header: BackupHeader = { dossierBackup: BACKUP_FORMAT, createdAt: new Date().toISOString(), database: db.databaseName ?? env.mongodbDb };
  await write(JSON.stringify(header));
  const manifest: Manifest = { collections: {}, indexes: {} };
  for (const name of await backedUpCollections(db)) {
    const digest = new CollectionDigest();
    for await (const { text } of collectionDocuments(name, db)) {
      digest.add(text);
      await write(documentLine(name, text));
      if (digest.count % 5000 === 0) await onProgress?.(name, digest.count);
    }
    manifest.collections[name] = digest.summary();
    manifest.indexes[name] = await indexSpecs(name, db);
    await onProgress?.(name, digest.count);
  }
  await allRead();
  await write(JSON.stringify({ manifest }));
  gzip.end();
  await once(out, "finish");
  return manifest;
}
