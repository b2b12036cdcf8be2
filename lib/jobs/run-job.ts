import "server-only";
import { randomUUID } from "node:crypto";
import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";
import { connectDb } from "../db/connect";
import { JobModel, type JobDoc } from "../db/models/job";
import { STALE_AFTER_MS, type Job, type JobKind } from "./job-kind";
import { log } from "../log/log";
import { retryBusy } from "../db/busy-retry";
import { waitWhilePaused } from "./job-pause";
import { DomainError, isDatabaseUnavailable } from "../errors";
import { parseLocale } from "../i18n/locale";
import { translate } from "../i18n/messages";

// A batch may take longer than the stale limit on a loaded machine; the heartbeat says the worker lives.
const HEARTBEAT_MS = 10_000;

/**
 * How long a job waits for a database that went away (stopped, restarting: the embedded one is
 * started again within seconds, up to 5 times in 10 minutes) before it counts as failed.
 */
export const DATABASE_WAIT_MS = 15 * 60_000;

/**
 * This machine's boot and this process's PID namespace, so that a process id names one process
 * ("" where the system does not say): containers sharing a host name (host networking) share the
 * boot but not the namespace, and one's pid means nothing in the other.
 */
const BOOT_ID = (() => {
  try {
    return `${readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim()}.${readlinkSync("/proc/self/ns/pid").replace(/\D/g, "")}`;
  } catch {
    return "";
  }
})();

/** A worker id that says which process on which machine runs the job: host, boot and PID namespace, pid, then a random part. */
export const workerIdFor = (pid: number) => `${hostname()}#${BOOT_ID}#${pid}#${randomUUID()}`;

/**
 * True for the id of a worker that ran on this machine since it booted, in a process that has
 * ended (a server killed or crashed, then started again): its job need not wait for the heartbeat
 * to age. Any doubt (another machine, an id of another shape, a process id in use again) says no.
 */
