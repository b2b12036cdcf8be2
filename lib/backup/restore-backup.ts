import "server-only";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { connectDb } from "../db/connect";
import { duplicateIndexes } from "../db/duplicate-inserts";
import { DomainError } from "../errors";
import { msg, translate } from "../i18n/messages";
import { recordsChanged } from "../records/write/records-changed";
import { BACKUP_FORMAT, CollectionDigest, documentFrom, type BackupHeader, type Manifest } from "./backup-format";
import { appDb, backedUpCollections, summarize, type Db } from "./database-summary";
import { restoreUniqueClaims } from "./restore-claims";
import { BACKUP_KIND } from "./backup-job";

type Line = { kind: "header"; header: BackupHeader } | { kind: "doc"; collection: string; value: unknown; text: string } | { kind: "manifest"; manifest: Manifest };

/** The archive's lines, parsed; a line that is not what the format says makes the archive damaged. */
async function* lines(file: string): AsyncGenerator<Line> {
  const input = createReadStream(file).pipe(createGunzip());
  const damaged = (why: string) => new DomainError("BAD_REQUEST", msg("backup.damaged", { file, why }));
  let n = 0;
  try {
    for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
      n++;
      if (raw === "") continue;
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw damaged(`line ${n}`);
      }
      if (n === 1) {
        if (parsed.dossierBackup !== BACKUP_FORMAT) throw new DomainError("BAD_REQUEST", msg("backup.notBackup", { file }));
        yield { kind: "header", header: parsed as unknown as BackupHeader };
      } else if (typeof parsed.c === "string" && parsed.d && typeof parsed.d === "object") {
        // The document's own text, as the manifest hashed it: the line minus its wrapper.
        const text = raw.slice(`{"c":${JSON.stringify(parsed.c)},"d":`.length, -1);
        yield { kind: "doc", collection: parsed.c, value: parsed.d, text };
      } else if (parsed.manifest && typeof parsed.manifest === "object") yield { kind: "manifest", manifest: parsed.manifest as Manifest };
      else throw damaged(`line ${n}`);
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw damaged((err as Error).message);
  }
  if (n === 0) throw new DomainError("BAD_REQUEST", msg("backup.notBackup", { file }));
}

/**
 * Reads the whole archive and checks it against its own manifest — every collection's count and
 * SHA-256, the manifest present and last — without touching the database. A damaged, cut-short
 * or foreign file is refused here, before a restore changes anything.
 */
export async function verifyBackup(file: string): Promise<{ header: BackupHeader; manifest: Manifest }> {
  let header: BackupHeader | null = null;
  let manifest: Manifest | null = null;
  const digests = new Map<string, CollectionDigest>();
  for await (const line of lines(file)) {
    if (manifest) throw new DomainError("BAD_REQUEST", msg("backup.damaged", { file, why: "data after the manifest" }));
    if (line.kind === "header") header = line.header;
    else if (line.kind === "manifest") manifest = line.manifest;
    else {
      const d = digests.get(line.collection) ?? new CollectionDigest();
      digests.set(line.collection, d);
      d.add(line.text);
    }
  }
  if (!header || !manifest) throw new DomainError("BAD_REQUEST", msg("backup.truncated", { file }));
  const names = new Set([...Object.keys(manifest.collections), ...digests.keys()]);
  for (const name of names) {
    const want = manifest.collections[name];
    const got = digests.get(name)?.summary() ?? new CollectionDigest().summary();
    if (!want || want.count !== got.count || want.sha256 !== got.sha256) throw new DomainError("BAD_REQUEST", msg("backup.checksum", { file, collection: name }));
  }
  return { header, manifest };
}

export interface RestoreResult {
  collections: Record<string, number>;
  /** Unique claims given to records that held a value without one (see restoreUniqueClaims). */
  claimsAdded: number;
  /** Backup jobs the archive held unfinished, marked cancelled (see stopArchivedBackups). */
  backupsStopped: number;
}

