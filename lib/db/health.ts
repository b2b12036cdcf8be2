/**
 * Whether the database is known to be away, shared by everything in the process: the connection's
 * own events (the driver notices a dead server within its heartbeat) and failed requests mark it,
 * and the proxy and the route wrapper read it to answer "unavailable" at once instead of letting
 * each request wait for the driver's timeout. Kept on `globalThis` so that the proxy's bundle and
 * the app's see the same state. No imports: the proxy loads it.
 */
interface Health {
  /** The connection reported itself disconnected and has not reconnected since. */
  disconnected: boolean;
  /** When a request last failed because the database was unavailable (ms since epoch), or 0. */
  lastFailureAt: number;
}

const g = globalThis as unknown as { __dossierDbHealth?: Health };
const health: Health = (g.__dossierDbHealth ??= { disconnected: false, lastFailureAt: 0 });

/**
 * How long one failed request keeps the database "away" without a disconnect event: long enough
 * that a burst of page loads does not each wait for the driver's timeout, short enough that a
 * database that is back is used again within seconds.
 */
export const FAILURE_HOLD_MS = 3_000;

/** The connection said it lost (true) or found (false) the database. */
export function markConnection(disconnected: boolean): void {
  health.disconnected = disconnected;
  if (!disconnected) health.lastFailureAt = 0;
}

/** A request failed because the database was unavailable. */
export function markUnavailable(now = Date.now()): void {
  health.lastFailureAt = now;
}

/** True while the database is known to be away. */
export function databaseAway(now = Date.now()): boolean {
  return health.disconnected || (health.lastFailureAt > 0 && now - health.lastFailureAt < FAILURE_HOLD_MS);
}
