import "server-only";
import { connectDb } from "../db/connect";
import { JobModel } from "../db/models/job";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { log } from "../log/log";
import { STALE_AFTER_MS } from "./job-kind";
import mongoose from "mongoose";

/**
 * Pausing every other job between two of its batches, for as long as a backup reads the database.
 * The embedded database has no snapshot across collections: a backup reads them one after another,
 * and an import writing meanwhile left records in the archive whose creation events were read
 * before them (not there), or job state that disagrees with the records. Jobs write only inside a
 * batch, so a database with every job between batches holds whole batches only.
 *
 * The pause is a lease in the `locks` collection (left out of backups): its holder renews it while
 * it lives, and a holder that died lets the jobs go on once it expires. A job that sees the lease
 * says so on its job document (`pausedBy`) and waits; the holder waits until every running job
 * says so (or has stopped beating), then reads.
 */
export const LOCKS_COLLECTION = "locks";
const PAUSE_ID = "jobs-paused";
const LEASE_MS = 2 * 60_000;
const POLL_MS = 300;
/** How long a backup waits for jobs to reach the end of their batch before it reads anyway. */
const WAIT_FOR_JOBS_MS = 10 * 60_000;

interface PauseLock {
  _id: string;
  holder: string;
  until: Date;
}

const locks = () => mongoose.connection.db!.collection<PauseLock>(LOCKS_COLLECTION);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The lease held now, if any (an expired one holds nothing). */
async function heldBy(): Promise<string | null> {
  const lock = await locks().findOne({ _id: PAUSE_ID });
  return lock && lock.until.getTime() > Date.now() ? lock.holder : null;
}

/** Leases renewed by this process, by holder. */
const renewals = new Map<string, NodeJS.Timeout>();
/** Holders whose lease lapsed before a renewal (the jobs may have run since): their next pause is not continuous. */
const lapsed = new Set<string>();

function stopRenewing(holder: string): void {
  clearInterval(renewals.get(holder));
  renewals.delete(holder);
}

/**
 * Extends `holder`'s lease while it is still in force; false — and the lease counted lost — when it
 * had expired already (a process stalled for longer than the lease: the jobs may have gone on
 * meanwhile, and a lease brought back to life would hide that). Run every LEASE_MS / 4.
 */
export async function renewPause(holder: string): Promise<boolean> {
  const now = Date.now();
  const { matchedCount } = await locks().updateOne({ _id: PAUSE_ID, holder, until: { $gt: new Date(now) } }, { $set: { until: new Date(now + LEASE_MS) } });
  if (matchedCount > 0) return true;
  lapsed.add(holder);
  stopRenewing(holder);
  return false;
}

/** True while `holder` has held the pause without a break since it took it (what it read since holds whole batches). */
export async function holdsPause(holder: string): Promise<boolean> {
  if (lapsed.has(holder)) return false;
  const lock = await locks().findOne({ _id: PAUSE_ID });
  return !!lock && lock.holder === holder && lock.until.getTime() > Date.now();
}

const isDuplicate = (err: unknown) => (err as { code?: number }).code === 11000;
const refused = () => new DomainError("CONFLICT", msg("backup.running"));

/**
 * Takes (or keeps) the pause for `holder` and waits until every running job of another kind than
 * `except` is paused between batches. `continuous` says the holder held it without a break since
 * its last call (a backup resumed after a crash must read again from its first collection when not).
 * Refused while another holder has it (a second backup at the same time).
 *
 * Taking it is decided by inserts, whose `_id` FerretDB checks atomically — its filtered updates are
 * not atomic (two updates filtered on the same expired lease can both match, and both takers would
 * believe they hold it): a lease nobody holds is inserted; an expired one is taken over by the one
 * taker whose claim on that very lease (its holder and end) is inserted first.
 */
export async function pauseJobs(holder: string, options: { except?: string[]; waitMs?: number } = {}): Promise<{ continuous: boolean }> {
  await connectDb();
  const now = Date.now();
  const until = new Date(now + LEASE_MS);
  const before = await locks().findOne({ _id: PAUSE_ID });
  const live = !!before && before.until.getTime() > now;
  if (before && live && before.holder !== holder) throw refused();
  const continuous = live && !lapsed.has(holder);
  try {
    if (!before) await locks().insertOne({ _id: PAUSE_ID, holder, until });
    else if (live) {
      const { matchedCount } = await locks().updateOne({ _id: PAUSE_ID, holder, until: { $gt: new Date(now) } }, { $set: { until } });
      if (matchedCount === 0) throw refused();
    } else {
      // A claim whose own lease has run out decides nothing any more: its taker moved the lease on
      // long ago, or died between its claim and the move — left, it would refuse every later
      // taker of this lease, and no backup could be taken again.
      await locks().deleteMany({ _id: { $ne: PAUSE_ID }, until: { $lt: new Date(now) } });
      await locks().insertOne({ _id: `${PAUSE_ID}@${before.holder}@${before.until.getTime()}`, holder, until });
      await locks().updateOne({ _id: PAUSE_ID, holder: before.holder, until: before.until }, { $set: { holder, until } });
    }
  } catch (err) {
    if (isDuplicate(err)) throw refused();
    throw err;
  }
  if ((await heldBy()) !== holder) throw refused();
  lapsed.delete(holder);
  if (!renewals.has(holder)) {
    const timer = setInterval(() => void renewPause(holder).catch(() => undefined), LEASE_MS / 4);
    timer.unref();
    renewals.set(holder, timer);
  }
  const except = options.except ?? [];
  const deadline = Date.now() + (options.waitMs ?? WAIT_FOR_JOBS_MS);
  for (;;) {
    const busy = await JobModel.find(
      { status: "running", kind: { $nin: except }, workerId: { $ne: null }, heartbeatAt: { $gte: new Date(Date.now() - STALE_AFTER_MS) }, pausedBy: { $ne: holder } },
      { _id: 1 },
    ).lean();
    if (busy.length === 0) break;
    if (Date.now() > deadline) {
      log.warn("jobs", `pause ${holder}: jobs still in a batch after ${Math.round((options.waitMs ?? WAIT_FOR_JOBS_MS) / 1000)} s, going on`, { jobs: busy.map((j) => j._id) });
      break;
    }
    await sleep(POLL_MS);
  }
  return { continuous };
}

/** Lets the paused jobs go on. */
export async function releaseJobs(holder: string): Promise<void> {
  stopRenewing(holder);
  lapsed.delete(holder);
  await connectDb();
  await locks().deleteOne({ _id: PAUSE_ID, holder });
}

/**
 * Called by the job runner before each batch: while another holder pauses the jobs, marks this
 * job paused and waits (a cancel request ends the wait). False at once when nothing pauses; true after a wait.
 */
export async function waitWhilePaused(jobId: string, workerId: string): Promise<boolean> {
  let holder = await heldBy();
  if (!holder) return false;
  await JobModel.updateOne({ _id: jobId, workerId }, { $set: { pausedBy: holder, heartbeatAt: new Date() } });
  try {
    while (holder) {
      await sleep(POLL_MS);
      const job = await JobModel.findById(jobId, { cancelRequestedAt: 1, workerId: 1 }).lean();
      if (!job || job.cancelRequestedAt || job.workerId !== workerId) return true;
      const now = await heldBy();
      if (now && now !== holder) await JobModel.updateOne({ _id: jobId, workerId }, { $set: { pausedBy: now } });
      holder = now;
    }
  } finally {
    await JobModel.updateOne({ _id: jobId, workerId }, { $set: { pausedBy: null } });
  }
  return true;
}
