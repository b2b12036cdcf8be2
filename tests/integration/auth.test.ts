import { afterEach, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { LoginFailureModel, UserModel } from "@/lib/db/models/user";
import { DomainError } from "@/lib/errors";
import { Cleanup, expectDomainError, makeUser, unique } from "./support/fixtures";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());

const PASSWORD = "Right12345";
/** A client address of this test only, so rate limits of tests never meet. */
function ip(): string {
  const address = unique("10.0.");
  cleanup.loginKeys.push(`ip:${address}`);
  return address;
}

describe("authenticate", () => {
  it("audits every sign-in and every refusal, never the password", async () => {
    const user = await makeUser({ role: "agent", password: PASSWORD, cleanup });
    const from = ip();
    await expectDomainError(authenticate({ email: user.email, password: "Wrong12345", ip: from }), "UNAUTHENTICATED");
    await authenticate({ email: user.email, password: PASSWORD, ip: from });
    const nobody = `nobody-${unique()}@test.local`.toLowerCase();
    await expectDomainError(authenticate({ email: nobody, password: "Guess12345", ip: from }), "UNAUTHENTICATED");

    const onUser = await AuditEventModel.find({ entity: "user", entityId: user.id }).sort({ at: 1 }).lean();
    expect(onUser.map((e) => [e.action, e.actorId, (e.meta as Record<string, unknown>).reason])).toEqual([
      ["auth.signInFailed", "anonymous", "wrongPassword"],
      ["auth.signIn", user.id, undefined],
    ]);
    expect(onUser[0].meta).toMatchObject({ email: user.email, ip: from });
    const unknown = await AuditEventModel.find({ entity: "system", "meta.email": nobody }).lean();
    expect(unknown.map((e) => [e.action, (e.meta as Record<string, unknown>).reason])).toEqual([["auth.signInFailed", "unknownAccount"]]);
    expect(JSON.stringify([...onUser, ...unknown])).not.toMatch(/Wrong12345|Guess12345|Right12345/);
    await AuditEventModel.deleteMany({ _id: { $in: unknown.map((e) => e._id) } });
  });


  it("signs in with the right password, any email case, and notes the time", async () => {
    const user = await makeUser({ role: "agent", password: PASSWORD, cleanup });
    const actor = await authenticate({ email: ` ${user.email.toUpperCase()} `, password: PASSWORD, ip: ip() });
    expect(actor).toEqual({ id: user.id, name: user.name, email: user.email, role: "agent" });
    expect((await UserModel.findById(user.id).lean())?.lastLoginAt).toBeInstanceOf(Date);
  });

  it("gives the same answer for a wrong password and an unknown account", async () => {
    const user = await makeUser({ role: "agent", password: PASSWORD, cleanup });
    const wrong = await expectDomainError(authenticate({ email: user.email, password: "Wrong12345", ip: ip() }), "UNAUTHENTICATED");
    const unknown = await expectDomainError(authenticate({ email: `nobody-${unique()}@test.local`, password: PASSWORD, ip: ip() }), "UNAUTHENTICATED");
    expect(wrong.message).toBe("邮箱或密码不正确");
    expect(unknown.message).toBe(wrong.message);
  });

  it("locks an account after 5 failures, even for the right password and from another address", async () => {
    const user = await makeUser({ role: "agent", password: PASSWORD, cleanup });
    const other = await makeUser({ role: "agent", password: PASSWORD, cleanup });
    const from = ip();
    for (let i = 0; i < 5; i++) await expectDomainError(authenticate({ email: user.email, password: `Wrong${i}xyz`, ip: from }), "UNAUTHENTICATED");
    const locked = await expectDomainError(authenticate({ email: user.email, password: PASSWORD, ip: from }), "RATE_LIMITED");
    expect(locked.status).toBe(429);
    expect(locked.message).toMatch(/^登录失败次数过多，请 \d+ 分钟后再试$/);
    await expectDomainError(authenticate({ email: user.email, password: PASSWORD, ip: ip() }), "RATE_LIMITED");
    // Per email: another account from a fresh address is not affected…
    expect((await authenticate({ email: other.email, password: PASSWORD, ip: ip() })).id).toBe(other.id);
    // …nor is another account from the same address: people behind one office NAT share it.
    expect((await authenticate({ email: other.email, password: PASSWORD, ip: from })).id).toBe(other.id);
  });

  it("holds back an address after five times an account's allowance, whatever accounts it tries", async () => {
    const user = await makeUser({ role: "agent", password: PASSWORD, cleanup });
    const from = ip();
    for (let i = 0; i < 25; i++) await expectDomainError(authenticate({ email: `nobody-${i}-${Date.now()}@test.local`, password: "Wrong12345", ip: from }), "UNAUTHENTICATED");
    await expectDomainError(authenticate({ email: user.email, password: PASSWORD, ip: from }), "RATE_LIMITED");
    expect((await authenticate({ email: user.email, password: PASSWORD, ip: ip() })).id).toBe(user.id);
  });

  it("four failures do not lock, and a success clears the account's count", async () => {
    const user = await makeUser({ role: "agent", password: PASSWORD, cleanup });
    for (let i = 0; i < 4; i++) await expectDomainError(authenticate({ email: user.email, password: "Wrong12345", ip: ip() }), "UNAUTHENTICATED");
    expect((await authenticate({ email: user.email, password: PASSWORD, ip: ip() })).id).toBe(user.id);
    for (let i = 0; i < 4; i++) await expectDomainError(authenticate({ email: user.email, password: "Wrong12345", ip: ip() }), "UNAUTHENTICATED");
    expect((await authenticate({ email: user.email, password: PASSWORD, ip: ip() })).id).toBe(user.id);
  });

  it("never checks more passwords than allowed, however many guesses arrive at once", async () => {
    const user = await makeUser({ role: "agent", password: PASSWORD, cleanup });
    const from = ip();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => authenticate({ email: user.email, password: "Wrong12345", ip: from })));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    // A password was checked only for guesses answered "wrong password"; the rest were refused
    // as locked out without a check. Checking first and counting afterwards let 10 of 20 through.
    // (Guesses that overlap may all be refused: each counts the others' places. Safe, and only a
    // burst at one account or address sees it.)
    const checked = results.filter((r) => r.status === "rejected" && (r.reason as DomainError).code === "UNAUTHENTICATED").length;
    expect(checked).toBeLessThanOrEqual(5);
    // Every checked guess is a counted failure, and nothing else is.
    expect(await LoginFailureModel.countDocuments({ key: `email:${user.email}` })).toBe(checked);
    // Fill the allowance one at a time: then even the right password is refused.
    for (let i = checked; i < 5; i++) await expectDomainError(authenticate({ email: user.email, password: "Wrong12345", ip: ip() }), "UNAUTHENTICATED");
    await expectDomainError(authenticate({ email: user.email, password: PASSWORD, ip: ip() }), "RATE_LIMITED");
    expect(await LoginFailureModel.countDocuments({ key: `email:${user.email}` })).toBe(5);
  });

  it("unlocks when the failures leave the window", async () => {
    const user = await makeUser({ role: "agent", password: PASSWORD, cleanup });
    for (let i = 0; i < 5; i++) await expectDomainError(authenticate({ email: user.email, password: "Wrong12345", ip: ip() }), "UNAUTHENTICATED");
    await expectDomainError(authenticate({ email: user.email, password: PASSWORD, ip: ip() }), "RATE_LIMITED");
    // Age the failures past the 15-minute window.
    await LoginFailureModel.updateMany({ key: `email:${user.email}` }, { $set: { at: new Date(Date.now() - 16 * 60 * 1000) } });
    expect((await authenticate({ email: user.email, password: PASSWORD, ip: ip() })).id).toBe(user.id);
  });

  it("refuses an inactive user, even with the right password", async () => {
    const user = await makeUser({ role: "admin", password: PASSWORD, active: false, cleanup });
    const err = await expectDomainError(authenticate({ email: user.email, password: PASSWORD, ip: ip() }), "UNAUTHENTICATED");
    expect(err.message).toBe("账号已停用，请联系管理员");
    // With a wrong password nothing tells the account exists.
    const wrong = await expectDomainError(authenticate({ email: user.email, password: "Wrong12345", ip: ip() }), "UNAUTHENTICATED");
    expect(wrong.message).toBe("邮箱或密码不正确");
  });
});
