import type { Role } from "../shared/role";

export type Permission =
  | "record.read"
  | "record.create"
  | "record.update"
  | "record.delete"
  | "record.deleteAny"
  | "record.restore"
  | "record.transfer"
  | "record.verify"
  | "pii.reveal"
  | "template.read"
  | "template.manage"
  | "user.manage"
  | "system.backup"
  | "demo.load";

const MATRIX: Record<Role, readonly Permission[]> = {
  admin: [
    "record.read",
    "record.create",
    "record.update",
    "record.delete",
    "record.deleteAny",
    "record.restore",
    // Hands records to another owner (issue 11): who owns a record decides who sees it (data scopes).
    "record.transfer",
    "record.verify",
    "pii.reveal",
    "template.read",
    "template.manage",
    "user.manage",
    "system.backup",
    "demo.load",
  ],
  // Agents keep customer files: they create and edit, and may delete only the files they own.
  agent: ["record.read", "record.create", "record.update", "record.delete", "pii.reveal", "template.read"],
  // Reviewers double-check entered data (核对, never their own changes), so they correct it too, but do not create or delete.
  reviewer: ["record.read", "record.update", "record.verify", "pii.reveal", "template.read"],
  viewer: ["record.read", "template.read"],
};

/** True when the role grants the permission. */
export function roleCan(role: Role, permission: Permission): boolean {
  return MATRIX[role]?.includes(permission) ?? false;
}

/**
 * Who is acting: the signed-in user as the services see them, or (`kind: "link"`) a customer
 * submitting through a self-fill link, acting for the agent who made the link — with that agent's
 * id and role, so the records service applies the agent's permissions, and the kind, so a service
 * can tell a self-fill submission apart. Left out, the kind is "user".
 */
export interface Actor {
  id: string;
  name: string;
  email: string;
  role: Role;
  kind?: "user" | "link";
}
