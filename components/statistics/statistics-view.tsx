"use client";

import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { arrayMove, rectSortingStrategy, SortableContext, sortableKeyboardCoordinates, useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition, type ReactNode } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import type { StatisticsPage } from "@/lib/statistics/get-statistics-page";
import type { Dashboard, Widget } from "@/lib/statistics/widget";
import { apiFetch, ApiError } from "../api-client";
import { useI18n } from "../i18n-provider";
import { FilterBar } from "../list/filter-bar";
import { ListHeader } from "../list/list-header";
import { ListNavProvider, useListNav } from "../list/list-nav";
import { PendingBar } from "../list/list-view";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { cn } from "../ui/cn";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { EmptyState } from "../ui/empty-state";
import { Spinner } from "../ui/spinner";
import { useToast } from "../ui/toast";
import { TemplateTabs } from "./template-tabs";
import { WidgetCard, widgetSubtitle } from "./widget-card";
import { WidgetDialog } from "./widget-dialog";

/** The 统计 tab: the dashboard's filters, its widgets, and — for administrators — adding, editing, removing and arranging them. */
export function StatisticsView(props: StatisticsPage) {
  return (
    <ListNavProvider templateKey={props.template.key} query={props.query} list={props.template.list} path="stats">
      <StatisticsFrame {...props} />
    </ListNavProvider>
  );
}

