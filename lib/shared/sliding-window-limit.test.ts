import { describe, expect, it } from "vitest";
import { SlidingWindowLimit } from "./sliding-window-limit";

describe("sliding-window rate limit", () => {
  it("allows `max` fetches per window and key, then says how long to wait", () => {
    const limit = new SlidingWindowLimit(3, 60_000);
    const t0 = 1_000_000;
    expect([limit.take("a", t0), limit.take("a", t0 + 1000), limit.take("a", t0 + 2000)]).toEqual([0, 0, 0]);
    expect(limit.take("a", t0 + 3000)).toBe(57);
    // Another link has its own allowance.
    expect(limit.take("b", t0 + 3000)).toBe(0);
    // The oldest fetch leaves the window: one more is allowed.
    expect(limit.take("a", t0 + 60_001)).toBe(0);
    expect(limit.take("a", t0 + 60_002)).toBeGreaterThan(0);
  });
});
