import { SlidingWindowLimit } from "../shared/sliding-window-limit";
import { hashBearerToken } from "../shared/bearer-token";

/**
 * Rate limits of the public self-fill page and its submissions, shared by both: per link (a
 * customer opens and submits a few times; a leaked link cannot be hammered) and per client
 * address (one address cannot try link after link). Per app server, in memory.
 */
export const selfFillLimits = {
  perLink: new SlidingWindowLimit(30, 600_000),
  perAddress: new SlidingWindowLimit(120, 600_000),
};

/** The limiter key of a link: its token's hash, so no token sits in memory longer than needed. */
export function linkLimitKey(token: string): string {
  return `link:${hashBearerToken(token.slice(0, 100))}`;
}

/** Seconds to wait before this address may use this link again, or 0 (and the use is counted). */
export function takeSelfFillLimits(params: { token: string; ip: string }): number {
  return Math.max(selfFillLimits.perLink.take(linkLimitKey(params.token)), selfFillLimits.perAddress.take(`ip:${params.ip}`));
}
