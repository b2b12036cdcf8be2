import "server-only";
import { DomainError } from "../errors";
import { roleCan, type Actor, type Permission } from "./roles";

/** Throws 401 without an actor and 403 when the actor's role lacks the permission. */
export function assertCan(actor: Actor | null | undefined, permission: Permission): asserts actor is Actor {
  if (!actor) throw new DomainError("UNAUTHENTICATED", "请先登录");
  if (!roleCan(actor.role, permission)) throw new DomainError("FORBIDDEN", "没有权限执行此操作", { details: { permission } });
}
