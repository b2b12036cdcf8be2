import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { hashPassword, passwordProblem } from "../auth/password";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { UserModel } from "../db/models/user";
import { DomainError } from "../errors";
import { parseInput } from "../validation/parse-input";
import { toUserView } from "./map-user";
import type { UserView } from "./types";
import { createUserInput } from "./user-input";

/** Creates a user (administrators only). Emails are unique, case-insensitively. */
export async function createUser({ actor, input }: { actor: Actor | null; input: unknown }): Promise<UserView> {
  assertCan(actor, "user.manage");
  const data = parseInput(createUserInput, input);
  const problem = passwordProblem(data.password);
  if (problem) throw new DomainError("VALIDATION", problem, { fieldErrors: [{ path: "/password", label: "密码", message: problem, keyword: "password" }] });
  await connectDb();
  try {
    const doc = await UserModel.create({ email: data.email, name: data.name, role: data.role, passwordHash: await hashPassword(data.password) });
    const view = toUserView(doc.toObject());
    await writeAuditEvent({ id: `user:${view.id}:1`, actor, action: "user.create", entity: "user", entityId: view.id, meta: { email: view.email, role: view.role } });
    return view;
  } catch (err) {
    if ((err as { code?: number }).code === 11000)
      throw new DomainError("CONFLICT", "该邮箱已被使用", { fieldErrors: [{ path: "/email", label: "邮箱", message: "该邮箱已被使用", keyword: "unique" }] });
    throw err;
  }
}
