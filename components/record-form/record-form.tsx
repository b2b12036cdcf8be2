"use client";

import { getDefaultFormState, type RJSFSchema } from "@rjsf/utils";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import { formatDateTime } from "@/lib/schema/format-value";
import type { FieldError } from "@/lib/schema/messages";
import type { ValidatorRef } from "@/lib/schema/standalone-runtime";
import type { JsonSchema, UiSchema } from "@/lib/schema/types";
import { checkData } from "@/lib/schema/check-data";
import { prepareData } from "@/lib/schema/prepare-data";
import { isVisible } from "@/lib/schema/visibility";
import { ApiError, apiFetch } from "../api-client";
import { useI18n } from "../i18n-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useToast } from "../ui/toast";
import { ConflictDialog } from "./conflict-dialog";
import { ErrorSummary } from "./error-summary";
import { isTouched, valueAt } from "./error-schema";
import { GeneratedForm } from "./generated-form";
import { SaveBar } from "./save-bar";
import { SectionIndex } from "./section-index";
import { draftKey, useLocalDraft } from "./use-local-draft";
import { useTouched } from "./use-touched";
import { useUnsavedGuard } from "./use-unsaved-guard";
import type { FormValidators } from "./use-validators";
import { WithValidators } from "./with-validators";

export interface RecordFormProps {
  templateKey: string;
  /** Who is typing: drafts are kept per user, so that the next person at a shared computer never sees them. */
  userId: string;
  schema: JsonSchema;
  uiSchema: UiSchema;
  /** Where the schema's precompiled validators load from (publishedValidatorRef). */
  validator: ValidatorRef;
  initialData: Record<string, unknown>;
  /** Set when editing: the record and the revision the edit starts from. */
  recordId?: string;
  revision?: number;
  cancelHref: string;
}

type ServerError = { error: FieldError; value: unknown };

/**
 * The generated entry form: rjsf renders the template; validation is the shared validator the
 * server runs too (precompiled there, loaded as a script), shown next to each field once it was
 * left (everything after a save attempt). What was typed survives failed saves, conflicts and
 * reloads (local draft).
 */
export function RecordForm({ validator, ...props }: RecordFormProps) {
  const form = useMemo(() => ({ schema: props.schema }), [props.schema]);
  return (
    <WithValidators validator={validator} form={form}>
      {(validators) => <RecordFormBody {...props} validators={validators} />}
    </WithValidators>
  );
}

