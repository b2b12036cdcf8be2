import Link from "next/link";
import { buildDetailSections } from "@/components/record-detail/detail-tree";
import { recordTitle } from "@/components/record-detail/record-detail";
import { buttonClass, ButtonLink } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { fmt, type Dictionary } from "@/lib/i18n/dictionaries";
import type { RecordView } from "@/lib/records/types";
import type { Locale } from "@/lib/schema/messages";
import type { PublishedTemplate } from "@/lib/templates/types";
import { PrintButton } from "./print-button";
import { formatPrintedAt, printKey } from "./print-header";
import { PrintSections } from "./print-sections";

/**
 * A record as a customer file for paper or PDF: a toolbar (hidden when printing) to choose masked
 * or full personal data and to print, then the header — template, title, key, when and by whom —
 * and every section. The page is the print: no app shell around it, A4 width on screen.
 */
export function RecordPrint({
  template,
  record,
  printedBy,
  printedAt,
  canReveal,
  locale,
  t,
}: {
  template: PublishedTemplate;
  record: RecordView;
  printedBy: string;
  printedAt: Date;
  /** Whether the reader may choose the full version (it is fetched, and audited, on the server). */
  canReveal: boolean;
  locale: Locale;
  t: Dictionary;
}) {
  const { schema, uiSchema } = template.content;
  const title = recordTitle(record, template, t.detail.fallbackTitle);
  const key = printKey({ schema, uiSchema, data: record.data, locale });
  const sections = buildDetailSections({ schema, uiSchema, data: record.data, locale });
  const recordHref = `/t/${encodeURIComponent(record.templateKey)}/r/${record.id}`;
  const isFull = !record.masked;
  const labels = { empty: t.common.empty, emptySection: t.detail.emptySection, emptyTable: t.detail.emptyTable, rowNumber: t.detail.rowNumber, general: t.detail.general };
  const modeClass = (active: boolean) => cn(buttonClass(active ? "primary" : "secondary", "sm"), "rounded-none first:rounded-l-md last:rounded-r-md");
  return (
    <div className="min-h-screen bg-slate-100 py-6 print:bg-white print:py-0">
      <div role="toolbar" aria-label={t.print.toolbar} className="mx-auto mb-4 flex max-w-[210mm] flex-wrap items-center gap-3 px-4 print:hidden">
        <ButtonLink href={recordHref} size="sm">
          {t.print.back}
        </ButtonLink>
        <div role="group" aria-label={t.print.personal} className="flex">
          {/* No prefetch: rendering the full version is the audited event, only a click may cause it. */}
          <Link href={`${recordHref}/print`} prefetch={false} aria-current={isFull ? undefined : "true"} className={modeClass(!isFull)}>
            {t.print.masked}
          </Link>
          {canReveal && (
            <Link href={`${recordHref}/print?personal=full`} prefetch={false} aria-current={isFull ? "true" : undefined} className={modeClass(isFull)}>
              {t.print.full}
            </Link>
          )}
        </div>
        <PrintButton label={t.print.print} />
        <p className="w-full text-xs text-slate-500">
          {isFull ? t.print.fullNote : t.print.maskedNote} {t.print.hint}
        </p>
      </div>
      <article className="print-sheet mx-auto max-w-[210mm] bg-white px-[14mm] py-[12mm] text-sm shadow-sm print:max-w-none print:p-0 print:shadow-none">
        <header className="mb-5 border-b border-slate-300 pb-3">
          <div className="flex items-start justify-between gap-4">
            <div className="min-w-0">
              <p className="text-xs text-slate-500">{template.name}</p>
              <h1 className="mt-0.5 text-xl font-semibold text-slate-900">{title}</h1>
              {key && (
                <p className="mt-1 text-sm">
                  <span className="text-slate-500">{key.label}</span> <span className="font-medium tabular-nums">{key.value}</span>
                </p>
              )}
            </div>
            <span className={cn("shrink-0 rounded border px-2 py-0.5 text-xs", isFull ? "border-amber-500 text-amber-700" : "border-slate-300 text-slate-500")}>
              {isFull ? t.print.fullStamp : t.print.maskedStamp}
            </span>
          </div>
          <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-xs text-slate-600">
            <div className="flex gap-1">
              <dt>{t.print.printedAt}</dt>
              <dd className="tabular-nums">
                {formatPrintedAt(printedAt)} ({t.print.timeZone})
              </dd>
            </div>
            <div className="flex gap-1">
              <dt>{t.print.printedBy}</dt>
              <dd>{printedBy}</dd>
            </div>
            <div className="flex gap-1">
              <dt>{t.print.updated}</dt>
              <dd className="tabular-nums">
                {record.updatedBy.name} · {formatPrintedAt(new Date(record.updatedAt))} · {fmt(t.print.revision, { n: record.revision })}
              </dd>
            </div>
          </dl>
          {record.deletedAt && <p className="mt-2 text-xs font-medium text-red-700">{t.print.deleted}</p>}
        </header>
        <PrintSections sections={sections} labels={labels} />
      </article>
    </div>
  );
}
