/** What the agent sees of a link: 未打开 / 已打开 / 已提交 / 已过期 / 已撤销. */
export type LinkState = "unopened" | "opened" | "submitted" | "expired" | "revoked";

/** The stored facts a link's state follows from. */
export interface LinkFacts {
  expiresAt: Date;
  once: boolean;
  openedAt: Date | null;
  submittedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * The state shown for a link: a revoke wins, then a submission (the customer's part is done, even
 * if a link valid until expiry could take another), then the expiry, then whether it was opened.
 */
export function linkState(link: LinkFacts, now = new Date()): LinkState {
  if (link.revokedAt) return "revoked";
  if (link.submittedAt) return "submitted";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  return link.openedAt ? "opened" : "unopened";
}

/**
 * True when the link may still be opened and submitted: not revoked, not expired, and not a
 * use-once link already submitted. Every other link gets the same "not available" page.
 */
export function isLinkUsable(link: LinkFacts, now = new Date()): boolean {
  if (link.revokedAt || link.expiresAt.getTime() <= now.getTime()) return false;
  return !(link.once && link.submittedAt);
}
