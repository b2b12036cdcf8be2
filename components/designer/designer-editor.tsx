"use client";

import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { DesignerProblem } from "@/lib/template-model/check-model";
import type { DesignerModel, FieldPath } from "@/lib/template-model/model";
import { withDefaultTitle } from "@/lib/template-model/list-settings";
import { allFields, deleteField, getField, removeField, restoreField } from "@/lib/template-model/model-paths";
import { dependentsOf, type Dependent } from "@/lib/template-model/dependents";
import { fmt } from "@/lib/i18n/dictionaries";
import type { FieldKind } from "@/lib/schema/types";
import { useI18n } from "../i18n-provider";
import { useUnsavedGuard } from "../record-form/use-unsaved-guard";
import { MigrationBanner } from "../templates/migration-banner";
import { MigrationDialog } from "../templates/migration-dialog";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Dialog } from "../ui/dialog";
import { useToast } from "../ui/toast";
import { DependentsList } from "./dependents-list";
import { DesignView, TEMPLATE_PROBLEMS_ID } from "./design-view";
import { DesignerHeader } from "./designer-header";
import { addFromPalette, moveStep } from "./designer-ops";
import { DesignerTabs, type DesignerTab } from "./designer-tabs";
import { JsonView } from "./json-view";
import { PreviewView } from "./preview-view";
import { PublishDialog } from "./publish-dialog";
import { LABEL_INPUT_ID, PropertiesPanel } from "./properties-panel";
import { saveStatus } from "./save-status";
import { problemsOfError, useDesigner, type DesignerInitial } from "./use-designer";

const WIDE = "(min-width: 1536px)";
const subscribeWide = (cb: () => void) => {
  const mq = window.matchMedia(WIDE);
  mq.addEventListener("change", cb);
  return () => mq.removeEventListener("change", cb);
};

/** Problems from the checks and from the server's last refusal, each once. */
function mergeProblems(a: DesignerProblem[], b: DesignerProblem[]): DesignerProblem[] {
  const seen = new Set(a.map((p) => `${p.path}|${p.property}|${p.message}`));
  return [...a, ...b.filter((p) => !seen.has(`${p.path}|${p.property}|${p.message}`))];
}

/**
 * The template designer: header with the draft's state and actions, and the 设计 (palette, canvas,
 * properties, optional side preview), 预览 and JSON tabs. All edits go to the draft (autosaved);
 * publishing makes a version.
 */
