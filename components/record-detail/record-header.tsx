import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { fmt, type Dictionary } from "@/lib/i18n/dictionaries";
import type { RecordView } from "@/lib/records/types";
import { LocalDateTime } from "@/components/ui/local-date-time";
import { RecordActions, RestoreRecordButton } from "./record-actions";

/** Breadcrumb, title, who created and last changed the record, its revision, and its actions. */
export function RecordHeader({
  record,
  templateName,
  title,
  canEdit,
  canDelete,
  canRestore,
  t,
}: {
  record: RecordView;
  templateName: string;
  title: string;
  canEdit: boolean;
  canDelete: boolean;
  canRestore: boolean;
  t: Dictionary;
}) {
  const listHref = `/t/${encodeURIComponent(record.templateKey)}`;
  const isDeleted = record.deletedAt !== null;
  // Times in the reader's zone, as in the list: the server's zone (often UTC) is nobody's.
  const meta = [
    <>
      {t.detail.meta.created} {record.createdBy.name} · <LocalDateTime iso={record.createdAt} />
    </>,
    <>
      {t.detail.meta.updated} {record.updatedBy.name} · <LocalDateTime iso={record.updatedAt} />
    </>,
    fmt(t.detail.meta.revision, { n: record.revision }),
    fmt(t.detail.meta.templateVersion, { n: record.templateVersion }),
  ];
  const [deletedBefore, deletedAfter = ""] = fmt(t.detail.deletedBanner, { name: record.deletedBy?.name || "—" }).split("{at}");
  return (
    <header className="flex flex-col gap-4">
      <nav aria-label={t.detail.breadcrumb} className="text-sm">
        <ol className="flex min-w-0 items-center gap-1.5 text-slate-500">
          <li className="shrink-0">
            <Link href={listHref} className="rounded hover:text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600">
              {templateName}
            </Link>
          </li>
          <li aria-hidden="true" className="text-slate-300">
            /
          </li>
          <li aria-current="page" className="truncate text-slate-700">
            {title}
          </li>
        </ol>
      </nav>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 className="truncate text-xl font-semibold text-slate-900 sm:text-2xl">{title}</h1>
          <p className="mt-1.5 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-500 sm:text-sm">
            {meta.map((m, i) => (
              <span key={i} className="whitespace-nowrap">
                {m}
              </span>
            ))}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {/* A link, not a script: reachable by keyboard, and the print view opens masked (nothing to audit). */}
          <ButtonLink href={`${listHref}/r/${record.id}/print`}>{t.detail.actions.print}</ButtonLink>
          {!isDeleted && (
            <RecordActions templateKey={record.templateKey} recordId={record.id} revision={record.revision} title={title} canEdit={canEdit} canDelete={canDelete} />
          )}
        </div>
      </div>
      {isDeleted && (
        <Alert
          tone="warning"
          title={
            <>
              {deletedBefore}
              <LocalDateTime iso={record.deletedAt!} />
              {deletedAfter}
            </>
          }
          actions={canRestore ? <RestoreRecordButton templateKey={record.templateKey} recordId={record.id} /> : undefined}
        >
          {t.detail.deletedHint}
        </Alert>
      )}
    </header>
  );
}
