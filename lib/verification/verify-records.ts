import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { AuditEventModel } from "../db/models/audit-event";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import { verifyRecord } from "./verify-record";

/** Most records one bulk verification takes. */
export const BULK_VERIFY_MAX = 100;

/** One record of a bulk verification: where it is and the revision the reviewer saw in the queue. */
export interface BulkVerifyItem {
  templateKey: string;
  recordId: string;
  revision: number;
}

/** What became of one record, in input order. */
export type BulkVerifyOutcome = { recordId: string; status: "verified"; revision: number } | { recordId: string; status: "refused"; error: DomainError };

/** Audit actions that do not touch a record's data: looking at it, checking it, handing it to another owner. */
const NOT_TOUCHING = ["record.reveal", "record.verify", "record.return", "record.transfer"];

/**
 * Verifies several records at once (批量核对), each one by verifyRecord — its own pipeline write,
 * revision check and `record.verify` audit event (marked `bulk`). Stricter than one at a time: a
 * reviewer who ever touched a record (created, edited, deleted or restored it) verifies it only
 * alone, after looking at it. A refused record leaves the others verified.
 */
export async function verifyRecords(params: { actor: Actor | null; items: unknown; locale?: Locale }): Promise<BulkVerifyOutcome[]> {
  const { actor, locale = "zh" } = params;
  assertCan(actor, "record.verify");
  const items = checkItems(params.items, locale);
  await connectDb();
  const touched = new Set(
    (await AuditEventModel.find({ entity: "record", entityId: { $in: items.map((i) => i.recordId) }, actorId: actor.id, action: { $nin: NOT_TOUCHING } }, { entityId: 1 }).lean()).map((e) => e.entityId),
  );
  const outcomes: BulkVerifyOutcome[] = [];
  for (const item of items) {
    try {
      if (touched.has(item.recordId)) throw new DomainError("FORBIDDEN", msg("verification.bulkTouched"), { locale });
      const view = await verifyRecord({ actor, templateKey: item.templateKey, recordId: item.recordId, revision: item.revision, locale, meta: { bulk: true } });
      outcomes.push({ recordId: item.recordId, status: "verified", revision: view.revision });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      outcomes.push({ recordId: item.recordId, status: "refused", error: err });
    }
  }
  return outcomes;
}

/** The request's records, checked for shape (each record once). */
function checkItems(input: unknown, locale: Locale): BulkVerifyItem[] {
  if (!Array.isArray(input) || input.length === 0) throw new DomainError("BAD_REQUEST", msg("verification.bulkEmpty"), { locale });
  if (input.length > BULK_VERIFY_MAX) throw new DomainError("BAD_REQUEST", msg("verification.bulkTooMany", { max: BULK_VERIFY_MAX }), { locale });
  const seen = new Set<string>();
  const items: BulkVerifyItem[] = [];
  for (const raw of input) {
    const i = (raw ?? {}) as Record<string, unknown>;
    if (typeof i.templateKey !== "string" || typeof i.recordId !== "string") throw new DomainError("BAD_REQUEST", msg("verification.bulkEmpty"), { locale });
    if (seen.has(i.recordId)) continue;
    seen.add(i.recordId);
    items.push({ templateKey: i.templateKey, recordId: i.recordId, revision: i.revision as number });
  }
  return items;
}
