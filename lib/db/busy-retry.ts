import { log } from "../log/log";

/**
 * True for a write the database refused because another connection held the file: the embedded
 * database (FerretDB on SQLite) answers `database is locked (5) (SQLITE_BUSY)` as an InternalError.
 * Such a statement ran in a transaction that was rolled back, so nothing of it was written and
 * running the same operation again is safe. (Seen in CI: a migration's findOneAndUpdate met a
 * background search-text backfill at the same moment and stopped the whole job.)
 * A real MongoDB labels its own retryable failures; those count too.
 */
export function isBusyError(err: unknown): boolean {
  const e = err as { message?: unknown; errmsg?: unknown; errorLabels?: unknown; errorLabelSet?: unknown; hasErrorLabel?: (l: string) => boolean } | null;
  if (!e || typeof e !== "object") return false;
  const text = `${typeof e.message === "string" ? e.message : ""} ${typeof e.errmsg === "string" ? e.errmsg : ""}`;
  if (/SQLITE_BUSY|database is locked/.test(text)) return true;
  try {
    return typeof e.hasErrorLabel === "function" && (e.hasErrorLabel("TransientTransactionError") || e.hasErrorLabel("RetryableWriteError"));
  } catch {
    return false;
  }
}

/** How long to wait before attempt `n` (1-based): 100 ms, 200, 400, 800, 1.6 s, with ±25 % jitter. */
export const busyDelayMs = (n: number) => 100 * 2 ** (n - 1) * (0.75 + Math.random() / 2);

/**
 * Runs `op`, and again (up to `attempts` times in all, backing off) while it fails with a busy
 * database (isBusyError). Any other error, or the last busy one, is thrown. Only for operations
 * that are safe to repeat after such a failure: one statement, or a whole idempotent step.
 */
export async function retryBusy<T>(what: string, op: () => Promise<T>, options: { attempts?: number; delayMs?: (n: number) => number } = {}): Promise<T> {
  const { attempts = 6, delayMs = busyDelayMs } = options;
  for (let n = 1; ; n++) {
    try {
      return await op();
    } catch (err) {
      if (n >= attempts || !isBusyError(err)) throw err;
      log.warn("db", `${what}: database busy, attempt ${n + 1} of ${attempts}`);
      await new Promise((r) => setTimeout(r, delayMs(n)));
    }
  }
}
