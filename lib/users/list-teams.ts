import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { TeamModel } from "../db/models/team";
import { toTeamView } from "./map-team";
import type { TeamView } from "./types";

/** All teams by name (administrators only: the users page assigns people to them). */
export async function listTeams({ actor }: { actor: Actor | null }): Promise<TeamView[]> {
  assertCan(actor, "user.manage");
  await connectDb();
  const docs = await TeamModel.find({}).sort({ name: 1 }).lean();
  return docs.map(toTeamView);
}
