import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { connectDb } from "../db/connect";
import { UserModel } from "../db/models/user";
import { authOptions } from "./options";
import type { Role } from "../shared/role";
import type { Actor } from "./roles";

/**
 * The signed-in user, re-read from the database once per request so that a deactivated account
 * or a changed role takes effect immediately rather than when the session token expires.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id || !/^[a-f0-9]{24}$/.test(id)) return null;
  await connectDb();
  const user = await UserModel.findById(id).lean();
  if (!user || !user.active) return null;
  return { id, name: user.name, email: user.email, role: user.role as Role, kind: "user" };
});

/** The signed-in user for a page; sends anyone else to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  return actor;
}
