import { roleCan, type Actor } from "@/lib/auth/roles";
import type { Dictionary } from "@/lib/i18n/dictionaries";
import type { HistoryEntry, RecordView } from "@/lib/records/types";
import { getByPath } from "@/lib/schema/fields";
import type { Locale } from "@/lib/schema/messages";
import type { PublishedTemplate } from "@/lib/templates/types";
import { buildDetailSections } from "./detail-tree";
import { DetailSection } from "./detail-section";
import { HistoryTimeline } from "./history-timeline";
import { RecordHeader } from "./record-header";
import { SectionIndex } from "./section-index";

const HISTORY_ID = "section-history";

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
  locale,
  t,
}: {
  actor: Actor;
  template: PublishedTemplate;
  record: RecordView;
  history: HistoryEntry[];
  locale: Locale;
  t: Dictionary;
}) {
  const { schema, uiSchema } = template.content;
  const isDeleted = record.deletedAt !== null;
  const title = recordTitle(record, template, t.detail.fallbackTitle);
  const sections = buildDetailSections({ schema, uiSchema, data: record.data, locale });
  const canDelete = roleCan(actor.role, "record.delete") && (roleCan(actor.role, "record.deleteAny") || record.ownerId === actor.id);
  const reveal = { templateKey: record.templateKey, recordId: record.id, canReveal: record.masked && roleCan(actor.role, "pii.reveal") };
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
          {sections.map((s) => (
            <DetailSection key={s.id} section={s} reveal={reveal} labels={labels} />
          ))}
          <HistoryTimeline id={HISTORY_ID} history={history} schema={schema} uiSchema={uiSchema} locale={locale} t={t} />
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
