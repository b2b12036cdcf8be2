import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { once } from "node:events";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import mongoose from "mongoose";
import { writeAuditEvent } from "../audit/write-audit-event";
import { connectDb } from "../db/connect";
import { env } from "../env";
import type { JobKind } from "../jobs/job-kind";
import { holdsPause, pauseJobs, releaseJobs } from "../jobs/job-pause";
import { BACKUP_FORMAT, CollectionDigest, documentLine, type BackupHeader, type CollectionSummary, type IndexSpec, type Manifest } from "./backup-format";
import { pruneBackups } from "./backup-files";
import { backedUpCollections, collectionDocuments, indexSpecs } from "./database-summary";

export const BACKUP_KIND = "backup";

export interface BackupJobParams {
  /** The file to write, e.g. dossier-20261204-031218.ndjson.gz. */
  name: string;
  /** How many backups the folder keeps (0: all). */
  keep: number;
}

export interface BackupJobState {
  createdAt?: string;
  collections?: string[];
  /** The next collection to write. */
  next?: number;
  summaries?: Record<string, CollectionSummary>;
  /**
   * Each collection's indexes as JSON text: their keys are field paths ("data.policy.sumInsured"),
   * which a stored document may not have as keys.
   */
  indexes?: Record<string, string | IndexSpec[]>;
  size?: number;
}

/** Where the app keeps its backups: <data>/backups. */
export const backupDir = () => path.resolve(env.dataDir, "backups");
const partsDir = (name: string) => path.join(backupDir(), `.${name}.parts`);

/**
 * A backup from the admin page, as a job with a progress bar (documents written of all): the same
 * archive as `npm run backup`. Each batch writes one collection to a part file of its own, from
 * scratch, so a batch run again after a restart writes nothing twice; the last batch joins the
 * parts, compressed, with the header and the manifest into the backup file (under a temporary
 * name until it is complete), and removes backups beyond the number kept. Other jobs (an import)
 * are paused between their batches from the first collection read to the last (job-pause.ts): the
 * archive holds whole batches of theirs. A backup that lost its pause (the server stopped, or
 * stalled while it read, for longer than the lease) reads every collection again. Its own job is
 * not in the archive (only a backup of this database can be written by it: a restored database
 * knows nothing of the backup taken from it, as after `npm run backup`).
 */
/** The first batch, or a backup that lost its pause reading everything again: its progress starts over too. */
async function readFromStart(name: string, restarted: boolean) {
  const db = mongoose.connection.db!;
  const collections = await backedUpCollections();
  let total = 0;
  for (const c of collections) total += await db.collection(c).estimatedDocumentCount();
  await rm(partsDir(name), { recursive: true, force: true });
  await mkdir(partsDir(name), { recursive: true });
  return { cursor: "0", state: { createdAt: new Date().toISOString(), collections, next: 0, summaries: {}, indexes: {} }, done: 0, finished: false, total, restarted };
}

export const backupJob: JobKind<BackupJobParams, BackupJobState> = {
  kind: BACKUP_KIND,

  runsWhilePaused: true,

  async batch(job) {
    await connectDb();
    const db = mongoose.connection.db!;
    const state = job.state;
    const reading = !state.collections || (state.next ?? 0) < state.collections.length;
    const paused = reading ? await pauseJobs(job._id, { except: [BACKUP_KIND] }) : null;
    if (!state.collections || (paused && !paused.continuous && (state.next ?? 0) > 0)) return readFromStart(job.params.name, !!state.collections);
    const next = state.next ?? 0;
    if (next < state.collections.length) {
      const name = state.collections[next];
      const out = createWriteStream(path.join(partsDir(job.params.name), `${next}.ndjson`));
      const digest = new CollectionDigest();
      for await (const { doc, text } of collectionDocuments(name)) {
        // Not its own job: the archive would hold it as running, and a database restored from it
        // resumed it, writing a new backup under this one's name. Left out like the pause's lease.
        if (name === "jobs" && doc._id === job._id) continue;
        digest.add(text);
        if (!out.write(documentLine(name, text) + "\n")) await once(out, "drain");
      }
      out.end();
      await once(out, "finish");
      // The pause lapsed while it read (a stall past the lease): the jobs may have written meanwhile.
      if (!(await holdsPause(job._id))) return readFromStart(job.params.name, true);
      const summaries = { ...state.summaries, [name]: digest.summary() };
      const indexes = { ...state.indexes, [name]: JSON.stringify(await indexSpecs(name)) };
      return { cursor: String(next + 1), state: { ...state, next: next + 1, summaries, indexes }, done: digest.count, finished: false };
    }
    // The last step: header, the parts in order, the manifest — one compressed file. Everything is read.
    await releaseJobs(job._id);
    const file = path.join(backupDir(), job.params.name);
    const partial = `${file}.partial`;
    const header: BackupHeader = { dossierBackup: BACKUP_FORMAT, createdAt: state.createdAt!, database: db.databaseName };
    const indexes = Object.fromEntries(Object.entries(state.indexes ?? {}).map(([name, specs]) => [name, typeof specs === "string" ? (JSON.parse(specs) as IndexSpec[]) : specs]));
    const manifest: Manifest = { collections: state.summaries ?? {}, indexes };
    const parts = state.collections.map((_, i) => path.join(partsDir(job.params.name), `${i}.ndjson`));
    await pipeline(
      async function* () {
        yield JSON.stringify(header) + "\n";
        for (const part of parts) for await (const chunk of createReadStream(part)) yield chunk as Buffer;
        yield JSON.stringify({ manifest }) + "\n";
      },
      createGzip(),
      createWriteStream(partial),
    );
    await rename(partial, file);
    await rm(partsDir(job.params.name), { recursive: true, force: true });
    await pruneBackups(backupDir(), job.params.keep);
    return { cursor: "done", state, done: 0, finished: true };
  },

  release(jobId) {
    void releaseJobs(jobId).catch(() => undefined);
  },

  async finish(job) {
    await writeAuditEvent({
      id: `backup:${job.params.name}`,
      actor: { id: job.createdBy, name: job.createdByName ?? "", role: "admin" },
      action: "system.backup",
      entity: "system",
      entityId: job.params.name,
      meta: { collections: Object.fromEntries(Object.entries(job.state.summaries ?? {}).map(([k, v]) => [k, v.count])) },
    });
  },
};