function RecordFormBody({ templateKey, userId, schema, uiSchema, validators, initialData, recordId, revision, cancelHref }: Omit<RecordFormProps, "validator"> & { validators: FormValidators }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const toast = useToast();
  const [start] = useState(() => getDefaultFormState(validators.rjsf, schema as RJSFSchema, initialData, schema as RJSFSchema) as Record<string, unknown>);
  const [baseline, setBaseline] = useState(() => JSON.stringify(start));
  const [data, setData] = useState<Record<string, unknown>>(start);
  const { touched, touch } = useTouched();
  // The error paths at the last save attempt: those show everywhere from then on. Fields that
  // appear later (a row added, a section switched on) start clean until left or saved again.
  const [attempted, setAttempted] = useState<Set<string> | null>(null);
  const [serverErrors, setServerErrors] = useState<ServerError[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // The revision this edit builds on: the loaded one, or the newer one the user chose to overwrite.
  const [baseRevision, setBaseRevision] = useState(revision);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Set from the moment a save is sent until it fails: a second Ctrl+S or click while the request
  // is out, or while the page moves on after success, must not send the record again.
  const inFlight = useRef(false);

  const dirty = JSON.stringify(data) !== baseline;
  const errors = useMemo(() => checkData(schema, prepareData(schema, data), validators.data, locale), [schema, data, locale, validators]);
  const liveServerErrors = useMemo(() => serverErrors.filter((s) => JSON.stringify(valueAt(data, s.error.path)) === JSON.stringify(s.value)).map((s) => s.error), [serverErrors, data]);
  const shownErrors = useMemo(() => [...errors.filter((e) => attempted?.has(e.path) || isTouched(e.path, touched)), ...liveServerErrors], [errors, attempted, touched, liveServerErrors]);
  const draft = useLocalDraft({ key: draftKey({ userId, templateKey, recordId }), data, dirty: dirty && !leaving, baseRevision: revision ?? null });
  const guard = useUnsavedGuard(dirty && !leaving, t.form.leaveConfirm);

  const sections = useMemo(() => {
    const order = (uiSchema["ui:order"] as string[] | undefined) ?? [];
    const keys = Object.keys(schema.properties ?? {}).sort((a, b) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999));
    return keys
      .filter((k) => !schema.properties![k]["x-removed"] && isVisible(schema.properties![k]["x-visibleWhen"], data, data))
      .map((k) => ({ key: k, title: schema.properties![k].title ?? k, errors: shownErrors.filter((e) => e.path === `/${k}` || e.path.startsWith(`/${k}/`)).length }));
  }, [schema, uiSchema, data, shownErrors]);

  const save = useCallback(
    async (overrideRevision?: number) => {
      if (inFlight.current) return;
      setAttempted(new Set(errors.map((e) => e.path)));
      setFormError(null);
      if (errors.length > 0) {
        requestAnimationFrame(() => summaryRef.current?.focus());
        return;
      }
      // Saving an unchanged edit would only say "saved" about nothing; say so and stay.
      if (recordId && !dirty && overrideRevision === undefined) {
        toast(t.form.noChanges);
        return;
      }
      const payload = prepareData(schema, data);
      inFlight.current = true;
      setSaving(true);
      try {
        const base = `/api/templates/${encodeURIComponent(templateKey)}/records`;
        const res = recordId
          ? await apiFetch<{ record: { id: string } }>(`${base}/${recordId}`, { method: "PUT", body: { data: payload, revision: overrideRevision ?? baseRevision } })
          : await apiFetch<{ record: { id: string } }>(base, { method: "POST", body: { data: payload } });
        setLeaving(true);
        draft.clear();
        setBaseline(JSON.stringify(data));
        toast(recordId ? t.form.updated : t.form.created);
        router.push(`/t/${encodeURIComponent(templateKey)}/r/${res.record.id}`);
        router.refresh();
      } catch (err) {
        inFlight.current = false;
        setSaving(false);
        const e = err instanceof ApiError ? err : new ApiError(0, "INTERNAL", t.common.errors.generic);
        if (e.code === "CONFLICT" && e.details.currentRevision) setConflict(e);
        else if (e.fieldErrors.length > 0) {
          setServerErrors(e.fieldErrors.map((fe) => ({ error: fe, value: valueAt(data, fe.path) })));
          requestAnimationFrame(() => summaryRef.current?.focus());
        } else setFormError(e.message);
      }
    },
    [errors, schema, data, dirty, templateKey, recordId, baseRevision, draft, toast, t, router],
  );

  // Ctrl+S / Cmd+S saves, as in the desktop tools people are used to. Not while a dialog is open
  // (conflict, discard, anything modal): the page behind is inert, and a save from there would
  // bypass the choice the dialog is asking for. The browser's own "save page" stays suppressed.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "s") {
        e.preventDefault();
        if (document.querySelector("dialog[open]")) return;
        if (!saving) void save();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [save, saving]);

  // Enter in a one-line field must not submit half a customer file.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = e.target as HTMLElement;
    if (e.key === "Enter" && el.tagName === "INPUT" && (el as HTMLInputElement).type !== "submit") e.preventDefault();
  };

  const cancel = () => (dirty ? setConfirmCancel(true) : router.push(cancelHref));
  const visibleErrors = attempted ? shownErrors : [];

  return (
    <div className="flex gap-8">
      <div className="min-w-0 flex-1" onKeyDown={onKeyDown}>
        {draft.offered && (
          <Alert
            tone="info"
            className="mb-4"
            title={fmt(t.form.draftFound, { time: formatDateTime(draft.offered.savedAt) })}
            actions={
              <>
                <Button
                  size="sm"
                  variant="primary"
                  onClick={() => {
                    setData(draft.offered!.data as Record<string, unknown>);
                    draft.dismiss();
                  }}
                >
                  {t.form.draftRestore}
                </Button>
                <Button size="sm" onClick={draft.dismiss}>
                  {t.form.draftDiscard}
                </Button>
              </>
            }
          >
            {draft.offered.baseRevision !== (revision ?? null) ? t.form.draftStale : null}
          </Alert>
        )}
        {formError && (
          <Alert tone="error" className="mb-4" title={t.form.saveFailed}>
            {formError}
          </Alert>
        )}
        <div className="mb-4">
          <ErrorSummary ref={summaryRef} errors={visibleErrors} />
        </div>
        <GeneratedForm schema={schema} uiSchema={uiSchema} validator={validators.rjsf} data={data} setData={setData} errors={shownErrors} onLeave={touch} onSubmit={() => void save()}>
          <SaveBar dirty={dirty} errorCount={visibleErrors.length} saving={saving} onCancel={cancel} />
        </GeneratedForm>
      </div>
      <SectionIndex sections={sections} />
      <ConfirmDialog
        open={confirmCancel}
        title={t.form.cancelTitle}
        description={t.form.cancelBody}
        confirmLabel={t.form.cancelConfirm}
        danger
        onCancel={() => setConfirmCancel(false)}
        onConfirm={() => {
          setLeaving(true);
          draft.clear();
          router.push(cancelHref);
        }}
      />
      <ConflictDialog
        error={conflict}
        latestHref={recordId ? `/t/${encodeURIComponent(templateKey)}/r/${recordId}` : cancelHref}
        onClose={() => setConflict(null)}
        onReload={() => {
          setLeaving(true);
          draft.clear();
          // The user chose to drop their input: no "leave page?" prompt on the way.
          guard.release();
          window.location.reload();
        }}
        onOverwrite={(rev) => {
          setConflict(null);
          // If this save fails for another reason, the next one must not conflict again over the same change.
          setBaseRevision(rev);
          void save(rev);
        }}
      />
    </div>
  );
}
