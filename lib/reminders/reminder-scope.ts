import "server-only";
import { roleCan, type Actor } from "../auth/roles";

/**
 * Whose reminders an actor works: agents their own customers' (records they own), administrators
 * and reviewers everyone's. Viewers act on nothing, so they have none. `null`: everyone's.
 */
export function reminderOwner(actor: Actor): string | null | "none" {
  if (!roleCan(actor.role, "record.update")) return "none";
  return actor.role === "agent" ? actor.id : null;
}
