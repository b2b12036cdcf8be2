"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { useI18n } from "@/components/i18n-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { fmt } from "@/lib/i18n/dictionaries";
import type { TemplateAdminSummary } from "@/lib/templates/edit-types";
import { EditInfoDialog } from "./edit-info-dialog";
import { ExportTemplateDialog } from "./export-template-dialog";
import { ImportTemplateDialog } from "./import-template-dialog";
import { NewTemplateDialog } from "./new-template-dialog";
import { TemplateList } from "./template-list";
import type { RowAction } from "./template-row-menu";

type Filter = "active" | "archived" | "all";
type Open = { kind: RowAction; template: TemplateAdminSummary } | { kind: "create" | "import" } | null;

const plus = (
  <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
    <path d="M10.75 4.75a.75.75 0 00-1.5 0v4.5h-4.5a.75.75 0 000 1.5h4.5v4.5a.75.75 0 001.5 0v-4.5h4.5a.75.75 0 000-1.5h-4.5v-4.5z" />
  </svg>
);
const upload = (
  <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
    <path d="M9.25 13.25a.75.75 0 001.5 0V4.636l2.955 3.129a.75.75 0 001.09-1.03l-4.25-4.5a.75.75 0 00-1.09 0l-4.25 4.5a.75.75 0 101.09 1.03L9.25 4.636v8.614z" />
    <path d="M3.5 12.75a.75.75 0 00-1.5 0v2.5A2.75 2.75 0 004.75 18h10.5A2.75 2.75 0 0018 15.25v-2.5a.75.75 0 00-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5z" />
  </svg>
);

