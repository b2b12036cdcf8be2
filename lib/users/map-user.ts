import "server-only";
import type { Role } from "../shared/role";
import type { UserDoc } from "../db/models/user";
import type { UserView } from "./types";

/** Maps a user document to the view administrators see. */
export function toUserView(doc: UserDoc & { _id: unknown }): UserView {
  return {
    id: String(doc._id),
    email: doc.email,
    name: doc.name,
    role: doc.role as Role,
    active: doc.active ?? true,
    teamId: doc.teamId ?? null,
    lastLoginAt: doc.lastLoginAt ? doc.lastLoginAt.toISOString() : null,
    createdAt: doc.createdAt.toISOString(),
    revision: doc.revision ?? 1,
  };
}
