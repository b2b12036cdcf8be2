import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import mongoose from "mongoose";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { documentText } from "@/lib/backup/backup-format";
import { BACKUP_KIND, backupDir, backupJob, type BackupJobParams, type BackupJobState } from "@/lib/backup/backup-job";
import { createJob } from "@/lib/jobs/create-job";
import type { Job } from "@/lib/jobs/job-kind";
import { releaseJobs } from "@/lib/jobs/job-pause";
import { runJob } from "@/lib/jobs/run-job";
import { backedUpCollections, summarize } from "@/lib/backup/database-summary";
import { restoreBackup, verifyBackup } from "@/lib/backup/restore-backup";
import { writeBackup } from "@/lib/backup/write-backup";
import { connectDb } from "@/lib/db/connect";
import { createRecord } from "@/lib/records/create-record";
import { ImportModel } from "@/lib/db/models/import";
import { JobModel } from "@/lib/db/models/job";
import { IMPORT_KIND, importJobId } from "@/lib/imports/import-job";
import { jobId } from "@/lib/jobs/job-kind";
import { startImport } from "@/lib/imports/start-import";
import { updateImport } from "@/lib/imports/update-import";
import { Cleanup, cloneArchive, customerData, expectDomainError, makeActor, unique, withSeededTemplates } from "./support/fixtures";
import { importSetup, SEED_CONSTANTS, seedRow, upload, xlsxFile } from "./support/import-files";
import { importEnded } from "./support/import-jobs";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

/** A database of its own on the test server, empty. */
async function emptyDb() {
  await connectDb();
  return mongoose.connection.useDb(`restore_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`, { useCache: false }).db!;
}

async function backupFile() {
  const dir = await mkdtemp(path.join(tmpdir(), "dossier-backup-"));
  const file = path.join(dir, "dossier.ndjson.gz");
  const manifest = await writeBackup(createWriteStream(file));
  return { file, manifest };
}

