import type { ReactNode } from "react";
import { roleCan, type Actor } from "@/lib/auth/roles";
import type { Dictionary } from "@/lib/i18n/dictionaries";
import type { HistoryEntry, RecordView } from "@/lib/records/types";
import { getByPath } from "@/lib/schema/fields";
import type { Locale } from "@/lib/schema/messages";
import type { PublishedTemplate } from "@/lib/templates/types";
import { fmt } from "@/lib/i18n/dictionaries";
import { Alert } from "../ui/alert";
import { buildDetailSections } from "./detail-tree";
import { DetailSection } from "./detail-section";
import { HistoryTimeline } from "./history-timeline";
import { RecordHeader } from "./record-header";
import { SectionIndex } from "./section-index";
import { VerificationCard } from "./verification-card";
import type { VerificationReview } from "@/lib/verification/get-verification-review";
import { verificationOf } from "@/lib/schema/verification";

const HISTORY_ID = "section-history";
const REVEALS_ID = "section-reveals";

type HistoryPage = { entries: HistoryEntry[]; page: number; hasMore: boolean };

/** The record's name: the template's title field, else a generic word. */
export function recordTitle(record: RecordView, template: PublishedTemplate, fallback: string): string {
  const field = template.content.list.titleField;
  const value = field ? getByPath(record.data, field.split(".")) : undefined;
  return value === undefined || value === null || value === "" ? fallback : String(value);
}

/**
 * The whole detail page of a record: header with actions, the template's sections read-only,
 * the history, and a section index at wide widths. What the viewer may do follows their role;
 * the services check again on every call.
 */
export function RecordDetail({
  actor,
  template,
  record,
  history,
  reveals,
  pages = { history: 1, reveals: 1 },
  review = null,
  selfFill = null,
  locale,
  t,
}: {
  actor: Actor;
  template: PublishedTemplate;
  record: RecordView;
  /** One page of the changes (every event but reveals), and whether older ones follow. */
  history: HistoryPage;
  /** One page of the reveals: who saw personal data in full. */
  reveals: HistoryPage;
  pages?: { history: number; reveals: number };
  /** What the reader checks before 核对通过 / 退回, when they may verify. */
  review?: VerificationReview | null;
  /** 客户自填 (links and the customer's submissions), for those who may edit the record. */
  selfFill?: ReactNode;
  locale: Locale;
  t: Dictionary;
}) {
  // Page links keep the other list's page; each lands on its own section.
  const hrefFor = (which: "history" | "reveals") => (page: number) => {
    const next = { ...pages, [which]: page };
    const q = new URLSearchParams();
    if (next.history > 1) q.set("history", String(next.history));
    if (next.reveals > 1) q.set("reveals", String(next.reveals));
    const s = q.toString();
    return `${s ? `?${s}` : "?"}#${which === "history" ? HISTORY_ID : REVEALS_ID}`;
  };
  const { schema, uiSchema } = template.content;
  const isDeleted = record.deletedAt !== null;
  const title = recordTitle(record, template, t.detail.fallbackTitle);
  const sections = buildDetailSections({ schema, uiSchema, data: record.data, locale });
  const canDelete = roleCan(actor.role, "record.delete") && (roleCan(actor.role, "record.deleteAny") || record.ownerId === actor.id);
  const reveal = { templateKey: record.templateKey, recordId: record.id, canReveal: record.masked && roleCan(actor.role, "pii.reveal"), clearKinds: record.clearPii };
  const labels = { empty: t.common.empty, emptySection: t.detail.emptySection, emptyTable: t.detail.emptyTable, rowNumber: t.detail.rowNumber, general: t.detail.general };
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <RecordHeader
        record={record}
        templateName={template.name}
        title={title}
        canEdit={!isDeleted && roleCan(actor.role, "record.update")}
        canDelete={!isDeleted && canDelete}
        canRestore={isDeleted && roleCan(actor.role, "record.restore")}
        t={t}
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_11rem]">
        <div className="flex min-w-0 flex-col gap-5">
          {record.incomplete.length > 0 && (
            <Alert tone="warning" title={fmt(t.list.incomplete, { sections: record.incomplete.join(t.common.listSeparator) })} className="record-incomplete">
              {t.detail.incompleteHint}
            </Alert>
          )}
          {(verificationOf(template.content).enabled || record.verification !== "unverified") && (
            <VerificationCard record={record} review={review} canReveal={reveal.canReveal} schema={schema} uiSchema={uiSchema} locale={locale} t={t} />
          )}
          {selfFill}
          {sections.map((s) => (
            <DetailSection key={s.id} section={s} reveal={reveal} labels={labels} />
          ))}
          <HistoryTimeline id={HISTORY_ID} history={history.entries} schema={schema} uiSchema={uiSchema} locale={locale} t={t} pager={{ page: history.page, hasMore: history.hasMore, hrefFor: hrefFor("history") }} />
          <details id={REVEALS_ID} className="group scroll-mt-20" open={pages.reveals > 1}>
            <summary className="cursor-pointer rounded-md px-1 py-1 text-sm text-slate-600 hover:text-slate-900">
              {t.detail.history.revealsShow}
              <span className="ml-2 text-xs text-slate-400">{t.detail.history.revealsHelp}</span>
            </summary>
            <div className="mt-2">
              <HistoryTimeline
                id={`${REVEALS_ID}-list`}
                history={reveals.entries}
                schema={schema}
                uiSchema={uiSchema}
                locale={locale}
                t={t}
                title={t.detail.history.reveals}
                empty={t.detail.history.revealsEmpty}
                pager={{ page: reveals.page, hasMore: reveals.hasMore, hrefFor: hrefFor("reveals") }}
              />
            </div>
          </details>
        </div>
        <aside>
          <SectionIndex
            title={t.detail.sectionIndex}
            items={[...sections.map((s) => ({ id: s.id, label: s.title ?? t.detail.general, isEmpty: s.isEmpty })), { id: HISTORY_ID, label: t.detail.history.title }]}
          />
        </aside>
      </div>
    </div>
  );
}
