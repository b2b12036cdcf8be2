import { describe, expect, it } from "vitest";
import { isLinkUsable, linkState, type LinkFacts } from "./link-state";
import { hashBearerToken, isBearerToken, newBearerToken } from "../shared/bearer-token";

const now = new Date("2026-12-04T10:00:00Z");
const base: LinkFacts = { expiresAt: new Date("2026-12-11T10:00:00Z"), once: true, openedAt: null, submittedAt: null, revokedAt: null };

describe("self-fill link state", () => {
  it("derives 未打开 / 已打开 / 已提交 / 已过期 / 已撤销", () => {
    expect(linkState(base, now)).toBe("unopened");
    expect(linkState({ ...base, openedAt: now }, now)).toBe("opened");
    expect(linkState({ ...base, openedAt: now, submittedAt: now }, now)).toBe("submitted");
    expect(linkState({ ...base, expiresAt: now }, now)).toBe("expired");
    expect(linkState({ ...base, submittedAt: now, revokedAt: now }, now)).toBe("revoked");
  });

  it("is usable until it expires, is revoked, or (once) was submitted", () => {
    expect(isLinkUsable(base, now)).toBe(true);
    expect(isLinkUsable({ ...base, submittedAt: now }, now)).toBe(false);
    expect(isLinkUsable({ ...base, once: false, submittedAt: now }, now)).toBe(true);
    expect(isLinkUsable({ ...base, expiresAt: new Date(now.getTime() - 1) }, now)).toBe(false);
    expect(isLinkUsable({ ...base, revokedAt: now }, now)).toBe(false);
  });
});

describe("self-fill tokens", () => {
  it("are 32 random bytes, stored only as their SHA-256", () => {
    const a = newBearerToken();
    const b = newBearerToken();
    expect(a).not.toBe(b);
    expect(isBearerToken(a)).toBe(true);
    expect(Buffer.from(a, "base64url")).toHaveLength(32);
    expect(hashBearerToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashBearerToken(a)).toBe(hashBearerToken(a));
    expect(hashBearerToken(a)).not.toContain(a);
    expect(isBearerToken("short")).toBe(false);
    expect(isBearerToken(`${a.slice(0, 42)}/`)).toBe(false);
  });
});
