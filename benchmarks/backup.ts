// npm run bench:backup [-- --records 100000]
// A backup of the customer archive (lib/backup/write-backup.ts: every collection, compressed, with a
// manifest of counts and SHA-256) and its restore into an empty database (lib/backup/restore-backup.ts:
// the archive verified, loaded, indexes made, every collection read back against the manifest),
// against reading the same collections raw through the driver. Started by benchmarks/run.mjs with
// MONGODB_URI set to a throwaway FerretDB. See README.md.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import { backedUpCollections, summarize } from "../lib/backup/database-summary";
import { restoreBackup } from "../lib/backup/restore-backup";
import { writeBackup } from "../lib/backup/write-backup";
import { machine, rssSampler, setting, since, table } from "./lib/measure";
import { seedArchive } from "./lib/seed-archive";

const RECORDS = setting("RECORDS", 20_000);
const SEED = setting("SEED", 1);
const say = (s: string) => console.log(s);

async function main() {
  say(`\n## bench:backup — ${new Date().toISOString()}\n\nmachine: ${await machine()}\n`);
  const { seeded } = await seedArchive({ templateKey: "customer-archive", count: RECORDS, seed: SEED });
  say(`seeded ${seeded.inserted} records in ${(seeded.ms / 1000).toFixed(0)} s (fixture)\n`);
  const db = mongoose.connection.db!;
  const names = await backedUpCollections(db);
  let documents = 0;
  const t = performance.now();
  for (const name of names) for await (const doc of db.collection(name).find({}, { sort: { _id: 1 }, batchSize: 1000 })) documents += doc ? 1 : 0;
  const rawMs = since(t);

  const dir = await mkdtemp(path.join(tmpdir(), "dossier-bench-backup-"));
  try {
    const file = path.join(dir, "dossier.ndjson.gz");
    let rss = rssSampler();
    let start = performance.now();
    const manifest = await writeBackup(createWriteStream(file));
    const backupMs = since(start);
    const backupRss = rss.stop();
    const size = (await stat(file)).size;

    const target = mongoose.connection.useDb(`dossier_bench_restore_${Date.now().toString(36)}`, { useCache: false }).db!;
    rss = rssSampler();
    start = performance.now();
    await restoreBackup(file, { db: target });
    const restoreMs = since(start);
    const restoreRss = rss.stop();
    // Read back independently of the restore's own check.
    const same = JSON.stringify(await summarize(names, target)) === JSON.stringify(manifest.collections);
    await target.dropDatabase();

    const perS = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en-US");
    say(
      table(
        ["step", "documents", "records", "s", "documents/s", "archive", "peak RSS MB", "checksum-identical"],
        [
          ["raw driver: read every collection", documents, manifest.collections.records?.count ?? 0, (rawMs / 1000).toFixed(1), perS(documents, rawMs), "–", "–", "–"],
          ["backup (read, hash, compress)", documents, manifest.collections.records?.count ?? 0, (backupMs / 1000).toFixed(1), perS(documents, backupMs), `${(size / 1024 / 1024).toFixed(1)} MB`, backupRss.toFixed(0), "–"],
          ["restore into an empty database (verify, load, index, read back)", documents, manifest.collections.records?.count ?? 0, (restoreMs / 1000).toFixed(1), perS(documents, restoreMs), "–", restoreRss.toFixed(0), same ? "yes" : "NO"],
        ],
      ),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await mongoose.disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
