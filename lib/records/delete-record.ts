import "server-only";
import { roleCan, type Actor } from "../auth/roles";
import { DomainError, forbidden } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import type { RecordOperation } from "./write/record-operation";
import { writeRecord } from "./write/write-record";

/**
 * Moves a record to the recycle bin. Its data stays untouched and it can be restored; its unique
 * values are released so that a replacement record can use them. Agents may delete only records
 * they own. The caller names the revision it saw, like an edit: a delete without one is refused
 * as a stale one is, since it would throw away whatever was saved since the record was read.
 */
export async function deleteRecord(params: DeleteParams) {
  return writeRecord(deleteOperation(params));
}

export interface DeleteParams {
  actor: Actor | null;
  templateKey: string;
  recordId: string;
  expectedRevision: number | undefined;
  locale?: Locale;
  meta?: Record<string, unknown>;
}

/** The delete as the write pipeline runs it: alone (deleteRecord), or in a batch (writeRecords, the undo of an import). */
export function deleteOperation(params: DeleteParams): RecordOperation<{ id: string; revision: number }> {
  const { actor, templateKey, recordId, expectedRevision, locale = "zh", meta } = params;
  return {
    action: "record.delete",
    permission: "record.delete",
    actor,
    templateKey,
    locale,
    record: { id: recordId, in: "live" },
    expectedRevision,
    guard({ actor, existing }) {
      if (!roleCan(actor.role, "record.deleteAny") && existing!.ownerId !== actor.id) throw forbidden(msg("records.deleteOwnOnly"));
      if (expectedRevision === undefined) {
        const current = existing!;
        throw new DomainError("CONFLICT", msg("records.deleteRevisionRequired", { revision: current.revision }), {
          locale,
          details: { currentRevision: current.revision, updatedBy: current.updatedByName, updatedAt: current.updatedAt.toISOString(), changedFields: [] },
        });
      }
    },
    // `meta` says what the delete was part of (the undo of an import: { undoOfImport }), for the history.
    change: ({ actor }) => ({ trashed: true, set: { deletedAt: new Date(), deletedBy: actor.id, deletedByName: actor.name }, ...(meta ? { meta } : {}) }),
    result: (_, written) => ({ id: recordId, revision: written!.revision }),
  };
}
