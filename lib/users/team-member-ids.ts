import "server-only";
import { cache } from "react";
import { connectDb } from "../db/connect";
import { TeamModel } from "../db/models/team";
import { UserModel } from "../db/models/user";

/**
 * The ids of everyone in a user's team, the user included; just the user when they are in no
 * team (or their team was deleted). Read fresh (once per request): a team change applies at once.
 */
export const teamMemberIds = cache(async (userId: string): Promise<string[]> => {
  await connectDb();
  const user = /^[a-f0-9]{24}$/.test(userId) ? await UserModel.findById(userId, { teamId: 1 }).lean() : null;
  const teamId = user?.teamId;
  if (!teamId || !(await TeamModel.exists({ _id: teamId }))) return [userId];
  const members = await UserModel.find({ teamId }, { _id: 1 }).lean();
  const ids = members.map((m) => String(m._id));
  return ids.includes(userId) ? ids : [userId, ...ids];
});
