import "server-only";
import { RecordModel } from "../db/models/record";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";

/**
 * The refusal of a verify or return made on a revision that is no longer the record's: the
 * checker saw other data than what is stored now, so they must look again.
 */
export async function staleRefusal(recordId: string, expected: number, locale: Locale): Promise<never> {
  const current = await RecordModel.findById(recordId, { revision: 1, updatedByName: 1, deletedAt: 1 }).lean();
  if (!current || current.deletedAt) throw new DomainError("NOT_FOUND", msg("records.gone"), { locale });
  throw new DomainError("CONFLICT", msg("verification.stale", { expected, revision: current.revision, name: current.updatedByName || "—" }), {
    locale,
    details: { currentRevision: current.revision },
  });
}