describe("backup and restore", () => {
  it("backs up every collection and restores it into an empty database, checksum-identical, with its indexes", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    await createRecord({ actor: admin, templateKey: key, input: customerData({ basic: { name: "备份客户" } }) });
    const { file, manifest } = await backupFile();
    const names = await backedUpCollections();
    expect(Object.keys(manifest.collections)).toEqual(names);
    for (const must of ["records", "templates", "users", "audit_events", "unique_claims"]) expect(names).toContain(must);
    expect(manifest.collections.records.count).toBeGreaterThan(0);
    // The archive says what it holds, and holds what it says.
    expect((await verifyBackup(file)).manifest).toEqual(manifest);

    const target = await emptyDb();
    const result = await restoreBackup(file, { db: target });
    expect(result.collections.records).toBe(manifest.collections.records.count);
    // Read back independently: every document, with its types (dates, ObjectIds), byte for byte.
    expect(await summarize(names, target)).toEqual(manifest.collections);
    const original = await mongoose.connection.db!.collection("users").find({}, { sort: { _id: 1 } }).toArray();
    const restored = await target.collection("users").find({}, { sort: { _id: 1 } }).toArray();
    expect(restored.map(documentText)).toEqual(original.map(documentText));
    expect(restored[0].createdAt).toBeInstanceOf(Date);
    const indexNames = (await target.collection("unique_claims").indexes()).map((i) => i.name);
    expect(indexNames).toEqual((await mongoose.connection.db!.collection("unique_claims").indexes()).map((i) => i.name));

    // Not into a database that holds data, unless told; then it replaces those collections.
    await expectDomainError(restoreBackup(file, { db: target }), "CONFLICT");
    await target.collection("records").insertOne({ _id: "stray" as never, templateKey: "x" });
    await restoreBackup(file, { db: target, force: true });
    expect(await summarize(names, target)).toEqual(manifest.collections);
    await target.dropDatabase();
  });

  it("gives a record back the unique claim a backup missed (an edit between its reading of records and of claims)", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const edited = await createRecord({ actor: admin, templateKey: key, input: customerData() });
    const other = await createRecord({ actor: admin, templateKey: key, input: customerData() });
    const claims = mongoose.connection.db!.collection<{ _id: string; recordId: string }>("unique_claims");
    const policyClaim = async (recordId: string) => (await claims.find({ recordId }).toArray()).find((c) => c._id.startsWith(`${key}|policy.policyNo|`));
    const missed = await policyClaim(edited.id);
    const kept = await policyClaim(other.id);
    expect(missed && kept).toBeTruthy();
    // What the archive holds when the record was read before an edit of its 保单号 and the claims
    // after it: the record with its old value, nobody's claim on that value.
    await claims.deleteOne({ _id: missed!._id });
    const { file } = await backupFile();

    const target = await emptyDb();
    const result = await restoreBackup(file, { db: target });
    // Without the claim another record could be given the same 保单号.
    expect(await target.collection("unique_claims").findOne({ _id: missed!._id as never })).toMatchObject({ recordId: edited.id, templateKey: key });
    expect(result.claimsAdded).toBeGreaterThanOrEqual(1);
    expect(await target.collection("unique_claims").countDocuments({ _id: kept!._id as never, recordId: other.id })).toBe(1);
    await target.dropDatabase();
  });

  it("refuses a damaged, cut-short or foreign archive before changing anything", async () => {
    const { file } = await backupFile();
    const text = gunzipSync(await readFile(file)).toString("utf8");
    const lines = text.trimEnd().split("\n");
    const dir = path.dirname(file);
    const variant = async (name: string, body: string | Buffer) => {
      const p = path.join(dir, name);
      await writeFile(p, typeof body === "string" ? gzipSync(body) : body);
      return p;
    };
    // One changed value inside a template, still valid JSON: only the checksum can tell.
    const at = lines.findIndex((l) => l.startsWith('{"c":"templates"'));
    const flipped = [...lines];
    flipped[at] = flipped[at].replace('"name":"', '"name":"改');
    expect(flipped[at]).not.toBe(lines[at]);
    const cases = [
      [await variant("flipped.ndjson.gz", flipped.join("\n") + "\n"), /校验和/],
      [await variant("cut.ndjson.gz", lines.slice(0, -1).join("\n") + "\n"), /不完整/],
      [await variant("cut-bytes.ndjson.gz", (await readFile(file)).subarray(0, 200)), /已损坏|不完整/],
      [await variant("foreign.ndjson.gz", '{"hello":1}\n'), /不是 Dossier 的备份/],
      [await variant("garbage.ndjson.gz", Buffer.from("not gzip at all")), /已损坏/],
    ] as const;
    const target = await emptyDb();
    for (const [damaged, message] of cases) {
      const err = await expectDomainError(restoreBackup(damaged, { db: target }), "BAD_REQUEST");
      expect(err.localize("zh").message).toMatch(message);
      expect(await backedUpCollections(target)).toEqual([]);
    }
  });

  it("a backup whose pause of the jobs lapsed while it read (its process stalled past the lease) fails, saying so, before its manifest", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dossier-backup-"));
    const file = path.join(dir, "dossier.ndjson.gz");
    const locks = mongoose.connection.db!.collection<{ _id: string; until: Date }>("locks");
    let stalled = false;
    // While it reads its first collection, the lease runs out (as after a stall of over 2 minutes):
    // the jobs may have written since, so what it read before is not of one moment with the rest.
    const onProgress = async () => {
      if (stalled) return;
      stalled = true;
      await locks.updateOne({ _id: "jobs-paused" }, { $set: { until: new Date(Date.now() - 1000) } });
    };
    // Before: it finished and wrote a manifest as if its archive held whole batches.
    const err = await expectDomainError(writeBackup(createWriteStream(file), { onProgress }), "CONFLICT");
    expect(err.localize("zh").message).toContain("暂停中断");
    expect(stalled).toBe(true);
    expect(await locks.findOne({ _id: "jobs-paused" })).toBeNull();
  });
  it("a backup job whose pause lapsed while it read its last collection reads every collection again", async () => {
    const name = `${unique("lapse")}.ndjson.gz`;
    const created = (await createJob({ kind: BACKUP_KIND, id: name, params: { name, keep: 0 }, total: 0, createdBy: { id: "u1", name: "测试" } }))!;
    const job = (await JobModel.findById(created._id).lean()) as unknown as Job<BackupJobParams, BackupJobState>;
    const locks = mongoose.connection.db!.collection<{ _id: string; holder: string; until: Date }>("locks");
    const other = (await createJob({ kind: "test-other", id: unique("other"), params: {}, total: 1, createdBy: { id: "u1", name: "测试" } }))!;
    try {
      // The first batch takes the pause and lists the collections; the last one's read comes next.
      const first = await backupJob.batch(job);
      const last = { ...job, state: { ...first.state, next: first.state.collections!.length - 1 } };
      const taken = (await locks.findOne({ _id: "jobs-paused" }))!;
      expect(taken.holder).toBe(job._id);
      // Another job is in the middle of a batch: the backup, its pause renewed, waits for it ...
      await JobModel.updateOne({ _id: other._id }, { $set: { status: "running", workerId: "w", heartbeatAt: new Date() } });
      const reading = backupJob.batch(last);
      await expect.poll(async () => (await locks.findOne({ _id: "jobs-paused" }))!.until.getTime()).toBeGreaterThan(taken.until.getTime());
      // ... then stalls past its lease before it reads (the jobs may write meanwhile).
      await locks.updateOne({ _id: "jobs-paused" }, { $set: { until: new Date(Date.now() - 1000) } });
      await JobModel.updateOne({ _id: other._id }, { $set: { pausedBy: job._id } });
      // Before: it went on to its last step with that collection read outside the pause.
      expect(await reading).toMatchObject({ cursor: "0", restarted: true, state: { next: 0 } });
    } finally {
      await releaseJobs(job._id);
      await JobModel.deleteMany({ _id: { $in: [job._id, other._id] } });
      await rm(path.join(backupDir(), `.${name}.parts`), { recursive: true, force: true });
    }
  });
});

