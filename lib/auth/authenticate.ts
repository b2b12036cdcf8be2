import "server-only";
import { connectDb } from "../db/connect";
import { UserModel } from "../db/models/user";
import { DomainError } from "../errors";
import { clearFailures, lockedFor, recordFailure } from "./rate-limit";
import { verifyAgainstDummy, verifyPassword } from "./password";
import type { Actor, Role } from "./roles";

/**
 * Checks credentials, rate-limited per account and per client address. The same message for an
 * unknown account and a wrong password, and the same time spent, so accounts cannot be probed.
 */
export async function authenticate({ email, password, ip }: { email: string; password: string; ip: string }): Promise<Actor> {
  const normalized = email.trim().toLowerCase();
  const keys = [`email:${normalized}`, `ip:${ip}`];
  await connectDb();
  const wait = Math.max(...(await Promise.all(keys.map((k) => lockedFor(k)))));
  if (wait > 0) throw new DomainError("RATE_LIMITED", `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`);
  const user = normalized ? await UserModel.findOne({ email: normalized }).lean() : null;
  const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
  if (!user || !ok) {
    await Promise.all(keys.map((k) => recordFailure(k)));
    throw new DomainError("UNAUTHENTICATED", "邮箱或密码不正确");
  }
  // Only someone who knows the password learns that the account exists but is deactivated.
  if (!user.active) throw new DomainError("UNAUTHENTICATED", "账号已停用，请联系管理员");
  await clearFailures(keys[0]);
  await UserModel.updateOne({ _id: user._id }, { $set: { lastLoginAt: new Date() } });
  return { id: String(user._id), name: user.name, email: user.email, role: user.role as Role };
}
