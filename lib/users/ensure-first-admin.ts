import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { generatePassword, hashPassword } from "../auth/password";
import { connectDb } from "../db/connect";
import { UserModel } from "../db/models/user";
import { env } from "../env";

const SYSTEM = { id: "system", name: "系统", email: "system@dossier.local", role: "admin" as const };

/**
 * Creates the first administrator when there are no users: from DOSSIER_ADMIN_EMAIL and
 * DOSSIER_ADMIN_PASSWORD, or with a generated password printed once to the console.
 */
export async function ensureFirstAdmin(): Promise<{ email: string; password?: string } | null> {
  await connectDb();
  if (await UserModel.exists({})) return null;
  const password = env.adminPassword ?? generatePassword();
  try {
    const doc = await UserModel.create({ email: env.adminEmail, name: env.adminName, role: "admin", passwordHash: await hashPassword(password) });
    await writeAuditEvent({ id: `user:${doc._id}:1`, actor: SYSTEM, action: "user.create", entity: "user", entityId: String(doc._id), meta: { email: env.adminEmail, role: "admin", firstAdmin: true } });
  } catch (err) {
    // Another app server created it first.
    if ((err as { code?: number }).code === 11000) return null;
    throw err;
  }
  if (!env.adminPassword) {
    const line = "=".repeat(64);
    console.log(`\n${line}\n  首个管理员已创建 / First administrator created\n  邮箱 Email:    ${env.adminEmail}\n  密码 Password: ${password}\n  请登录后在“用户管理”中修改密码。This is shown only once.\n${line}\n`);
  }
  return { email: env.adminEmail, password: env.adminPassword ? undefined : password };
}
