"use client";

import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import type { DesignerProblem } from "@/lib/template-model/check-model";
import { fromContent } from "@/lib/template-model/from-content";
import type { DesignerModel } from "@/lib/template-model/model";
import { allFields } from "@/lib/template-model/model-paths";
import { toContent } from "@/lib/template-model/to-content";
import type { TemplateContent } from "@/lib/schema/types";
import type { DraftInfo, TemplateAdminSummary, TemplateForEdit } from "@/lib/templates/edit-types";
import { ApiError, apiFetch } from "../api-client";
import { useI18n } from "../i18n-provider";
import { useCheckedContent, useDesignCheck } from "./use-design-check";

/** How long after the last valid change the draft saves itself. */
export const AUTOSAVE_MS = 1500;

/** What the designer page starts from: the draft to edit and the current published content. */
export interface DesignerInitial {
  edit: TemplateForEdit;
  published: TemplateContent | null;
}

export type SaveOutcome = { ok: true } | { ok: false; error: ApiError };

/** The field paths of published content (these keys and places are fixed). */
export function publishedPathsOf(published: TemplateContent | null): Set<string> {
  return new Set(published ? allFields(fromContent(published)).map((e) => e.place.path) : []);
}

/** Designer problems from a 422's details (or its field errors, when the details are missing). */
export function problemsOfError(err: ApiError): DesignerProblem[] {
  const listed = err.details.problems;
  if (Array.isArray(listed)) return listed as DesignerProblem[];
  return err.fieldErrors.map((e) => ({ path: e.path.split("/").filter(Boolean).join("."), property: e.keyword === "template" ? undefined : e.keyword, message: e.message }));
}

/**
 * The designer's state and its conversation with the draft API: the model being edited, what the
 * server last accepted (baseline and revision), checks run in the background, autosave after a
 * valid change, explicit saves, applying JSON, discarding, conflicts and reloading.
 */
