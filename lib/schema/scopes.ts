import { ROLES, type Role } from "../shared/role";
import type { DataScope, ScopeSettings, TemplateContent } from "./types";

/** The data scopes a role may have in a template, narrowest first. */
export const DATA_SCOPES = ["own", "team", "all"] as const satisfies readonly DataScope[];

/** True for a scopes block of known roles, each with a known scope (a stored or imported version may carry anything). */
export function isScopeSettings(value: unknown): value is ScopeSettings {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  return Object.entries(value).every(([role, scope]) => (ROLES as readonly string[]).includes(role) && (DATA_SCOPES as readonly unknown[]).includes(scope));
}

/**
 * A role's data scope in a version: what its scopes block says, and "all" for a role it leaves
 * out or a version without one (saved before scopes existed), so nothing existing narrows by itself.
 * A block that is there but unreadable (a stored or restored version the checks never saw) fails
 * closed: every role reads only its own records until an admin publishes a valid block.
 */
export function scopeOf(content: Pick<TemplateContent, "scopes">, role: Role): DataScope {
  const scopes = content.scopes;
  if (scopes === undefined) return "all";
  if (!isScopeSettings(scopes)) return "own";
  return scopes[role] ?? "all";
}
