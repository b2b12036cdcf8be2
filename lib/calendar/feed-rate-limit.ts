/**
 * Fetches allowed per calendar link in a sliding window, kept in this process's memory. Calendar
 * apps poll about hourly; the limit only stops a leaked link from being hammered. Each app server
 * counts on its own, so the real allowance is this times the servers — enough for its purpose
 * without a database write per fetch.
 */
export class FeedRateLimit {
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
    // Keys of links nobody fetches any more go when the map grows.
    if (this.hits.size > 10_000) for (const [k, times] of this.hits) if (times.every((t) => t <= since)) this.hits.delete(k);
    return 0;
  }
}
