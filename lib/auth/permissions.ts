import "server-only";
import { DomainError } from "../errors";
import { msg } from "../i18n/messages";
import { roleCan, type Actor, type Permission } from "./roles";

/** Throws 401 without an actor and 403 when the actor's role lacks the permission. */
export function assertCan(actor: Actor | null | undefined, permission: Permission): asserts actor is Actor {
  if (!actor) throw new DomainError("UNAUTHENTICATED", msg("auth.signInFirst"));
  if (!roleCan(actor.role, permission)) throw new DomainError("FORBIDDEN", msg("auth.forbidden"), { details: { permission } });
}
