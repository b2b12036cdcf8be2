import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { TeamModel } from "../db/models/team";
import { DomainError, notFound } from "../errors";
import { msg } from "../i18n/messages";
import { parseInput } from "../validation/parse-input";
import { toTeamView } from "./map-team";
import { teamNameTaken } from "./team-name-taken";
import type { TeamView } from "./types";
import { teamInput } from "./user-input";

/** Renames a team (administrators only), guarded by the revision it was seen at. */
export async function renameTeam({ actor, teamId, input }: { actor: Actor | null; teamId: string; input: unknown }): Promise<TeamView> {
  assertCan(actor, "user.manage");
  const { name, revision } = parseInput(teamInput, input);
  if (!/^[a-f0-9]{24}$/.test(teamId)) throw notFound(msg("users.teamNotFound"));
  await connectDb();
  const before = await TeamModel.findById(teamId).lean();
  if (!before) throw notFound(msg("users.teamNotFound"));
  if (revision !== undefined && before.revision !== revision) throw new DomainError("CONFLICT", msg("users.teamChangedMeanwhile"));
  let doc;
  try {
    doc = await TeamModel.findOneAndUpdate({ _id: teamId, revision: before.revision }, { $set: { name }, $inc: { revision: 1 } }, { returnDocument: "after" }).lean();
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw teamNameTaken();
    throw err;
  }
  if (!doc) throw new DomainError("CONFLICT", msg("users.teamChangedMeanwhile"));
  const view = toTeamView(doc);
  await writeAuditEvent({ id: `team:${view.id}:${view.revision}`, actor, action: "team.rename", entity: "team", entityId: view.id, meta: { before: before.name, name } });
  return view;
}
