/**
 * The roles a user can have. On the ground floor because every floor speaks of them: the user
 * model stores one, audit events record the actor's, services check permissions by them, and the
 * browser shows them (labels, menus). What each role may do lives in lib/auth/roles.ts.
 */
export const ROLES = ["admin", "agent", "reviewer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** True for one of the known roles (a session token or a stored user may carry anything). */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
