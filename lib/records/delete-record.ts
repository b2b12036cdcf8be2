import "server-only";
import { roleCan, type Actor } from "../auth/roles";
import { forbidden } from "../errors";
import type { Locale } from "../i18n/locale";
import { writeRecord } from "./write/write-record";

/**
 * Moves a record to the recycle bin. Its data stays untouched and it can be restored; its unique
 * values are released so that a replacement record can use them. Agents may delete only records
 * they own.
 */
export async function deleteRecord(params: { actor: Actor | null; templateKey: string; recordId: string; expectedRevision?: number; locale?: Locale }) {
  const { actor, templateKey, recordId, locale = "zh" } = params;
  return writeRecord({
    action: "record.delete",
    permission: "record.delete",
    actor,
    templateKey,
    locale,
    record: { id: recordId, in: "live" },
    expectedRevision: params.expectedRevision,
    guard({ actor, existing }) {
      if (!roleCan(actor.role, "record.deleteAny") && existing!.ownerId !== actor.id) throw forbidden("只能删除自己创建的记录");
    },
    change: ({ actor }) => ({ trashed: true, set: { deletedAt: new Date(), deletedBy: actor.id, deletedByName: actor.name } }),
    result: (_, written) => ({ id: recordId, revision: written!.revision }),
  });
}
