import "server-only";
import { connectDb } from "../db/connect";
import { LoginFailureModel } from "../db/models/user";
import { env } from "../env";

function windowMs() {
  return env.loginWindowSeconds * 1000;
}

/**
 * Failures allowed for a key: an account gets the configured number; a client address, which many
 * people behind one office NAT may share, five times as many.
 */
function limitFor(key: string): number {
  return key.startsWith("ip:") ? env.loginMaxAttempts * 5 : env.loginMaxAttempts;
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

/** Counts a failed attempt for `key`, and forgets its failures that have left the window. */
export async function recordFailure(key: string, now = new Date()): Promise<void> {
  await connectDb();
  await LoginFailureModel.create({ key, at: now });
  await LoginFailureModel.deleteMany({ key, at: { $lte: new Date(now.getTime() - windowMs()) } });
}

/** Forgets failures for `key` after a successful sign-in. */
export async function clearFailures(key: string): Promise<void> {
  await connectDb();
  await LoginFailureModel.deleteMany({ key });
}