describe("a backup job's own job in its archive", () => {
  const restoredJob = async (target: Awaited<ReturnType<typeof emptyDb>>, id: string) => target.collection("jobs").findOne({ _id: id as never });

  it("is left out: a database restored from the archive never runs the backup again", async () => {
    const name = `${unique("own")}.ndjson.gz`;
    const created = (await createJob({ kind: BACKUP_KIND, id: name, params: { name, keep: 0 }, total: 0, createdBy: { id: "u1", name: "测试" } }))!;
    const file = path.join(backupDir(), name);
    try {
      expect((await runJob(backupJob, created._id))?.status).toBe("done");
      const target = await emptyDb();
      const result = await restoreBackup(file, { db: target });
      // Before: the archive held its own job as running, and the restored server resumed it,
      // writing a new backup of the restored database under the old name.
      expect(await restoredJob(target, created._id)).toBeNull();
      expect(result.backupsStopped).toBe(0);
      await target.dropDatabase();
    } finally {
      await JobModel.deleteOne({ _id: created._id });
      await rm(file, { force: true });
    }
  });

  it("a backup job an older archive holds unfinished is restored as cancelled, not resumed", async () => {
    // What archives written before the job left itself out hold (and any backup waiting to start).
    const name = `${unique("old")}.ndjson.gz`;
    const created = (await createJob({ kind: BACKUP_KIND, id: name, params: { name, keep: 0 }, total: 0, createdBy: { id: "u1", name: "测试" } }))!;
    await JobModel.updateOne({ _id: created._id }, { $set: { status: "running", workerId: "w", heartbeatAt: new Date() } });
    try {
      const { file } = await backupFile();
      const target = await emptyDb();
      const result = await restoreBackup(file, { db: target });
      expect(result.backupsStopped).toBeGreaterThanOrEqual(1);
      expect(await restoredJob(target, created._id)).toMatchObject({ status: "cancelled", workerId: null });
      expect((await restoredJob(target, created._id))?.error).toContain("恢复");
      expect(await target.collection("jobs").countDocuments({ kind: BACKUP_KIND, status: { $in: ["pending", "running"] } })).toBe(0);
      await target.dropDatabase();
    } finally {
      await JobModel.deleteOne({ _id: created._id });
    }
  });
});

describe("a backup taken while an import runs", () => {
  it("holds whole batches of the import: every record with its creation event, the job's counts matching the records", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("BK");
    const rows = Array.from({ length: 2400 }, (_, i) => seedRow(`${P}-${i}`));
    const view = await upload(agent, key, await xlsxFile(rows));
    await updateImport({ actor: agent, templateKey: key, id: view.id, input: SEED_CONSTANTS });
    await startImport({ actor: agent, templateKey: key, id: view.id, phase: "check" });
    await importEnded(agent, key, view.id, "check");
    await startImport({ actor: agent, templateKey: key, id: view.id, phase: "run" });
    // Under way: a batch written, more to come.
    const runId = jobId(IMPORT_KIND, importJobId(view.id, "run"));
    for (let i = 0; i < 600 && !((await JobModel.findById(runId).lean())?.progress?.done ?? 0); i++) await new Promise((r) => setTimeout(r, 50));
    const { file } = await backupFile();
    expect((await importEnded(agent, key, view.id, "run")).run!.rows).toEqual({ create: 2400 });

    const target = await emptyDb();
    await restoreBackup(file, { db: target });
    const records = await target.collection("records").find({ templateKey: key }, { projection: { _id: 1 } }).toArray();
    const job = (await target.collection("jobs").findOne({ _id: runId as never })) as { state: { records?: { created?: number } } } | null;
    expect(records.length).toBeGreaterThan(0);
    expect(job?.state.records?.created ?? 0).toBe(records.length);
    const events = await target.collection("audit_events").countDocuments({ action: "record.create", entityId: { $in: records.map((r) => String(r._id)) } });
    expect(events).toBe(records.length);
    // The pause is not in the archive: the restored database's jobs are not held.
    expect(await target.listCollections({ name: "locks" }).toArray()).toEqual([]);
  }, 240_000);

  it("an import restored without its upload (another machine) stops saying so, not with a file system error", async () => {
    const { agent, key } = await importSetup(cleanup);
    const view = await upload(agent, key, await xlsxFile([seedRow(unique("BK"))]));
    await updateImport({ actor: agent, templateKey: key, id: view.id, input: SEED_CONSTANTS });
    await startImport({ actor: agent, templateKey: key, id: view.id, phase: "check" });
    await importEnded(agent, key, view.id, "check");
    await rm((await ImportModel.findById(view.id).lean())!.filePath);
    await startImport({ actor: agent, templateKey: key, id: view.id, phase: "run" });
    const run = (await importEnded(agent, key, view.id, "run")).run!;
    expect(run.progress.status).toBe("failed");
    expect(run.progress.error).toContain("上传的文件已不在服务器上");
  });
});
