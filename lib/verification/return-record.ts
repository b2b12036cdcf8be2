import "server-only";
import type { Actor } from "../auth/roles";
import { DomainError } from "../errors";
import type { Locale } from "../i18n/locale";
import { msg } from "../i18n/messages";
import { toRecordView } from "../records/map-record";
import type { RecordView } from "../records/types";
import { emptyReview } from "../records/write/verification-hook";
import { writeRecord } from "../records/write/write-record";
import { assertMayCheck } from "./assert-verification-on";
import { checkRevision } from "./check-revision";
import { staleRefusal } from "./stale-refusal";
import { RETURN_REASON_MAX } from "./verify-rules";

/**
 * 退回: a reviewer sends the record at `revision` back to whoever entered it, with the reason
 * they see on the record. Like verifyRecord, a write of state only (the revision moves, audited
 * as `record.return` with the reason); the author's next edit makes it wait for 核对 again.
 */
export async function returnRecord(params: { actor: Actor | null; templateKey: string; recordId: string; revision: unknown; reason: unknown; locale?: Locale }): Promise<RecordView> {
  const { actor, templateKey, recordId, locale = "zh" } = params;
  const expected = params.revision as number;
  const reason = typeof params.reason === "string" ? params.reason.trim() : "";
  return writeRecord({
    action: "record.return",
    permission: "record.verify",
    actor,
    templateKey,
    locale,
    record: { id: recordId, in: "live" },
    expectedRevision: expected,
    checkInput() {
      checkRevision(params.revision, locale);
      if (!reason) throw new DomainError("BAD_REQUEST", msg("verification.reasonRequired"), { locale });
      if (reason.length > RETURN_REASON_MAX) throw new DomainError("BAD_REQUEST", msg("verification.reasonTooLong", { max: RETURN_REASON_MAX }), { locale });
    },
    guard({ template, existing, actor }) {
      assertMayCheck(template, existing!, actor.id, locale);
    },
    change: ({ existing, actor }) => ({
      set: {
        verification: "returned",
        review: { ...emptyReview(), ...existing!.review, returnedBy: actor.id, returnedByName: actor.name, returnedAt: new Date(), returnReason: reason },
      },
      touch: false,
      meta: { reason },
    }),
    onConflict: () => staleRefusal(recordId, expected, locale),
    result: ({ template }, written) => toRecordView(written!, template.content.schema, false, actor),
  });
}
