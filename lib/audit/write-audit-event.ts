import "server-only";
import { connectDb } from "../db/connect";
import { AuditEventModel } from "../db/models/audit-event";
import type { FieldChange } from "../shared/field-change";
import { storedChanges } from "./audit-changes";
import type { Role } from "../shared/role";
import { log } from "../log/log";

/** Who acted, as an audit event records it (any signed-in actor, or the system acting for one). */
export interface AuditActor {
  id: string;
  name: string;
  role: Role;
}

export interface AuditInput {
  /** Deterministic id of the change, so that a retried write is not recorded twice. */
  id: string;
  actor: AuditActor;
  action: string;
  entity: "record" | "template" | "user" | "team" | "system";
  entityId: string;
  templateKey?: string;
  revision?: number;
  changes?: FieldChange[];
  meta?: Record<string, unknown>;
  at?: Date;
}

/** The stored form of an event (one builder, so single and bulk writes store the same thing). */
export function toAuditDoc(input: AuditInput) {
  return {
    at: input.at ?? new Date(),
    actorId: input.actor.id,
    actorName: input.actor.name,
    actorRole: input.actor.role,
    action: input.action,
    entity: input.entity,
    entityId: input.entityId,
    templateKey: input.templateKey ?? null,
    revision: input.revision ?? null,
    // One string, not an array of sub-documents: see storedChanges. Read back with auditChanges.
    changes: input.changes ? storedChanges(input.changes) : undefined,
    meta: input.meta,
  };
}

/**
 * Appends an audit event. Called right after the write it describes; the write is already
 * committed, so a failure here is logged loudly rather than undoing the user's work.
 */
export async function writeAuditEvent(input: AuditInput): Promise<void> {
  await connectDb();
  try {
    await AuditEventModel.updateOne({ _id: input.id }, { $setOnInsert: toAuditDoc(input) }, { upsert: true });
  } catch (err) {
    log.error("audit", `could not record ${input.action} on ${input.entity} ${input.entityId}`, err);
  }
}
