// Bulk seeding for the list benchmark, through the records' write pipeline in batch mode
// (createRecords): records generated from the template are validated, their unique values
// claimed and their "record.create" audit events written exactly as any create does, in one
// insert per batch for each. The trash share goes through deleteRecord. Nothing here copies the
// write path, so the fixture cannot drift from what the app stores.
import { mongo, Types } from "mongoose";
import type { Actor } from "../../lib/auth/roles";
import { RecordModel } from "../../lib/db/models/record";
import { generateRecord } from "../../lib/demo/generate-record";
import { deleteRecord } from "../../lib/records/delete-record";
import { createRecords, type NewRecordInput } from "../../lib/records/write/create-records";
import type { PublishedTemplate } from "../../lib/templates/types";
import { cpuNow, cpuPer } from "./measure";

const DAY = 86_400_000;

export interface SeedResult {
  inserted: number;
  deleted: number;
  rejected: number;
  ms: number;
  generateMs: number;
  /** Time inside createRecords (validation, claims, records, audit events). */
  pipelineMs: number;
  /** Time deleting the trash share through deleteRecord. */
  deleteMs: number;
}

/**
 * Inserts `count` valid records of a template in batches; every `deleteEvery`-th one is then
 * moved to the trash. Creation times spread over the two years before now (ids carry them, as
 * real ones do), last changes up to ten days later, so that sorting by them means something.
 * Deterministic for a given seed.
 */
export async function seedRecords(params: {
  template: PublishedTemplate;
  actor: Actor;
  count: number;
  seed: number;
  deleteEvery: number;
  batchSize?: number;
  onProgress?: (done: number) => void;
}): Promise<SeedResult> {
  const { template, actor, count, seed, deleteEvery, batchSize = 1000 } = params;
  const { schema, demo } = template.content;
  const today = new Date().toISOString().slice(0, 10);
  const now = Date.now();
  const started = performance.now();
  let generateMs = 0;
  let pipelineMs = 0;
  let inserted = 0;
  let rejected = 0;
  const toDelete: string[] = [];
  for (let from = 0; from < count; from += batchSize) {
    const t = performance.now();
    const batch: NewRecordInput[] = [];
    for (let i = from; i < Math.min(count, from + batchSize); i++) {
      const createdAt = new Date(now - 730 * DAY + Math.floor((i / count) * 720 * DAY));
      const updatedAt = new Date(createdAt.getTime() + ((i * 7_919_993) % (10 * DAY)));
      const id = String(Types.ObjectId.createFromTime(Math.floor(createdAt.getTime() / 1000)));
      if (deleteEvery > 0 && i % deleteEvery === deleteEvery - 1) toDelete.push(id);
      batch.push({ id, input: generateRecord({ schema, hints: demo, seed: seed + i * 7919, sequence: i + 1, today }), createdAt, updatedAt });
    }
    const p = performance.now();
    generateMs += p - t;
    const outcomes = await createRecords({ actor, templateKey: template.key, records: batch });
    pipelineMs += performance.now() - p;
    for (const o of outcomes) {
      if (o.status === "rejected") rejected++;
      else inserted++;
    }
    params.onProgress?.(inserted);
  }
  const d = performance.now();
  let deleted = 0;
  const stored = new Set((await RecordModel.find({ _id: { $in: toDelete } }, { _id: 1 }).lean()).map((r) => String(r._id)));
  for (const recordId of toDelete)
    if (stored.has(recordId)) {
      await deleteRecord({ actor, templateKey: template.key, recordId, expectedRevision: 1 });
      deleted++;
    }
  return { inserted, deleted, rejected, ms: performance.now() - started, generateMs, pipelineMs, deleteMs: performance.now() - d };
}

/**
 * The bar for batch writes (issue 7: an import at ≥ 0.7× this rate): a raw insertMany of the
 * same stored documents — read back from the records just seeded and re-inserted under new ids,
 * either into a scratch collection with no index (`into: "scratch"`: what the database takes
 * before any index) or into the records collection itself (`into: "records"`: every index and
 * search structure the records live under, as the import's own inserts pay them), under a
 * template key no template has, deleted afterwards. Records per second.
 */
export async function rawInsertRate(params: { templateKey: string; sample: number; batchSize?: number; into?: "scratch" | "records" }): Promise<number> {
  const { templateKey, sample, batchSize = 1000, into = "scratch" } = params;
  const docs = await RecordModel.find({ templateKey }).limit(sample).lean();
  const scratchKey = `bench-raw-${Date.now()}`;
  const target = into === "records" ? RecordModel.collection : RecordModel.db.collection("bench_raw_inserts");
  if (into === "scratch") await target.drop().catch(() => undefined);
  const t = performance.now();
  for (let from = 0; from < docs.length; from += batchSize)
    await target.insertMany(docs.slice(from, from + batchSize).map((d) => ({ ...d, _id: new Types.ObjectId(), ...(into === "records" ? { templateKey: scratchKey } : {}) })) as never[], { ordered: false });
  const ms = performance.now() - t;
  if (into === "scratch") await target.drop().catch(() => undefined);
  else await target.deleteMany({ templateKey: scratchKey });
  return docs.length / (ms / 1000);
}

/**
 * The fair bar for an import's run (issue 7: ≥ 0.7× this rate): every record the run stored,
 * raw-inserted again (`insertMany`, nothing else: no checks, claims, audit events or job progress)
 * in the run's batch size into the records collection under a template key no template has — so
 * each index's entries for that key grow from none to all of them, as the run's own did.
 * `rawInsertRate` into the records collection inserts a sample of 5,000 into an empty key range of
 * every list index (they all start with the template key): the database does less there than the
 * run did (at 20,000 records, the sample inserted into the run's own, filled range took ~1.5× the
 * database's CPU per record — benchmarks run 36). The records are read first, all of them, as BSON
 * kept outside the JS heap (a read between the inserts would evict the index pages they need from
 * SQLite's page cache), and each batch is decoded before its insert is timed. The copies are left
 * in place: the benchmark's database is thrown away. Records per second, and the CPU per record of
FerretDB and Node from the first insert to the last (Node's includes decoding the batches).
 */
export async function rawReplayRate(params: { templateKey: string; batchSize: number }): Promise<{ rate: number; cpu: string }> {
  const { templateKey, batchSize } = params;
  const replayKey = `bench-replay-${Date.now()}`;
  const stored: Buffer[] = [];
  for await (const doc of RecordModel.collection.find({ templateKey }, { raw: true, batchSize: 1000 })) stored.push(doc as unknown as Buffer);
  let ms = 0;
  const cpu = cpuNow();
  for (let from = 0; from < stored.length; from += batchSize) {
    const docs = stored.slice(from, from + batchSize).map((b) => ({ ...mongo.BSON.deserialize(b), _id: new Types.ObjectId(), templateKey: replayKey }));
    const t = performance.now();
    await RecordModel.collection.insertMany(docs as never[], { ordered: false });
    ms += performance.now() - t;
  }
  return { rate: stored.length / (ms / 1000), cpu: cpuPer(cpu, stored.length) };
}
