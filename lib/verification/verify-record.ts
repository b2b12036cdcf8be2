import "server-only";
import type { Actor } from "../auth/roles";
import type { Locale } from "../i18n/locale";
import { toRecordView } from "../records/map-record";
import type { RecordView } from "../records/types";
import { emptyReview } from "../records/write/verification-hook";
import { writeRecord } from "../records/write/write-record";
import { assertMayCheck } from "./assert-verification-on";
import { checkRevision } from "./check-revision";
import { staleRefusal } from "./stale-refusal";
import { incompleteRefusal } from "./verify-rules";
import { DomainError } from "../errors";

/**
 * 核对通过: a reviewer confirms the record as it is at `revision` — the one they looked at.
 * A write through the record pipeline that leaves the data as it is: the revision moves (so the
 * verification is its own entry in the history and the audit trail, `record.verify`, and the
 * pipeline's revision check refuses a verify of data changed since it was looked at), "last
 * updated" does not. Refused for the record's own authors, whatever the UI shows.
 */
export async function verifyRecord(params: { actor: Actor | null; templateKey: string; recordId: string; revision: unknown; locale?: Locale; meta?: Record<string, unknown> }): Promise<RecordView> {
  const { actor, templateKey, recordId, locale = "zh" } = params;
  const expected = params.revision as number;
  return writeRecord({
    action: "record.verify",
    permission: "record.verify",
    actor,
    templateKey,
    locale,
    record: { id: recordId, in: "live" },
    expectedRevision: expected,
    checkInput: () => void checkRevision(params.revision, locale),
    guard({ template, existing, actor }) {
      assertMayCheck(template, existing!, actor.id, locale);
      const incomplete = incompleteRefusal(existing!, (k) => template.content.schema.properties?.[k]?.title ?? k);
      if (incomplete) throw new DomainError(incomplete.code, incomplete.text, { locale });
    },
    change: ({ existing, actor }) => ({
      set: {
        verification: "verified",
        review: {
          ...emptyReview(),
          ...existing!.review,
          since: null,
          touchedBy: [],
          verifiedBy: actor.id,
          verifiedByName: actor.name,
          verifiedAt: new Date(),
          verifiedRevision: expected,
        },
      },
      touch: false,
      meta: { verifiedRevision: expected, ...params.meta },
    }),
    onConflict: () => staleRefusal(recordId, expected, locale),
    result: ({ template }, written) => toRecordView(written!, template.content.schema, false, actor),
  });
}
