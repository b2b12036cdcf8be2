/**
 * Requests allowed per key (a link's token hash, a client address) in a sliding window, kept in
 * this process's memory: for public routes (calendar feeds, self-fill links), where the limit only
 * stops a leaked link or one address from hammering. Each app server counts on its own, so the
 * real allowance is this times the servers — enough for its purpose without a database write per
 * request.
 */
export class SlidingWindowLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max = 60,
    private readonly windowMs = 3_600_000,
  ) {}

  /** Seconds to wait before `key` may fetch again, or 0 (and the fetch is counted). */
  take(key: string, now = Date.now()): number {
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.hits.set(key, recent);
    // Keys nobody uses any more go when the map grows.
    if (this.hits.size > 10_000) for (const [k, times] of this.hits) if (times.every((t) => t <= since)) this.hits.delete(k);
    return 0;
  }
}
