import "server-only";
import { connectDb } from "../db/connect";
import { LoginFailureModel } from "../db/models/user";
import { env } from "../env";

function windowMs() {
  return env.loginWindowSeconds * 1000;
}

/**
 * Failures allowed for a key: an account gets the configured number; a client address, which many
 * people behind one office NAT may share, its own (five times as many by default).
 */
function limitFor(key: string): number {
  return key.startsWith("ip:") ? env.loginMaxPerAddress : env.loginMaxAttempts;
}

/**
 * Seconds until `key` may try again, or 0 when it is not locked out. A key is locked while it has
 * the maximum number of failures within the last window (a sliding window), until the oldest of
 * those leaves it.
 */
export async function lockedFor(key: string, now = new Date()): Promise<number> {
  await connectDb();
  const since = new Date(now.getTime() - windowMs());
  const nth = await LoginFailureModel.find({ key, at: { $gt: since } }, { at: 1 })
    .sort({ at: -1 })
    .skip(limitFor(key) - 1)
    .limit(1)
    .lean();
  if (nth.length === 0) return 0;
  return Math.max(1, Math.ceil((nth[0].at.getTime() + windowMs() - now.getTime()) / 1000));
}

/** An attempt's place among `key`'s failures, taken before the password is checked. */
export interface Reservation {
  key: string;
  /** The failure record standing for this attempt; null when the attempt was refused. */
  id: string | null;
  /** Seconds until `key` may try again; 0 when this attempt may go on. */
  wait: number;
}

/**
 * Takes a place for one sign-in attempt before its password is checked: the attempt is stored as
 * a failure first, then counted with all the others. An insert is atomic (on FerretDB too), so
 * of attempts sent in parallel at most the allowance can see themselves within it — checking
 * first and recording afterwards let 10 of 20 parallel guesses through where 5 were allowed. An
 * attempt over the allowance takes its record back and is refused; a successful sign-in releases
 * its record (`release`); a failed one leaves it as the failure. Failures that have left the
 * window are forgotten on the way.
 */
export async function reserveAttempt(key: string, now = new Date()): Promise<Reservation> {
  await connectDb();
  const mine = await LoginFailureModel.create({ key, at: now });
  await LoginFailureModel.deleteMany({ key, at: { $lte: new Date(now.getTime() - windowMs()) } });
  const since = new Date(now.getTime() - windowMs());
  const over = await LoginFailureModel.find({ key, at: { $gt: since } }, { _id: 1 }).sort({ at: -1 }).skip(limitFor(key)).limit(1).lean();
  if (over.length === 0) return { key, id: String(mine._id), wait: 0 };
  await LoginFailureModel.deleteOne({ _id: mine._id });
  return { key, id: null, wait: Math.max(1, await lockedFor(key, now)) };
}

/** Takes back the failure records of attempts that did not fail (signed in, or refused for another reason). */
export async function release(reservations: Reservation[]): Promise<void> {
  const ids = reservations.map((r) => r.id).filter((id): id is string => id !== null);
  if (ids.length) await LoginFailureModel.deleteMany({ _id: { $in: ids } });
}

/** Forgets failures for `key` after a successful sign-in. */
export async function clearFailures(key: string): Promise<void> {
  await connectDb();
  await LoginFailureModel.deleteMany({ key });
}