/** The templates page: the list with a status filter, 新建模板, 导入模板 and each template's actions. */
export function TemplatesAdmin({ initialTemplates }: { initialTemplates: TemplateAdminSummary[] }) {
  const { t } = useI18n();
  const d = t.templates;
  const toast = useToast();
  const router = useRouter();
  const [templates, setTemplates] = useState(initialTemplates);
  const [filter, setFilter] = useState<Filter>("active");
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);

  const names = useMemo(() => new Map(templates.map((tp) => [tp.key, tp.name])), [templates]);
  const keys = useMemo(() => templates.map((tp) => tp.key), [templates]);
  const counts = { active: templates.filter((x) => x.status === "active").length, archived: templates.filter((x) => x.status === "archived").length, all: templates.length };
  const shown = filter === "all" ? templates : templates.filter((x) => x.status === filter);
  const replace = (tp: TemplateAdminSummary) => setTemplates((list) => list.map((x) => (x.key === tp.key ? tp : x)));
  const close = () => setOpen(null);

  const reload = async (): Promise<TemplateAdminSummary[] | null> => {
    try {
      const res = await apiFetch<{ templates: TemplateAdminSummary[] }>("/api/templates");
      setTemplates(res.templates);
      return res.templates;
    } catch (err) {
      toast(err instanceof ApiError ? err.message : t.common.errors.generic, "error");
      return null;
    }
  };

  const archive = async (tp: TemplateAdminSummary) => {
    const archived = tp.status !== "archived";
    setBusy(true);
    try {
      const res = await apiFetch<{ template: TemplateAdminSummary }>(`/api/templates/${encodeURIComponent(tp.key)}/archive`, { body: { archived } });
      replace(res.template);
      toast(fmt(archived ? d.archiveDialog.toast : d.unarchiveDialog.toast, { name: tp.name }));
      close();
      // The sidebar lists active templates; let the layout re-read them.
      router.refresh();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : t.common.errors.generic, "error");
    } finally {
      setBusy(false);
    }
  };

  const created = (tp: TemplateAdminSummary, message: string) => {
    setTemplates((list) => [...list, tp]);
    toast(fmt(message, { name: tp.name }));
    close();
  };

  const filters: Filter[] = ["active", "archived", "all"];
  const archiving = open?.kind === "archive" ? open.template : null;
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-xl font-semibold text-slate-900 sm:text-2xl">{d.title}</h1>
          <p className="mt-1 max-w-2xl text-sm text-slate-500">{d.description}</p>
        </div>
        <div className="flex shrink-0 gap-2">
          <Button onClick={() => setOpen({ kind: "import" })}>
            {upload}
            {d.importTemplate}
          </Button>
          <Button variant="primary" onClick={() => setOpen({ kind: "create" })}>
            {plus}
            {d.newTemplate}
          </Button>
        </div>
      </div>

      <Card>
        <div role="group" aria-label={d.filters.label} className="flex gap-1 border-b border-slate-100 px-3 py-2">
          {filters.map((f) => (
            <button
              key={f}
              type="button"
              aria-pressed={filter === f}
              onClick={() => setFilter(f)}
              className={cn(
                "rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
                filter === f ? "bg-blue-50 text-blue-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
              )}
            >
              {d.filters[f]}
              <span className={cn("ml-1.5 text-xs tabular-nums", filter === f ? "text-blue-600" : "text-slate-400")}>{counts[f]}</span>
            </button>
          ))}
        </div>
        {shown.length === 0 ? (
          filter === "archived" ? (
            <EmptyState title={d.emptyArchived.title} description={d.emptyArchived.description} />
          ) : (
            <EmptyState
              title={d.empty.title}
              description={d.empty.description}
              actions={
                <>
                  <Button onClick={() => setOpen({ kind: "import" })}>{d.importTemplate}</Button>
                  <Button variant="primary" onClick={() => setOpen({ kind: "create" })}>
                    {d.newTemplate}
                  </Button>
                </>
              }
            />
          )
        ) : (
          <TemplateList templates={shown} names={names} onAction={(template, kind) => setOpen({ kind, template })} />
        )}
      </Card>

      <NewTemplateDialog
        open={open?.kind === "create" || open?.kind === "clone"}
        source={open?.kind === "clone" ? open.template : null}
        takenKeys={keys}
        onClose={close}
        onCreated={(tp) => {
          created(tp, open?.kind === "clone" ? d.clone.toast : d.create.toast);
          // A clone is published at once: refresh first so the sidebar (kept across navigation) lists it.
          if (tp.currentVersion > 0) router.refresh();
          router.push(`/admin/templates/${encodeURIComponent(tp.key)}`);
        }}
      />
      <ImportTemplateDialog
        open={open?.kind === "import"}
        onClose={close}
        onImported={(tp) => {
          created(tp, d.importDialog.toast);
          setFilter((f) => (f === "archived" ? "all" : f));
          router.refresh();
        }}
      />
      <ExportTemplateDialog
        template={open?.kind === "export" ? open.template : null}
        onClose={close}
        onStarted={() => {
          toast(d.exportDialog.started, "info");
          // Closed after the click's default action (the download) has started.
          setTimeout(close, 0);
        }}
      />
      {open?.kind === "editInfo" && (
        <EditInfoDialog
          key={open.template.key}
          template={open.template}
          onClose={close}
          onReload={async () => (await reload())?.find((x) => x.key === open.template.key) ?? null}
          onSaved={(tp) => {
            replace(tp);
            toast(fmt(d.editInfo.toast, { name: tp.name }));
            close();
            router.refresh();
          }}
        />
      )}
      <ConfirmDialog
        open={!!archiving}
        title={archiving ? fmt(archiving.status === "archived" ? d.unarchiveDialog.title : d.archiveDialog.title, { name: archiving.name }) : ""}
        description={archiving ? (archiving.status === "archived" ? d.unarchiveDialog.description : d.archiveDialog.description) : undefined}
        confirmLabel={archiving?.status === "archived" ? d.unarchiveDialog.confirm : d.archiveDialog.confirm}
        danger={archiving?.status !== "archived"}
        busy={busy}
        onConfirm={() => archiving && void archive(archiving)}
        onCancel={close}
      />
    </div>
  );
}
