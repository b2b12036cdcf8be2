import "server-only";
import { randomUUID } from "node:crypto";
import { writeAuditEvent } from "../audit/write-audit-event";
import { connectDb } from "../db/connect";
import { UserModel } from "../db/models/user";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { clearFailures, release, reserveAttempt } from "./rate-limit";
import { verifyAgainstDummy, verifyPassword } from "./password";
import type { Role } from "../shared/role";
import type { Actor } from "./roles";

/**
 * Checks credentials, rate-limited per account and per client address. The same message for an
 * unknown account and a wrong password, and the same time spent, so accounts cannot be probed.
 * Each attempt, good or refused, is audited.
 */
export async function authenticate({ email, password, ip }: { email: string; password: string; ip: string }): Promise<Actor> {
  const normalized = email.trim().toLowerCase();
  const keys = [`email:${normalized}`, `ip:${ip}`];
  await connectDb();
  // Each attempt takes its place among the failures first, so parallel guesses cannot all pass the check.
  const reservations = await Promise.all(keys.map((k) => reserveAttempt(k)));
  const wait = Math.max(...reservations.map((r) => r.wait));
  if (wait > 0) {
    await release(reservations);
    await auditSignIn({ email: normalized, ip, outcome: "locked" });
    throw new DomainError("RATE_LIMITED", msg("auth.lockedOut", { minutes: Math.ceil(wait / 60) }));
  }
  const user = normalized ? await UserModel.findOne({ email: normalized }).lean() : null;
  const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
  if (!user || !ok) {
    // The reservations stay: they are this attempt's failures.
    await auditSignIn({ email: normalized, ip, outcome: user ? "wrongPassword" : "unknownAccount", user });
    throw new DomainError("UNAUTHENTICATED", msg("auth.badCredentials"));
  }
  // Only someone who knows the password learns that the account exists but is deactivated.
  if (!user.active) {
    await release(reservations);
    await auditSignIn({ email: normalized, ip, outcome: "inactive", user });
    throw new DomainError("UNAUTHENTICATED", msg("auth.inactive"));
  }
  await release(reservations);
  await clearFailures(keys[0]);
  await UserModel.updateOne({ _id: user._id }, { $set: { lastLoginAt: new Date() } });
  await auditSignIn({ email: normalized, ip, outcome: "ok", user });
  return { id: String(user._id), name: user.name, email: user.email, role: user.role as Role };
}

type SignInOutcome = "ok" | "wrongPassword" | "unknownAccount" | "inactive" | "locked";

/**
 * Every sign-in and every refused one is an audit event: on the account when it exists (so an
 * administrator sees who tried whose password), else on the system with the email that was typed.
 * Never the password.
 */
async function auditSignIn(params: { email: string; ip: string; outcome: SignInOutcome; user?: { _id: unknown; name: string; role: string } | null }) {
  const { email, ip, outcome, user } = params;
  const userId = user ? String(user._id) : null;
  const shortEmail = email.slice(0, 200);
  await writeAuditEvent({
    id: `signin:${Date.now()}:${randomUUID()}`,
    // Until the password is right, whoever typed it is nobody we know.
    actor: outcome === "ok" && userId && user ? { id: userId, name: user.name, role: user.role as Role } : { id: "anonymous", name: shortEmail || "（空）", role: "viewer" },
    action: outcome === "ok" ? "auth.signIn" : "auth.signInFailed",
    entity: userId ? "user" : "system",
    entityId: userId ?? "signin",
    meta: { email: shortEmail, ip, ...(outcome === "ok" ? {} : { reason: outcome }) },
  });
}