export function useDesigner(initial: DesignerInitial) {
  const { locale } = useI18n();
  const key = initial.edit.template.key;
  const url = `/api/templates/${encodeURIComponent(key)}/draft`;
  const [template, setTemplate] = useState<TemplateAdminSummary>(initial.edit.template);
  const [draft, setDraft] = useState<DraftInfo | null>(initial.edit.draft);
  const [published, setPublished] = useState<TemplateContent | null>(initial.published);
  const [model, setModel] = useState<DesignerModel>(initial.edit.model);
  const [baseline, setBaseline] = useState(() => JSON.stringify(initial.edit.model));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [conflictShown, setConflictShown] = useState(false);
  // A refusal's problems, with the model they were about: they show until the model changes.
  const [refusal, setRefusal] = useState<{ model: DesignerModel; problems: DesignerProblem[] } | null>(null);
  const revision = useRef(initial.edit.template.revision);
  const pending = useRef<Promise<SaveOutcome> | null>(null);
  // What the server holds, known at once (state reaches `latest` only after a render).
  const savedJson = useRef(baseline);
  const latest = useRef({ model, published, conflict, locale });
  useEffect(() => {
    latest.current = { model, published, conflict, locale };
  });

  const dirty = useMemo(() => JSON.stringify(model) !== baseline, [model, baseline]);
  const publishedPaths = useMemo(() => publishedPathsOf(published), [published]);
  // The checks compile the whole template, on the server (the page may not compile code): ask
  // about a deferred copy so typing stays fluid. Everything publishing would refuse is shown;
  // only problems without `publishOnly` keep the draft from saving.
  const check = useDesignCheck(key, locale);
  const deferred = useDeferredValue(model);
  const content = useMemo(() => toContent(deferred), [deferred]);
  const { checked } = useCheckedContent(content, check);
  const checks = useMemo(() => {
    const all = checked?.result.problems ?? [];
    return { all, blocking: all.filter((p) => !p.publishOnly) };
  }, [checked]);
  const serverProblems = refusal && refusal.model === model ? refusal.problems : [];

  const accept = useCallback((res: TemplateForEdit, next?: DesignerModel) => {
    revision.current = res.template.revision;
    setTemplate(res.template);
    setDraft(res.draft);
    setRefusal(null);
    setSaveError(null);
    if (next) {
      savedJson.current = JSON.stringify(next);
      setModel(next);
      setBaseline(savedJson.current);
    }
  }, []);

  const fail = useCallback((err: unknown, sent?: DesignerModel): ApiError => {
    const e = err instanceof ApiError ? err : new ApiError(0, "INTERNAL", (err as Error).message);
    if (e.status === 409) {
      setConflict(e);
      setConflictShown(true);
    } else if (e.status === 422 && sent) setRefusal({ model: sent, problems: problemsOfError(e) });
    else setSaveError(e.message);
    return e;
  }, []);

  /**
   * Saves the model as the draft. Autosaves skip models the checks reject and give way to a save
   * in flight; explicit saves wait for it, then let the server judge.
   */
  const save = useCallback(
    async (explicit: boolean): Promise<SaveOutcome | null> => {
      if (!explicit) {
        // Autosave only what the checks pass, and only while it is still what is being edited.
        const asked = latest.current.model;
        const verdict = await check(toContent(asked)).catch(() => null);
        if (!verdict || verdict.problems.some((p) => !p.publishOnly) || latest.current.model !== asked) return null;
      }
      if (pending.current) {
        if (!explicit) return null;
        await pending.current.catch(() => null);
      }
      const { model: m, conflict: c } = latest.current;
      if (c && !explicit) return null;
      const json = JSON.stringify(m);
      if (json === savedJson.current) return { ok: true };
      const run = (async (): Promise<SaveOutcome> => {
        setSaving(true);
        try {
          const res = await apiFetch<TemplateForEdit>(url, { method: "PUT", body: { revision: revision.current, model: m } });
          accept(res);
          savedJson.current = json;
          setBaseline(json);
          return { ok: true };
        } catch (err) {
          return { ok: false, error: fail(err, m) };
        } finally {
          setSaving(false);
        }
      })();
      pending.current = run;
      try {
        return await run;
      } finally {
        pending.current = null;
      }
    },
    [url, accept, fail, check],
  );

  // Autosave: a while after the last change, when nothing is in flight and the checks pass.
  useEffect(() => {
    if (!dirty || saving || conflict) return;
    const timer = window.setTimeout(() => void save(false), AUTOSAVE_MS);
    return () => window.clearTimeout(timer);
  }, [model, dirty, saving, conflict, save]);

  /** Replaces the draft with JSON content; on success the model is what the server read from it. */
  const applyContent = useCallback(
    async (content: TemplateContent): Promise<SaveOutcome> => {
      await pending.current?.catch(() => null);
      setSaving(true);
      try {
        const res = await apiFetch<TemplateForEdit>(url, { method: "PUT", body: { revision: revision.current, content } });
        accept(res, res.model);
        return { ok: true };
      } catch (err) {
        const e = err instanceof ApiError ? err : new ApiError(0, "INTERNAL", (err as Error).message);
        if (e.status === 409) fail(e);
        return { ok: false, error: e };
      } finally {
        setSaving(false);
      }
    },
    [url, accept, fail],
  );

  /** Loads the draft and the published version again (after a conflict, a publish or a migration). */
  const reload = useCallback(async (): Promise<boolean> => {
    try {
      const [edit, current] = await Promise.all([
        apiFetch<TemplateForEdit>(url),
        apiFetch<{ content: TemplateContent | null }>(`/api/templates/${encodeURIComponent(key)}`),
      ]);
      setConflict(null);
      setConflictShown(false);
      setPublished(current.content);
      accept(edit, edit.model);
      return true;
    } catch (err) {
      setSaveError((err as Error).message);
      return false;
    }
  }, [url, key, accept]);

  /** Throws the saved draft away (or just the unsaved changes when there is none). */
  const discard = useCallback(async (): Promise<SaveOutcome> => {
    if (!draft) {
      setModel(JSON.parse(baseline) as DesignerModel);
      return { ok: true };
    }
    try {
      const res = await apiFetch<TemplateForEdit>(`${url}?revision=${revision.current}`, { method: "DELETE" });
      accept(res, res.model);
      return { ok: true };
    } catch (err) {
      return { ok: false, error: fail(err) };
    }
  }, [draft, baseline, url, accept, fail]);

  return {
    template,
    draft,
    published,
    publishedPaths,
    model,
    setModel,
    dirty,
    saving,
    saveError,
    conflict,
    conflictShown,
    hideConflict: () => setConflictShown(false),
    problems: checks.all,
    blockingCount: checks.blocking.length,
    /** The content the last checks were about and its preview validators (null before the first). */
    preview: checked,
    check,
    serverProblems,
    revision,
    save,
    applyContent,
    reload,
    discard,
  };
}

export type Designer = ReturnType<typeof useDesigner>;
