import "server-only";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg, translate } from "../i18n/messages";
import { writeRecord } from "./write/write-record";

/** Brings a record back from the recycle bin (administrators), re-claiming its unique values. */
export async function restoreRecord(params: { actor: Actor | null; templateKey: string; recordId: string; locale?: Locale }) {
  const { actor, templateKey, recordId, locale = "zh" } = params;
  const busy = () => new DomainError("CONFLICT", msg("records.restoreBusy"));
  return writeRecord({
    action: "record.restore",
    permission: "record.restore",
    actor,
    templateKey,
    locale,
    record: { id: recordId, in: "trash" },
    change: ({ actor }) => ({ trashed: false, set: { deletedAt: null, deletedBy: null, deletedByName: null, updatedBy: actor.id, updatedByName: actor.name } }),
    // The conflicts are already in `locale` (the values' own field titles), and so is the message.
    onTaken: (conflicts) =>
      new DomainError("CONFLICT", msg("records.restoreTaken", { problems: conflicts.map((c) => c.message).join(translate(locale, "format.clauseSeparator")) }), {
        fieldErrors: conflicts,
        locale,
      }),
    onConflict: () => Promise.reject(busy()),
    result: (_, written) => ({ id: recordId, revision: written!.revision }),
  });
}