function StatisticsFrame({ template, dashboard: initial, results, filterFields, refused, canEdit, editor }: StatisticsPage) {
  const { t } = useI18n();
  const s = t.statistics;
  const toast = useToast();
  const router = useRouter();
  const { query, hrefFor, isPending } = useListNav();
  const [refreshing, startRefresh] = useTransition();
  const [dashboard, setDashboard] = useState<Dashboard>(initial);
  // A new server answer (after a save and refresh, or new filters) replaces the local copy.
  const [seen, setSeen] = useState(initial);
  if (seen !== initial) {
    setSeen(initial);
    setDashboard(initial);
  }
  const [editing, setEditing] = useState<Widget | "new" | null>(null);
  const [removing, setRemoving] = useState<Widget | null>(null);
  const [resetting, setResetting] = useState(false);
  const [busy, setBusy] = useState(false);
  const filterQs = new URLSearchParams([...new URLSearchParams(hrefFor(query).split("?")[1] ?? "")].filter(([k]) => k.startsWith("f."))).toString();
  const labels = useMemo(() => new Map([...Object.values(editor.group).flat(), ...editor.sum].map((f) => [f.path, f.label])), [editor]);

  const persist = async (widgets: Widget[], done?: string) => {
    setBusy(true);
    const previous = dashboard;
    setDashboard({ ...dashboard, widgets });
    try {
      const saved = await apiFetch<Dashboard>(`/api/templates/${encodeURIComponent(template.key)}/dashboard`, { method: "PUT", body: { revision: dashboard.revision, widgets } });
      setDashboard(saved);
      setEditing(null);
      setRemoving(null);
      if (done) toast(done);
      startRefresh(() => router.refresh());
    } catch (err) {
      setDashboard(previous);
      toast(err instanceof ApiError ? err.message : String(err), "error");
    } finally {
      setBusy(false);
    }
  };
  const reset = async () => {
    setBusy(true);
    try {
      const fresh = await apiFetch<Dashboard>(`/api/templates/${encodeURIComponent(template.key)}/dashboard/reset`, { body: { revision: dashboard.revision } });
      setDashboard(fresh);
      setResetting(false);
      toast(s.restored);
      startRefresh(() => router.refresh());
    } catch (err) {
      toast(err instanceof ApiError ? err.message : String(err), "error");
    } finally {
      setBusy(false);
    }
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= dashboard.widgets.length) return;
    void persist(arrayMove(dashboard.widgets, from, to));
  };
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const ids = dashboard.widgets.map((w) => w.id);
    move(ids.indexOf(String(active.id)), ids.indexOf(String(over.id)));
  };
  const widgets = dashboard.widgets;
  return (
    <div className="flex flex-col gap-4">
      <TemplateTabs templateKey={template.key} active="stats" query={filterQs ? `?${filterQs}` : ""} />
      <ListHeader
        name={template.name}
        description={template.description}
        badge={
          <span className="text-xs text-slate-500">
            {dashboard.custom && dashboard.updatedByName ? fmt(s.savedBy, { name: dashboard.updatedByName }) : s.defaultNote}
          </span>
        }
        actions={
          canEdit && (
            <>
              {dashboard.custom && (
                <Button onClick={() => setResetting(true)} disabled={busy}>
                  {s.reset}
                </Button>
              )}
              <Button variant="primary" onClick={() => setEditing("new")} disabled={busy}>
                {s.add}
              </Button>
            </>
          )
        }
      />
      {refused && <Alert tone="warning">{fmt(s.refused, { reason: refused })}</Alert>}
      {filterFields.length > 0 && (
        <Card className="relative px-4 py-3">
          <PendingBar active={isPending || refreshing} label={t.list.pending} />
          <div className="flex flex-wrap items-center gap-2">
            <FilterBar fields={filterFields} />
          </div>
        </Card>
      )}
      {widgets.length === 0 ? (
        <Card>
          <EmptyState
            title={s.empty}
            description={canEdit ? s.emptyHelp : s.emptyViewer}
            actions={canEdit && <Button variant="primary" onClick={() => setEditing("new")}>{s.add}</Button>}
          />
        </Card>
      ) : (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
          <SortableContext items={widgets.map((w) => w.id)} strategy={rectSortingStrategy}>
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
              {widgets.map((w, i) => (
                <SortableWidget key={w.id} id={w.id} enabled={canEdit && !busy} wide={w.kind !== "number"}>
                  {(handle) => (
                    <WidgetCard
                      widget={w}
                      result={results[w.id]}
                      fieldLabel={w.kind === "number" && !w.sum ? undefined : widgetSubtitle(w, labels, t)}
                      tools={
                        canEdit && (
                          <>
                            {handle}
                            <Button size="sm" variant="ghost" onClick={() => move(i, i - 1)} disabled={busy || i === 0} aria-label={`${s.moveUp}: ${w.title}`} title={s.moveUp}>
                              ↑
                            </Button>
                            <Button size="sm" variant="ghost" onClick={() => move(i, i + 1)} disabled={busy || i === widgets.length - 1} aria-label={`${s.moveDown}: ${w.title}`} title={s.moveDown}>
                              ↓
                            </Button>
                            <Button size="sm" variant="ghost" onClick={() => setEditing(w)} disabled={busy} aria-label={`${s.edit}: ${w.title}`}>
                              {s.edit}
                            </Button>
                            <Button size="sm" variant="ghost" onClick={() => setRemoving(w)} disabled={busy} aria-label={`${s.remove}: ${w.title}`}>
                              {s.remove}
                            </Button>
                          </>
                        )
                      }
                    />
                  )}
                </SortableWidget>
              ))}
            </div>
          </SortableContext>
        </DndContext>
      )}
      {refreshing && (
        <p className="flex items-center gap-2 text-sm text-slate-500" role="status">
          <Spinner className="size-4" />
          {t.list.pending}
        </p>
      )}
      {canEdit && (
        <>
          <WidgetDialog
            open={editing !== null}
            initial={editing === "new" ? null : editing}
            editor={editor}
            currentFilter={filterQs}
            busy={busy}
            onClose={() => setEditing(null)}
            onSave={(w) => void persist(editing === "new" ? [...widgets, w] : widgets.map((x) => (x.id === w.id ? w : x)), s.saved)}
          />
          <ConfirmDialog
            open={removing !== null}
            title={removing ? fmt(s.removeTitle, { title: removing.title }) : ""}
            confirmLabel={s.remove}
            danger
            busy={busy}
            onCancel={() => setRemoving(null)}
            onConfirm={() => removing && void persist(widgets.filter((x) => x.id !== removing.id), s.saved)}
          />
          <ConfirmDialog open={resetting} title={s.resetTitle} description={s.resetDescription} confirmLabel={s.reset} danger busy={busy} onCancel={() => setResetting(false)} onConfirm={() => void reset()} />
        </>
      )}
    </div>
  );
}

/** A widget that can be dragged by its handle (pointer or keyboard: Space, arrows, Space). */
function SortableWidget({ id, enabled, wide, children }: { id: string; enabled: boolean; wide: boolean; children: (handle: ReactNode) => ReactNode }) {
  const { t } = useI18n();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id, disabled: !enabled });
  const handle = enabled ? (
    <button type="button" ref={setActivatorNodeRef} {...attributes} {...listeners} className="cursor-grab rounded px-1.5 py-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-blue-600" aria-label={t.statistics.drag} title={t.statistics.drag}>
      ⠿
    </button>
  ) : null;
  return (
    <div ref={setNodeRef} style={{ transform: CSS.Translate.toString(transform), transition }} className={cn(wide && "sm:col-span-2", isDragging && "z-10 opacity-80")}>
      {children(handle)}
    </div>
  );
}
