import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { TeamModel } from "../db/models/team";
import { UserModel } from "../db/models/user";
import { DomainError, notFound } from "../errors";
import { msg } from "../i18n/messages";
import { parseInput } from "../validation/parse-input";
import { teamRevisionInput } from "./user-input";

/**
 * Deletes a team (administrators only). Its members keep their accounts and records and are in
 * no team afterwards, so a "team" scope shows them their own records until they join another.
 */
export async function deleteTeam({ actor, teamId, input }: { actor: Actor | null; teamId: string; input: unknown }): Promise<{ members: number }> {
  assertCan(actor, "user.manage");
  const { revision } = parseInput(teamRevisionInput, input);
  if (!/^[a-f0-9]{24}$/.test(teamId)) throw notFound(msg("users.teamNotFound"));
  await connectDb();
  const doc = await TeamModel.findOneAndDelete({ _id: teamId, revision }).lean();
  if (!doc) {
    if (!(await TeamModel.exists({ _id: teamId }))) throw notFound(msg("users.teamNotFound"));
    throw new DomainError("CONFLICT", msg("users.teamChangedMeanwhile"));
  }
  // Members leave after the team is gone: a retry after a crash in between finds no team and the
  // members still pointing at it read as in no team anyway (teamMemberIds checks the team).
  const { modifiedCount } = await UserModel.updateMany({ teamId }, { $set: { teamId: null }, $inc: { revision: 1 } });
  await writeAuditEvent({ id: `team:${teamId}:deleted`, actor, action: "team.delete", entity: "team", entityId: teamId, meta: { name: doc.name, members: modifiedCount } });
  return { members: modifiedCount };
}
