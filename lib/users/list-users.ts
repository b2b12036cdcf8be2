import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { UserModel } from "../db/models/user";
import { toUserView } from "./map-user";
import type { UserView } from "./types";

/** All users, newest first (administrators only). */
export async function listUsers({ actor }: { actor: Actor | null }): Promise<UserView[]> {
  assertCan(actor, "user.manage");
  await connectDb();
  const docs = await UserModel.find({}).sort({ createdAt: 1 }).lean();
  return docs.map(toUserView);
}
