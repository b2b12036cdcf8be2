import "server-only";
import { connectDb } from "../db/connect";
import { LoginAttemptModel } from "../db/models/user";
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

/** Seconds until `key` may try again, or 0 when it is not locked out. */
export async function lockedFor(key: string, now = new Date()): Promise<number> {
  await connectDb();
  const doc = await LoginAttemptModel.findById(key).lean();
  if (!doc) return 0;
  const end = doc.windowStart.getTime() + windowMs();
  if (end <= now.getTime() || doc.count < limitFor(key)) return 0;
  return Math.ceil((end - now.getTime()) / 1000);
}

/** Counts a failed attempt for `key`, starting a new window when the old one has passed. */
export async function recordFailure(key: string, now = new Date()): Promise<void> {
  await connectDb();
  const expired = new Date(now.getTime() - windowMs());
  const reset = await LoginAttemptModel.updateOne(
    { _id: key, windowStart: { $lte: expired } },
    { $set: { count: 1, windowStart: now } },
  );
  if (reset.matchedCount > 0) return;
  try {
    await LoginAttemptModel.updateOne({ _id: key }, { $inc: { count: 1 }, $setOnInsert: { windowStart: now } }, { upsert: true });
  } catch (err) {
    // Two first failures at once: the loser's upsert hits the duplicate _id; count it again.
    if ((err as { code?: number }).code !== 11000) throw err;
    await LoginAttemptModel.updateOne({ _id: key }, { $inc: { count: 1 } });
  }
}

/** Forgets failures for `key` after a successful sign-in. */
export async function clearFailures(key: string): Promise<void> {
  await connectDb();
  await LoginAttemptModel.deleteOne({ _id: key });
}
