import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { hashPassword, passwordRule } from "../auth/password";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { claimRevision } from "../db/claim-revision";
import { connectDb } from "../db/connect";
import { TeamModel } from "../db/models/team";
import { UserModel } from "../db/models/user";
import { DomainError, notFound } from "../errors";
import { msg } from "../i18n/messages";
import { parseInput } from "../validation/parse-input";
import { toUserView } from "./map-user";
import { weakPassword } from "./weak-password";
import type { UserView } from "./types";
import { updateUserInput } from "./user-input";

/**
 * Changes a user's name, role, active flag, team or password (administrators only). An administrator
 * cannot demote or deactivate themselves, so there is always someone left to manage users.
 */
export async function updateUser({ actor, userId, input }: { actor: Actor | null; userId: string; input: unknown }): Promise<UserView> {
  assertCan(actor, "user.manage");
  const data = parseInput(updateUserInput, input);
  if (userId === actor.id && ((data.role && data.role !== "admin") || data.active === false))
    throw new DomainError("BAD_REQUEST", msg("users.selfDemote"));
  await connectDb();
  if (!/^[a-f0-9]{24}$/.test(userId)) throw notFound(msg("users.notFound"));
  const set: Record<string, unknown> = {};
  if (data.name !== undefined) set.name = data.name;
  if (data.role !== undefined) set.role = data.role;
  if (data.active !== undefined) set.active = data.active;
  if (data.teamId !== undefined) {
    if (data.teamId !== null && !(await TeamModel.exists({ _id: data.teamId })))
      throw new DomainError("VALIDATION", msg("users.teamNotFound"), { fieldErrors: [{ path: "/teamId", label: msg("users.teamNotFound"), message: msg("users.teamNotFound"), keyword: "exists" }] });
    set.teamId = data.teamId;
  }
  if (data.password !== undefined) {
    const weak = passwordRule(data.password);
    if (weak) throw weakPassword(weak);
    set.passwordHash = await hashPassword(data.password);
  }
  // FerretDB applies filtered updates as read-then-write: the claim keeps two edits from both landing.
  const release = await claimRevision({
    entity: "user",
    id: userId,
    expected: data.revision,
    currentRevision: async () => (await UserModel.findById(userId, { revision: 1 }).lean())?.revision ?? null,
  });
  if (!release) throw new DomainError("CONFLICT", msg("users.changedMeanwhile"));
  const doc = await UserModel.findOneAndUpdate({ _id: userId, revision: data.revision }, { $set: set, $inc: { revision: 1 } }, { returnDocument: "after" })
    .lean()
    .finally(release);
  if (!doc) {
    if (!(await UserModel.exists({ _id: userId }))) throw notFound(msg("users.notFound"));
    throw new DomainError("CONFLICT", msg("users.changedMeanwhile"));
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
