import "server-only";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { writeRecord } from "./write/write-record";

/** Brings a record back from the recycle bin (administrators), re-claiming its unique values. */
export async function restoreRecord(params: { actor: Actor | null; templateKey: string; recordId: string; locale?: Locale }) {
  const { actor, templateKey, recordId, locale = "zh" } = params;
  const busy = () => new DomainError("CONFLICT", "记录刚被其他人修改，请刷新后重试");
  return writeRecord({
    action: "record.restore",
    permission: "record.restore",
    actor,
    templateKey,
    locale,
    record: { id: recordId, in: "trash" },
    change: ({ actor }) => ({ trashed: false, set: { deletedAt: null, deletedBy: null, deletedByName: null, updatedBy: actor.id, updatedByName: actor.name } }),
    onTaken: (conflicts) => new DomainError("CONFLICT", `无法恢复：${conflicts.map((c) => c.message).join("；")}`, { fieldErrors: conflicts }),
    onConflict: () => Promise.reject(busy()),
    result: (_, written) => ({ id: recordId, revision: written!.revision }),
  });
}
