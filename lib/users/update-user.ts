import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { hashPassword, passwordProblem } from "../auth/password";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { claimRevision } from "../db/claim-revision";
import { connectDb } from "../db/connect";
import { UserModel } from "../db/models/user";
import { DomainError, notFound } from "../errors";
import { parseInput } from "../validation/parse-input";
import { toUserView } from "./map-user";
import type { UserView } from "./types";
import { updateUserInput } from "./user-input";

/**
 * Changes a user's name, role, active flag or password (administrators only). An administrator
 * cannot demote or deactivate themselves, so there is always someone left to manage users.
 */
export async function updateUser({ actor, userId, input }: { actor: Actor | null; userId: string; input: unknown }): Promise<UserView> {
  assertCan(actor, "user.manage");
  const data = parseInput(updateUserInput, input);
  if (userId === actor.id && ((data.role && data.role !== "admin") || data.active === false))
    throw new DomainError("BAD_REQUEST", "不能降低自己的角色或停用自己的账号");
  await connectDb();
  if (!/^[a-f0-9]{24}$/.test(userId)) throw notFound("用户不存在");
  const set: Record<string, unknown> = {};
  if (data.name !== undefined) set.name = data.name;
  if (data.role !== undefined) set.role = data.role;
  if (data.active !== undefined) set.active = data.active;
  if (data.password !== undefined) {
    const problem = passwordProblem(data.password);
    if (problem) throw new DomainError("VALIDATION", problem, { fieldErrors: [{ path: "/password", label: "密码", message: problem, keyword: "password" }] });
    set.passwordHash = await hashPassword(data.password);
  }
  // FerretDB applies filtered updates as read-then-write: the claim keeps two edits from both landing.
  const release = await claimRevision({
    entity: "user",
    id: userId,
    expected: data.revision,
    currentRevision: async () => (await UserModel.findById(userId, { revision: 1 }).lean())?.revision ?? null,
  });
  if (!release) throw new DomainError("CONFLICT", "该用户刚被其他人修改，请刷新后重试");
  const doc = await UserModel.findOneAndUpdate({ _id: userId, revision: data.revision }, { $set: set, $inc: { revision: 1 } }, { returnDocument: "after" })
    .lean()
    .finally(release);
  if (!doc) {
    if (!(await UserModel.exists({ _id: userId }))) throw notFound("用户不存在");
    throw new DomainError("CONFLICT", "该用户刚被其他人修改，请刷新后重试");
  }
  const view = toUserView(doc);
  const { password: _pw, revision: _rev, ...visible } = data;
  await writeAuditEvent({
    id: `user:${view.id}:${view.revision}`,
    actor,
    action: "user.update",
    entity: "user",
    entityId: view.id,
    meta: { ...visible, passwordChanged: data.password !== undefined },
  });
  return view;
}
