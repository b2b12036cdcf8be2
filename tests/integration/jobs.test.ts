import { spawn, spawnSync } from "node:child_process";
import { MongoNetworkError } from "mongodb";
import mongoose from "mongoose";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { JobModel } from "@/lib/db/models/job";
import { TemplateMigrationModel } from "@/lib/db/models/template-migration";
import { requestJobCancel } from "@/lib/jobs/cancel-job";
import { createJob } from "@/lib/jobs/create-job";
import type { JobKind } from "@/lib/jobs/job-kind";
import { holdsPause, LOCKS_COLLECTION, pauseJobs, releaseJobs, renewPause } from "@/lib/jobs/job-pause";
import { DomainError } from "@/lib/errors";
import { msg, translate } from "@/lib/i18n/messages";
import { toJobProgress } from "@/lib/jobs/job-progress";
import { resumeJobs } from "@/lib/jobs/resume-jobs";
import { runJob, workerIdFor } from "@/lib/jobs/run-job";
import { convertLegacyMigrations } from "@/lib/migrations/convert-legacy-migrations";
import { getMigration, listMigrations } from "@/lib/migrations/get-migration";
import { runMigration } from "@/lib/migrations/run-migration";
import { startMigration } from "@/lib/migrations/start-migration";
import { createRecord } from "@/lib/records/create-record";
import { getRecord } from "@/lib/records/get-record";
import { Cleanup, cloneArchive, customerData, makeActor, testKey, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

/**
 * A kind that counts items 1..total, `per` a batch, remembering every item it handled (so a
 * test sees whether anything ran twice); `onBatch` lets a test interfere between batches.
 */
function countingKind(handled: number[], onBatch?: (batch: number, id: string) => Promise<void>): JobKind<{ per: number }, { sum: number }> {
  let batch = 0;
  return {
    kind: "test-count",
    async batch(job) {
      await onBatch?.(++batch, job._id);
      const from = job.cursor ? Number(job.cursor) : 0;
      const to = Math.min(from + job.params.per, job.progress.total);
      for (let i = from + 1; i <= to; i++) handled.push(i);
      const sum = (job.state.sum ?? 0) + handled.slice(-(to - from)).reduce((a, b) => a + b, 0);
      return { cursor: String(to), state: { sum }, done: to - from, finished: to >= job.progress.total };
    },
    async finish(job) {
      return { sum: job.state.sum * 10 };
    },
  };
}

async function newJob(total: number, per = 3) {
  const key = testKey("job");
  cleanup.templates.push(key);
  const job = await createJob({ kind: "test-count", id: key, templateKey: key, params: { per }, total, createdBy: { id: "u1", name: "测试" } });
  return job!._id;
}

describe("the job runner while the database is away", () => {
  it("runs a batch that met the database away again from the same place once it is back, instead of failing the job", async () => {
    // The driver's own error for a connection the restarted database dropped (tester round 7: an
    // import whose FerretDB was killed failed and could never be continued).
    const handled: number[] = [];
    let away = 2;
    const released: string[] = [];
    const kind = {
      ...countingKind(handled, async (batch) => {
        if (batch >= 2 && away > 0) {
          away--;
          throw new MongoNetworkError("connection 3 to 127.0.0.1:27027 closed");
        }
      }),
      release: (id: string) => void released.push(id),
    };
    const id = await newJob(9);
    const done = await runJob(kind, id);
    expect(done!.status).toBe("done");
    expect(handled).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(done!.state).toEqual({ sum: 450 });
    // What the kind held between batches was let go before each try again.
    expect(released).toEqual([id, id]);
  });

  it("fails the job when the database stays away longer than it waits", async () => {
    const handled: number[] = [];
    const kind = countingKind(handled, async () => {
      throw new MongoNetworkError("connect ECONNREFUSED 127.0.0.1:27027");
    });
    const id = await newJob(3);
    const done = await runJob(kind, id, { databaseWaitMs: 300 });
    expect(done!.status).toBe("failed");
    expect(handled).toEqual([]);
  });
});

describe("the job runner", () => {
  it("runs a kind in batches to the end, saving progress, cursor and state", async () => {
    const handled: number[] = [];
    const id = await newJob(10);
    const done = (await runJob(countingKind(handled), id))!;
    expect(handled).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(done).toMatchObject({ status: "done", cursor: "10", state: { sum: 550 }, workerId: null });
    expect(toJobProgress(done)).toMatchObject({ status: "done", done: 10, total: 10, percent: 100, stalled: false });
    expect(done.progress.rate).toBeGreaterThan(0);
    expect(done.finishedAt).toBeInstanceOf(Date);
  });

  it("stops after maxBatches, and another worker resumes from the cursor without doing anything twice", async () => {
    const handled: number[] = [];
    const id = await newJob(10);
    const part = (await runJob(countingKind(handled), id, { maxBatches: 2 }))!;
    expect(part).toMatchObject({ status: "running", cursor: "6", workerId: null });
    expect(toJobProgress(part)).toMatchObject({ done: 6, percent: 60 });
    await runJob(countingKind(handled), id, { workerId: "second" });
    expect(handled).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("leaves a job with a live worker alone, and takes over one whose heartbeat is stale", async () => {
    const handled: number[] = [];
    const id = await newJob(4);
    await JobModel.updateOne({ _id: id }, { $set: { status: "running", workerId: "alive", heartbeatAt: new Date() } });
    expect(await runJob(countingKind(handled), id)).toMatchObject({ status: "running", workerId: "alive" });
    expect(handled).toEqual([]);
    await JobModel.updateOne({ _id: id }, { $set: { heartbeatAt: new Date(Date.now() - 120_000) } });
    expect(toJobProgress((await JobModel.findById(id).lean())!).stalled).toBe(true);
    expect(await runJob(countingKind(handled), id)).toMatchObject({ status: "done" });
    expect(handled).toEqual([1, 2, 3, 4]);
  });

  it("takes over at once a job whose worker was a process of this machine that has ended; a live one it leaves alone", async () => {
    const handled: number[] = [];
    const id = await newJob(4);
    const live = spawn("sleep", ["30"]);
    try {
      await JobModel.updateOne({ _id: id }, { $set: { status: "running", workerId: workerIdFor(live.pid!), heartbeatAt: new Date() } });
      expect(await runJob(countingKind(handled), id)).toMatchObject({ status: "running" });
      expect(handled).toEqual([]);
    } finally {
      live.kill();
    }
    // A server killed mid-job and started again: its worker's heartbeat is fresh, its process gone.
    // Before: the job waited for the heartbeat to age (30 s) after every restart.
    const ended = spawnSync("true").pid!;
    // The same pid in another PID namespace of this host (a container sharing its host name) may be
    // alive: such a worker is left alone.
    const [host, boot, , rest] = workerIdFor(ended).split("#");
    await JobModel.updateOne({ _id: id }, { $set: { workerId: [host, boot.replace(/\.\d+$/, ".1"), ended, rest].join("#"), heartbeatAt: new Date() } });
    expect(await runJob(countingKind(handled), id)).toMatchObject({ status: "running" });
    expect(handled).toEqual([]);
    await JobModel.updateOne({ _id: id }, { $set: { workerId: workerIdFor(ended), heartbeatAt: new Date() } });
    expect(await runJob(countingKind(handled), id)).toMatchObject({ status: "done" });
    expect(handled).toEqual([1, 2, 3, 4]);
  });

  it("marks a job failed with the error, and a later run continues where it stopped", async () => {
    const handled: number[] = [];
    const id = await newJob(9);
    let failOnce = true;
    const failing = countingKind(handled, async (batch) => {
      if (batch === 2 && failOnce) {
        failOnce = false;
        throw new DomainError("BAD_REQUEST", msg("imports.uploadMissing"));
      }
    });
    expect(await runJob(failing, id)).toMatchObject({ status: "failed", error: translate("zh", "imports.uploadMissing"), cursor: "3", workerId: null });
    expect(await runJob(failing, id)).toMatchObject({ status: "done", error: null });
    expect(handled).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("a job stopped by a fault of the code (a TypeError) says the server stopped on an error, in the job's language, never the raw message", async () => {
    for (const locale of ["zh", "en"] as const) {
      const key = testKey("job");
      cleanup.templates.push(key);
      const id = (await createJob({ kind: "test-count", id: key, templateKey: key, params: { per: 3, locale }, total: 9, createdBy: { id: "u1", name: "测试" } }))!._id;
      const broken = countingKind([], async (batch) => {
        if (batch === 2) (undefined as unknown as Map<string, unknown>).keys();
      });
      const failed = await runJob(broken, id);
      // Before: error "Cannot read properties of undefined (reading 'keys')", shown to the user as the reason.
      expect(failed).toMatchObject({ status: "failed", cursor: "3", error: translate(locale, "api.jobServerError", { id }) });
      expect(failed!.error).not.toMatch(/undefined|keys/);
    }
  });

  it("a batch that meets a busy database runs again from the same cursor instead of failing the job", async () => {
    const handled: number[] = [];
    const id = await newJob(9);
    let busy = 2;
    const meetsBusy = countingKind(handled, async (batch) => {
      if (batch >= 2 && busy > 0) {
        busy--;
        // As the embedded database answered a migration's update in CI.
        throw Object.assign(new Error("[collection.go:152 sqlite.(*collection).UpdateAll.func1] database is locked (5) (SQLITE_BUSY)"), { code: 1 });
      }
    });
    expect(await runJob(meetsBusy, id)).toMatchObject({ status: "done", error: null, cursor: "9", state: { sum: 450 } });
    expect(busy).toBe(0);
    expect(handled).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("cancels between batches: what is done stays, nothing more runs", async () => {
    const handled: number[] = [];
    const id = await newJob(30);
    const cancelling = countingKind(handled, async (batch, jobId) => {
      if (batch === 2) await requestJobCancel({ id: jobId, by: { id: "u2" } });
    });
    const after = (await runJob(cancelling, id))!;
    expect(after).toMatchObject({ status: "cancelled", cancelRequestedBy: "u2", workerId: null });
    expect(handled).toEqual([1, 2, 3, 4, 5, 6]);
    expect(toJobProgress(after)).toMatchObject({ status: "cancelled", done: 6, cancelRequested: true });
    // A job nobody is working on is cancelled at once, and never starts.
    const idle = await newJob(3);
    expect(await requestJobCancel({ id: idle, by: { id: "u2" } })).toMatchObject({ status: "cancelled" });
    expect(await runJob(countingKind(handled), idle)).toMatchObject({ status: "cancelled" });
    expect(handled).toHaveLength(6);
  });

  it("resumes unfinished jobs of the kinds it is given at start-up", async () => {
    const handled: number[] = [];
    const id = await newJob(5);
    await JobModel.updateOne({ _id: id }, { $set: { status: "running", cursor: "2", "progress.done": 2 } });
    expect(await resumeJobs([countingKind(handled)])).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await JobModel.findById(id).lean())?.status, { timeout: 10_000 }).toBe("done");
    expect(handled).toEqual([3, 4, 5]);
  });
});

describe("migrations on the job runner", () => {
  it("reads a database's old template_migrations into jobs once, and continues them", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const ids: string[] = [];
    for (const mobile of ["13800138001", "13800138002", "13800138003"]) ids.push((await createRecord({ actor: agent, templateKey: key, input: customerData({ basic: { mobile } }) })).id);
    const op = { type: "renameKey" as const, path: "basic.mobile", newKey: "phone" };
    const started = await startMigration({ actor: admin, templateKey: key, input: { op, batchSize: 2 }, run: "none" });
    await runMigration({ jobId: started.id, maxBatches: 1 });
    // The same migration as an older server kept it: in template_migrations, half done, its worker gone.
    const job = (await JobModel.findById(`migration:${started.id}`).lean())!;
    await JobModel.deleteOne({ _id: job._id });
    await TemplateMigrationModel.create({
      _id: started.id,
      templateKey: key,
      fromVersion: 1,
      toVersion: 2,
      op,
      note: "",
      status: "running",
      total: 3,
      processed: 2,
      migrated: 2,
      failed: 0,
      failures: [],
      retryIds: [],
      lastId: job.cursor,
      batchSize: 2,
      workerId: "old-server",
      heartbeatAt: new Date(Date.now() - 120_000),
      startedBy: admin.id,
      startedByName: admin.name,
      startedAt: job.startedAt,
    });
    expect(await convertLegacyMigrations()).toBeGreaterThanOrEqual(1);
    expect(await getMigration({ actor: admin, templateKey: key, jobId: started.id })).toMatchObject({ id: started.id, status: "running", processed: 2, migrated: 2, total: 3, percent: 66, stalled: true });
    expect(await runMigration({ jobId: started.id })).toMatchObject({ status: "done", processed: 3, migrated: 3, percent: 100 });
    // Converting again changes nothing: the job keeps its outcome.
    await convertLegacyMigrations();
    expect((await listMigrations({ actor: admin, templateKey: key })).map((m) => [m.id, m.status])).toEqual([[started.id, "done"]]);
    const last = await getRecord({ actor: agent, templateKey: key, recordId: ids[2] });
    expect(last.templateVersion).toBe(2);
  });
});

describe("the pause a backup holds over the other jobs (a lease in `locks`)", () => {
  const PAUSE = "jobs-paused";
  const locks = () => mongoose.connection.db!.collection<{ _id: string; holder: string; until: Date }>(LOCKS_COLLECTION);
  const expire = (holder: string) => locks().updateOne({ _id: PAUSE }, { $set: { holder, until: new Date(Date.now() - 1000) } }, { upsert: true });

  it("a lease that expired while its holder stalled is not renewed back to life: the holder's next pause is not continuous", async () => {
    const holder = testKey("pause");
    try {
      expect(await pauseJobs(holder, { waitMs: 0 })).toEqual({ continuous: false });
      expect(await pauseJobs(holder, { waitMs: 0 })).toEqual({ continuous: true });
      expect(await holdsPause(holder)).toBe(true);
      // The holder's process stalls past the lease: the jobs went on meanwhile. Its renewal then comes.
      await expire(holder);
      expect(await renewPause(holder)).toBe(false);
      expect((await locks().findOne({ _id: PAUSE }))!.until.getTime()).toBeLessThan(Date.now());
      expect(await holdsPause(holder)).toBe(false);
      // Before: the renewal made the lease live again and the backup read on as if unbroken.
      expect(await pauseJobs(holder, { waitMs: 0 })).toEqual({ continuous: false });
      expect(await holdsPause(holder)).toBe(true);
    } finally {
      await releaseJobs(holder);
    }
  });

  it("a taker that died between its claim on an expired lease and taking it does not block later backups", async () => {
    const holder = testKey("pause");
    await expire("dead-holder");
    const dead = (await locks().findOne({ _id: PAUSE }))!;
    // The dead taker's claim on that very lease, its own lease run out since.
    await locks().insertOne({ _id: `${PAUSE}@${dead.holder}@${dead.until.getTime()}`, holder: "died-mid-take", until: new Date(Date.now() - 500) });
    try {
      // Before: refused as "a backup is already under way", and so every backup after it.
      expect(await pauseJobs(holder, { waitMs: 0 })).toEqual({ continuous: false });
      expect(await holdsPause(holder)).toBe(true);
    } finally {
      await releaseJobs(holder);
    }
  });

  it("two backups taking the pause at the same instant: exactly one holds it, the other is refused at once", async () => {
    for (let round = 0; round < 8; round++) {
      const holders = [testKey("pause-a"), testKey("pause-b"), testKey("pause-c")];
      // An expired lease (its holder died), and in odd rounds none at all.
      if (round % 2) await locks().deleteOne({ _id: PAUSE });
      else await expire("dead-holder");
      const taken = await Promise.allSettled(holders.map((h) => pauseJobs(h, { waitMs: 0 })));
      try {
        const won = holders.filter((_, i) => taken[i].status === "fulfilled");
        // Before: two or three of them were told they held it.
        expect(won, `round ${round}`).toHaveLength(1);
        for (const t of taken) if (t.status === "rejected") expect((t.reason as DomainError).code).toBe("CONFLICT");
        expect((await locks().findOne({ _id: PAUSE }))!.holder).toBe(won[0]);
        expect(await holdsPause(won[0])).toBe(true);
      } finally {
        for (const h of holders) await releaseJobs(h);
      }
    }
  });
});
