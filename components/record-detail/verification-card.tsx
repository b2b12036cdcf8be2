import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { fmt, type Dictionary } from "@/lib/i18n/dictionaries";
import type { RecordView } from "@/lib/records/types";
import type { Locale } from "@/lib/schema/messages";
import type { JsonSchema, UiSchema } from "@/lib/schema/types";
import type { VerificationReview } from "@/lib/verification/get-verification-review";
import { describeChange } from "./history-view";
import { MaskedValue } from "./masked-value";
import { VerificationActions } from "./verification-actions";

const TONE = { unverified: "neutral", pending: "amber", verified: "green", returned: "red" } as const;

/**
 * 双重验证 on the detail page: the state, who verified and when, the reason of a return; for
 * those who may check it now, what to check — the whole record when it is new, the change since
 * the verified revision otherwise, critical fields marked, personal data masked (revealable,
 * audited) — and 核对通过 / 退回.
 */
export function VerificationCard({
  record,
  review,
  canReveal,
  schema,
  uiSchema,
  locale,
  t,
}: {
  record: RecordView;
  review: VerificationReview | null;
  canReveal: boolean;
  schema: JsonSchema;
  uiSchema: UiSchema;
  locale: Locale;
  t: Dictionary;
}) {
  const v = t.verification.panel;
  const r = record.review;
  const waiting = record.verification === "pending" || record.verification === "unverified";
  const showReview = !!review && review.enabled && waiting && !record.deletedAt;
  return (
    <Card aria-labelledby="verification-title" data-testid="verification-card">
      <CardHeader
        id="verification-title"
        title={
          <span className="flex items-center gap-2">
            {v.title}
            <Badge tone={TONE[record.verification]}>{t.list.verification[record.verification]}</Badge>
          </span>
        }
        actions={showReview && review.canVerify ? <VerificationActions templateKey={record.templateKey} recordId={record.id} revision={record.revision} /> : undefined}
      />
      <div className="flex flex-col gap-3 px-5 py-4 text-sm">
        {r?.verifiedBy && r.verifiedAt && (
          <p className="text-slate-600">
            {fmt(v.verifiedBy, { name: r.verifiedBy.name, at: "{at}", n: r.verifiedRevision ?? "—" })
              .split("{at}")
              .map((part, i) => (i === 0 ? <span key={i}>{part}</span> : [<LocalDateTime key={`at${i}`} iso={r.verifiedAt!} />, <span key={i}>{part}</span>]))}
          </p>
        )}
        {record.verification === "returned" && r?.returnReason && (
          <p className="rounded-md bg-red-50 px-3 py-2 text-red-800" role="status">
            <span className="font-medium">{fmt(v.returnedBy, { name: r.returnedBy?.name ?? "—" })}</span> {r.returnReason}
          </p>
        )}
        {record.verification === "pending" && r?.since && (
          <p className="text-slate-600">
            {v.waitingSince} <LocalDateTime iso={r.since} />
          </p>
        )}
        {showReview && !review.canVerify && review.refusal && (
          <p className="text-slate-500">
            {review.refusal}
          </p>
        )}
        {showReview && review.canVerify && (
          <div>
            <p className="mb-2 font-medium text-slate-800">{review.isNew ? v.reviewNew : fmt(v.reviewChange, { n: review.sinceRevision ?? "—" })}</p>
            {review.changes.length === 0 ? (
              <p className="text-slate-500">{v.noChanges}</p>
            ) : (
              <ul className="flex flex-col gap-1.5" data-testid="verification-changes">
                {review.changes.map((c) => {
                  const shown = describeChange({ schema, uiSchema, change: c, locale });
                  return (
                    <li key={c.path} className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                      {c.critical && <Badge tone="red">{v.critical}</Badge>}
                      <span className="text-slate-500">{shown.label}:</span>
                      {!review.isNew && shown.before && <span className="text-slate-500 line-through decoration-slate-300">{shown.before}</span>}
                      {!review.isNew && (
                        <span className="text-slate-400" aria-hidden="true">
                          →
                        </span>
                      )}
                      {c.pii && canReveal && c.after !== undefined && c.after !== null && c.after !== "" ? (
                        <MaskedValue templateKey={record.templateKey} recordId={record.id} pointer={c.path} kind={shown.kind ?? "text"} masked={shown.after} />
                      ) : (
                        <span className="font-medium text-slate-900">{shown.after || t.common.empty}</span>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
