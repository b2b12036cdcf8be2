import "server-only";
import { writeAuditEvent } from "../audit/write-audit-event";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { TeamModel } from "../db/models/team";
import { parseInput } from "../validation/parse-input";
import { toTeamView } from "./map-team";
import { teamNameTaken } from "./team-name-taken";
import type { TeamView } from "./types";
import { teamInput } from "./user-input";

/** Creates a team (administrators only); names are unique, so people pick the right one. */
export async function createTeam({ actor, input }: { actor: Actor | null; input: unknown }): Promise<TeamView> {
  assertCan(actor, "user.manage");
  const { name } = parseInput(teamInput, input);
  await connectDb();
  try {
    const view = toTeamView((await TeamModel.create({ name })).toObject());
    await writeAuditEvent({ id: `team:${view.id}:1`, actor, action: "team.create", entity: "team", entityId: view.id, meta: { name } });
    return view;
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw teamNameTaken();
    throw err;
  }
}