export function DesignerEditor({ initial }: { initial: DesignerInitial }) {
  const { t } = useI18n();
  const toast = useToast();
  const d = useDesigner(initial);
  const [tab, setTab] = useState<DesignerTab>("design");
  const [selected, setSelected] = useState<FieldPath | null>(null);
  const [jsonText, setJsonText] = useState<string | null>(null);
  const [leaveJsonFor, setLeaveJsonFor] = useState<DesignerTab | null>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  const [discardOpen, setDiscardOpen] = useState(false);
  const [deletePath, setDeletePath] = useState<FieldPath | null>(null);
  const [removeAsk, setRemoveAsk] = useState<{ path: FieldPath; dependents: Dependent[] } | null>(null);
  // The field as it was when the migration began: a key rename moves it, and the dialog stays to show the result.
  const [migrating, setMigrating] = useState<{ path: FieldPath; key: string; label: string; kind: FieldKind } | null>(null);
  const [focusLabel, setFocusLabel] = useState(0);
  const [bannerSignal, setBannerSignal] = useState(0);
  const wide = useSyncExternalStore(subscribeWide, () => window.matchMedia(WIDE).matches, () => false);
  const [sideChoice, setSideChoice] = useState<boolean | null>(null);
  const side = sideChoice ?? wide;
  useUnsavedGuard(d.dirty || jsonText !== null, t.designer.leaveConfirm);

  const problems = useMemo(() => mergeProblems(d.problems, d.serverProblems), [d.problems, d.serverProblems]);
  const labels = useMemo(() => Object.fromEntries(allFields(d.model).map((e) => [e.place.path, e.field.label])), [d.model]);
  const { setModel, save } = d;
  const change = useCallback(
    (model: DesignerModel, select?: FieldPath | null) => {
      setModel(model);
      if (select !== undefined) setSelected(select);
    },
    [setModel],
  );

  // After adding a field, its label is ready to type and its row is in view.
  useEffect(() => {
    if (!focusLabel) return;
    // Selected, so that typing replaces the placeholder label ("单行文本") instead of adding to it.
    const label = document.getElementById(LABEL_INPUT_ID) as HTMLInputElement | null;
    label?.focus();
    label?.select();
    if (selected) document.querySelector(`[data-path="${CSS.escape(selected)}"]`)?.scrollIntoView({ block: "nearest" });
  }, [focusLabel]); // eslint-disable-line react-hooks/exhaustive-deps -- runs once per add

  const { dirty } = d;
  const saveNow = useCallback(async () => {
    if (!dirty) return toast(t.designer.toasts.nothingToSave, "info");
    const out = await save(true);
    if (!out) return;
    if (out.ok) toast(t.designer.toasts.saved);
    else if (out.error.status === 422) toast(fmt(t.designer.toasts.refused, { n: problemsOfError(out.error).length }), "error");
    else if (out.error.status !== 409) toast(out.error.message, "error");
  }, [dirty, save, toast, t]);

  // Ctrl+S / Cmd+S saves the draft, as in the record form.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void saveNow();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [saveNow]);

  const selectTab = (next: DesignerTab) => {
    if (tab === "json" && next !== "json" && jsonText !== null) setLeaveJsonFor(next);
    else setTab(next);
  };
  const addKind = (kind: FieldKind) => {
    const r = addFromPalette(d.model, { kind, selected, label: t.designer.kinds[kind], sectionLabel: t.designer.kinds.section, columnLabel: t.designer.palette.firstColumn });
    change(withDefaultTitle(r.model), r.path);
    setFocusLabel((n) => n + 1);
  };
  const removeNow = (path: FieldPath) => {
    change(removeField(d.model, path));
    toast(fmt(t.designer.canvas.removed, { label: getField(d.model, path)?.label ?? path }), "info");
  };
  // Removing what something else relies on (a required field, the record title, a list column,
  // a condition's source) asks first and says what; anything else is removed at once (恢复 undoes it).
  const remove = (path: FieldPath) => {
    const dependents = dependentsOf(d.model, path);
    if (dependents.length > 0) setRemoveAsk({ path, dependents });
    else removeNow(path);
  };
  const isPublished = (path: FieldPath) => d.publishedPaths.has(path);
  /** Goes to a problem's place: its field selected and focused, or the template's own problems above the canvas. */
  const pickProblem = (path: FieldPath) => {
    setTab("design");
    if (path) setSelected(path);
    // Bring the place into view once the design tab has rendered it.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(path ? `[data-path="${CSS.escape(path)}"]` : `#${TEMPLATE_PROBLEMS_ID}`)?.focus());
  };
  const status = saveStatus({ saving: d.saving, conflict: d.conflict !== null, saveError: d.saveError !== null, dirty: d.dirty, problems: d.blockingCount, hasDraft: d.draft !== null });
  const canDiscard = d.draft ? d.template.currentVersion > 0 : d.dirty;
  const startMigration = (path: FieldPath) => {
    const f = getField(d.model, path);
    if (f) setMigrating({ path, key: f.key, label: f.label, kind: f.kind });
  };
  const deleteLabel = deletePath ? (getField(d.model, deletePath)?.label ?? deletePath) : "";
  const deleteDependents = deletePath ? dependentsOf(d.model, deletePath) : [];

  return (
    <div className="@container flex flex-col gap-4">
      <DesignerHeader
        name={d.template.name}
        templateKey={d.template.key}
        version={d.template.currentVersion}
        status={status}
        savedAt={d.draft?.updatedAt ?? null}
        saveError={d.saveError}
        problems={problems}
        checking={d.preview === null}
        model={d.model}
        canDiscard={canDiscard}
        discardHint={d.draft && d.template.currentVersion === 0 ? t.designer.discard.unpublished : undefined}
        saving={d.saving}
        onPickProblem={pickProblem}
        onSave={() => void saveNow()}
        onDiscard={() => setDiscardOpen(true)}
        onPublish={() => setPublishOpen(true)}
      />
      {/* A migration left running in the background (or stopped by a restart) shows here with 继续. */}
      <MigrationBanner templateKey={d.template.key} refreshSignal={bannerSignal} labels={labels} onFinished={() => void d.reload()} />
      <DesignerTabs
        tab={tab}
        onSelect={selectTab}
        extra={
          tab === "design" ? (
            <label className="flex items-center gap-2 text-sm text-slate-600">
              <input type="checkbox" className="size-4 accent-blue-600" checked={side} onChange={(e) => setSideChoice(e.target.checked)} />
              {t.designer.preview.side}
            </label>
          ) : null
        }
      />
      <div role="tabpanel" id={`designer-panel-${tab}`} aria-labelledby={`designer-tab-${tab}`}>
        {tab === "design" && (
          <div className={side ? "grid gap-6 @6xl:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)]" : undefined}>
            <DesignView
              model={d.model}
              onChange={change}
              onAddKind={addKind}
              problems={problems}
              api={{
                selected,
                select: setSelected,
                isPublished,
                hasPublished: d.publishedPaths.size > 0,
                moveStep: (path, delta) => {
                  const next = moveStep(d.model, path, delta);
                  if (next) change(next);
                },
                remove,
                restore: (path) => change(restoreField(d.model, path)),
                requestDelete: setDeletePath,
              }}
              side={
                <PropertiesPanel
                  model={d.model}
                  path={selected}
                  published={selected ? isPublished(selected) : false}
                  problems={problems.filter((p) => p.path === (selected ?? ""))}
                  onModel={change}
                  onRemove={remove}
                  onRestore={(path) => change(restoreField(d.model, path))}
                  onDelete={setDeletePath}
                  onMigrate={startMigration}
                  onDeselect={() => setSelected(null)}
                />
              }
            />
            {side && <PreviewView preview={d.preview} compact />}
          </div>
        )}
        {tab === "preview" && <PreviewView preview={d.preview} />}
        {tab === "json" && <JsonView model={d.model} check={d.check} text={jsonText} onText={setJsonText} onApply={d.applyContent} busy={d.saving} />}
      </div>

      <PublishDialog
        open={publishOpen}
        onClose={() => setPublishOpen(false)}
        designer={d}
        onPublished={() => setPublishOpen(false)}
        onPickProblem={(path) => {
          setPublishOpen(false);
          pickProblem(path);
        }}
      />
      <ConfirmDialog
        open={discardOpen}
        title={t.designer.discard.title}
        description={d.draft ? fmt(t.designer.discard.body, { n: d.template.currentVersion }) : t.designer.discard.bodyLocal}
        confirmLabel={t.designer.discard.confirm}
        danger
        onCancel={() => setDiscardOpen(false)}
        onConfirm={async () => {
          setDiscardOpen(false);
          const out = await d.discard();
          if (out.ok) {
            setSelected(null);
            toast(t.designer.toasts.discarded);
          } else toast(out.error.message, "error");
        }}
      />
      <ConfirmDialog
        open={removeAsk !== null}
        title={fmt(t.designer.canvas.removeTitle, { label: removeAsk ? (getField(d.model, removeAsk.path)?.label ?? removeAsk.path) : "" })}
        description={
          <>
            {t.designer.canvas.removeBody}
            <DependentsList dependents={removeAsk?.dependents ?? []} />
          </>
        }
        confirmLabel={t.designer.canvas.removeConfirm}
        danger
        onCancel={() => setRemoveAsk(null)}
        onConfirm={() => {
          if (removeAsk) removeNow(removeAsk.path);
          setRemoveAsk(null);
        }}
      />
      <ConfirmDialog
        open={deletePath !== null}
        title={fmt(t.designer.canvas.deleteTitle, { label: deleteLabel })}
        description={
          <>
            {t.designer.canvas.deleteBody}
            {deleteDependents.length > 0 && (
              <>
                <span className="mt-2 block">{t.designer.canvas.deleteDependents}</span>
                <DependentsList dependents={deleteDependents} />
              </>
            )}
          </>
        }
        confirmLabel={t.designer.canvas.delete}
        danger
        onCancel={() => setDeletePath(null)}
        onConfirm={() => {
          if (deletePath) change(deleteField(d.model, deletePath), selected === deletePath || selected?.startsWith(`${deletePath}.`) ? null : (selected ?? undefined));
          setDeletePath(null);
        }}
      />
      <ConfirmDialog
        open={leaveJsonFor !== null}
        title={t.designer.json.leaveTitle}
        description={t.designer.json.leaveBody}
        confirmLabel={t.designer.json.leaveConfirm}
        danger
        onCancel={() => setLeaveJsonFor(null)}
        onConfirm={() => {
          setJsonText(null);
          setTab(leaveJsonFor ?? "design");
          setLeaveJsonFor(null);
        }}
      />
      <Dialog
        open={d.conflictShown}
        onClose={d.hideConflict}
        title={t.designer.conflict.title}
        footer={
          <>
            <Button onClick={d.hideConflict}>{t.designer.conflict.keep}</Button>
            <Button variant="primary" onClick={() => void d.reload().then((ok) => (ok ? setSelected(null) : toast(t.common.errors.network, "error")))}>
              {t.designer.conflict.reload}
            </Button>
          </>
        }
      >
        <p>{d.conflict?.message}</p>
        <p className="mt-2">{t.designer.conflict.body}</p>
      </Dialog>
      {migrating && (
        <MigrationDialog
          templateKey={d.template.key}
          field={migrating}
          open
          onClose={() => {
            setMigrating(null);
            setBannerSignal((n) => n + 1);
          }}
          onDone={() => {
            // The dialog stays open with the outcome (failures listed); the designer loads the new version behind it.
            setSelected(null);
            void d.reload().then((ok) => !ok && toast(t.common.errors.network, "error"));
          }}
        />
      )}
    </div>
  );
}