function endedHere(workerId: string | null | undefined): boolean {
  if (!BOOT_ID || !workerId) return false;
  const [host, boot, pid] = workerId.split("#");
  if (host !== hostname() || boot !== BOOT_ID || !/^\d+$/.test(pid ?? "") || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Takes the job for this worker: free, already ours, abandoned (no heartbeat for a while), or
 * left by a process of this machine that has ended.
 */
async function claim(id: string, workerId: string): Promise<JobDoc | null> {
  const stale = new Date(Date.now() - STALE_AFTER_MS);
  const taken = await JobModel.findOneAndUpdate(
    { _id: id, status: { $in: ["pending", "running", "failed"] }, $or: [{ workerId: null }, { workerId }, { heartbeatAt: { $lt: stale } }] },
    { $set: { workerId, heartbeatAt: new Date(), error: null } },
    { returnDocument: "after" },
  ).lean();
  if (taken) return taken;
  const held = await JobModel.findById(id, { workerId: 1 }).lean();
  if (!endedHere(held?.workerId)) return null;
  return JobModel.findOneAndUpdate(
    { _id: id, status: { $in: ["pending", "running", "failed"] }, workerId: held!.workerId },
    { $set: { workerId, heartbeatAt: new Date(), error: null } },
    { returnDocument: "after" },
  ).lean();
}

/** Saves progress as this worker; null when another worker has taken the job over (this one then stops). */
async function save(id: string, workerId: string, set: Record<string, unknown>): Promise<JobDoc | null> {
  return retryBusy(`job ${id} save`, () =>
    JobModel.findOneAndUpdate({ _id: id, workerId }, { $set: { ...set, heartbeatAt: new Date() } }, { returnDocument: "after" }).lean(),
  );
}

/**
 * Runs a job of the given kind in batches until it is done, cancelled, taken over by another
 * worker, or `maxBatches` batches have run (tests and step-wise runs; the job is then left free
 * for whoever continues it). Progress, cursor and state are saved after each batch, so a run that
 * dies resumes where it stopped; an error marks the job failed with its message, to be resumed by
 * hand — except a busy database (busy-retry.ts) or one that is away (stopped or restarting, up to
 * DATABASE_WAIT_MS): a step that met one runs again from the same cursor after a wait, as it would
 * after a restart (every step is idempotent). Returns the job as it is afterwards.
 */
export async function runJob<P, S>(kind: JobKind<P, S>, id: string, options: { workerId?: string; maxBatches?: number; databaseWaitMs?: number } = {}): Promise<JobDoc | null> {
  const { workerId = workerIdFor(process.pid), maxBatches = Infinity } = options;
  await connectDb();
  let doc = await claim(id, workerId);
  if (!doc) return JobModel.findById(id).lean();
  const beat = setInterval(() => void JobModel.updateOne({ _id: id, workerId }, { $set: { heartbeatAt: new Date() } }).catch(() => undefined), HEARTBEAT_MS);
  beat.unref();
  /**
   * A step run again while the database is away (isDatabaseUnavailable), as after a restart: every
   * step is idempotent (a batch from its saved cursor finds what an earlier try wrote), and what
   * the kind keeps between batches is let go first. Before, a database restarted under an import
   * failed the job, and a failed run could not be started again.
   */
  const patient = async <T>(what: string, step: () => Promise<T>): Promise<T> => {
    const since = Date.now();
    for (let n = 0; ; n++) {
      try {
        return await step();
      } catch (err) {
        if (!isDatabaseUnavailable(err) || Date.now() - since >= (options.databaseWaitMs ?? DATABASE_WAIT_MS)) throw err;
        if (n === 0) log.warn("jobs", `${id} ${what}: the database is away; waiting for it to go on`);
        kind.release?.(id);
        await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** n, 10_000)));
      }
    }
  };
  try {
    if (doc.status !== "running") {
      const first = doc as unknown as Job<P, S>;
      await patient("start", () => retryBusy(`${id} start`, async () => kind.start?.(first)));
      doc = await patient("save", (): Promise<JobDoc | null> => save(id, workerId, { status: "running" }));
      if (!doc) return JobModel.findById(id).lean();
    }
    const runStart = { at: Date.now(), done: doc.progress?.done ?? 0 };
    for (let batches = 0; ; batches++) {
      if (doc.cancelRequestedAt) {
        kind.release?.(id);
        const stopped = await save(id, workerId, { status: "cancelled", finishedAt: new Date(), workerId: null });
        // Cancelled: what the kind kept to resume it serves nothing any more (never a reason to fail the cancel).
        if (stopped?.status === "cancelled") await kind.cancelled?.(stopped as unknown as Job<P, S>).catch((err: unknown) => log.warn("jobs", `${id} cancelled: could not let go of what it kept`, err));
        return stopped;
      }
      if (batches >= maxBatches) return save(id, workerId, { workerId: null, heartbeatAt: null });
      // A backup reading the database: wait between batches, then look again (a cancel, a takeover).
      if (!kind.runsWhilePaused && (await patient("pause", () => waitWhilePaused(id, workerId)))) {
        const now = await JobModel.findById(id).lean();
        if (!now || now.workerId !== workerId) return now;
        doc = now;
        batches--;
        continue;
      }
      const job = doc as unknown as Job<P, S>;
      const batchStart = Date.now();
      const result = await patient("batch", () => retryBusy(`${id} batch`, () => kind.batch(job)));
      if (result.restarted) Object.assign(runStart, { at: batchStart, done: 0 });
      const done = (result.restarted ? 0 : (doc.progress?.done ?? 0)) + result.done;
      const seconds = (Date.now() - runStart.at) / 1000;
      const progress = { done, total: Math.max(result.total ?? doc.progress?.total ?? 0, done), rate: seconds > 0 ? (done - runStart.done) / seconds : 0 };
      doc = await patient("save", (): Promise<JobDoc | null> => save(id, workerId, { cursor: result.cursor, state: result.state, progress }));
      if (!doc) return JobModel.findById(id).lean();
      if (result.finished) break;
    }
    const job = doc as unknown as Job<P, S>;
    const state = (await patient("finish", () => retryBusy(`${id} finish`, async () => kind.finish?.(job)))) ?? doc.state;
    return patient("save", () => save(id, workerId, { state, status: "done", finishedAt: new Date(), workerId: null }));
  } catch (err) {
    log.error("jobs", `${id} stopped`, err);
    kind.release?.(id);
    await JobModel.updateOne({ _id: id, workerId }, { $set: { status: "failed", error: failure(err, id, doc?.params), workerId: null } });
    return JobModel.findById(id).lean();
  } finally {
    clearInterval(beat);
  }
}

/**
 * What a failed job says to whoever looks at it: an expected failure's own message; anything else
 * (a fault of the code: a TypeError) only that the server stopped on an error, in the language the
 * job was started in — its raw message is for the server's log, never shown as the reason.
 */
function failure(err: unknown, id: string, params: unknown): string {
  if (err instanceof DomainError) return err.message;
  return translate(parseLocale((params as { locale?: string } | undefined)?.locale), "api.jobServerError", { id });
}

/** Starts a job in the background of this server process (a request returns at once). */
export function kickJob<P, S>(kind: JobKind<P, S>, id: string): void {
  void runJob(kind, id).catch((err) => log.error("jobs", `${id} could not run`, err));
}