/**
 * Backup jobs the archive holds as pending or running — archives from before a backup job left
 * itself out of its archive, or another backup waiting — are marked cancelled, saying why: the
 * restored server would resume them and back up the restored database under the old backup's
 * name. Done after the archive's checksums were checked against the restored collections.
 */
async function stopArchivedBackups(db: Db): Promise<number> {
  const { modifiedCount } = await db.collection("jobs").updateMany(
    { kind: BACKUP_KIND, status: { $in: ["pending", "running"] } },
    { $set: { status: "cancelled", finishedAt: new Date(), workerId: null, heartbeatAt: null, pausedBy: null, error: translate("zh", "backup.notResumed") } },
  );
  return modifiedCount;
}

/**
 * Loads a backup into the database. The archive is verified first; a database that already holds
 * any of its collections is refused unless `force` (which then empties just those). Documents go
 * in in batches, a document already there (a restore run again after a crash) is not written
 * twice; indexes are made again; finally every collection is read back and its count and SHA-256
 * must equal the manifest's, or the restore fails saying which. Records whose unique values the
 * archive holds no claim for get one.
 */
export async function restoreBackup(file: string, options: { db?: Db; force?: boolean; onProgress?: (collection: string, count: number) => void } = {}): Promise<RestoreResult> {
  const { manifest } = await verifyBackup(file);
  await connectDb();
  const db = options.db ?? appDb();
  const names = Object.keys(manifest.collections);
  const existing = new Set(await backedUpCollections(db));
  const occupied: string[] = [];
  for (const name of names) if (existing.has(name) && (await db.collection(name).estimatedDocumentCount()) > 0) occupied.push(name);
  if (occupied.length && !options.force) throw new DomainError("CONFLICT", msg("backup.notEmpty", { collections: occupied }));
  for (const name of occupied) await db.collection(name).deleteMany({});

  let batch: Record<string, unknown>[] = [];
  let current: string | null = null;
  const counts: Record<string, number> = {};
  const flush = async () => {
    if (!current || batch.length === 0) return;
    try {
      await db.collection(current).insertMany(batch as never[], { ordered: false });
    } catch (err) {
      duplicateIndexes(err);
    }
    counts[current] = (counts[current] ?? 0) + batch.length;
    options.onProgress?.(current, counts[current]);
    batch = [];
  };
  for await (const line of lines(file)) {
    if (line.kind !== "doc") continue;
    if (line.collection !== current) {
      await flush();
      current = line.collection;
    }
    batch.push(documentFrom(line.value));
    if (batch.length >= 1000) await flush();
  }
  await flush();
  for (const name of names) {
    // An empty collection is made too, so the restored database lists what the backed-up one did.
    if (!(await backedUpCollections(db)).includes(name)) await db.createCollection(name).catch(() => undefined);
    for (const index of manifest.indexes[name] ?? []) {
      const { key, name: indexName, ...rest } = index;
      await db.collection(name).createIndex(key as never, { name: indexName, ...rest });
    }
  }
  const restored = await summarize(names, db);
  for (const name of names) {
    const want = manifest.collections[name];
    if (restored[name].count !== want.count || restored[name].sha256 !== want.sha256) throw new DomainError("INTERNAL", msg("backup.restoredDiffers", { collection: name, want: want.count, got: restored[name].count }));
  }
  // Checked against the archive first: what the backup held is restored as it was, then
  // completed where the backup caught an edit between its reading of records and of claims.
  const { added } = await restoreUniqueClaims(db);
  const backupsStopped = names.includes("jobs") ? await stopArchivedBackups(db) : 0;
  // Every record may differ from what this process keeps from them (the 工作台's reminder index).
  recordsChanged(null);
  return { collections: Object.fromEntries(names.map((n) => [n, manifest.collections[n].count])), claimsAdded: added, backupsStopped };
}
