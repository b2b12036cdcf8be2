"use client";

import { getDefaultFormState, type RJSFSchema } from "@rjsf/utils";
import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { fmt } from "@/lib/i18n/dictionaries";
import { checkData } from "@/lib/schema/check-data";
import type { FieldError } from "@/lib/schema/messages";
import { prepareData } from "@/lib/schema/prepare-data";
import type { ValidatorRef } from "@/lib/schema/standalone-runtime";
import type { JsonSchema, UiSchema } from "@/lib/schema/types";
import { ApiError, apiFetch } from "../api-client";
import { useI18n } from "../i18n-provider";
import { LocalDateTime } from "../ui/local-date-time";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ErrorSummary } from "../record-form/error-summary";
import { isTouched } from "../record-form/error-schema";
import { GeneratedForm } from "../record-form/generated-form";
import { useTouched } from "../record-form/use-touched";
import type { FormValidators } from "../record-form/use-validators";
import { WithValidators } from "../record-form/with-validators";

/**
 * The customer's form behind a self-fill link: the generated form restricted to the link's
 * sections, with the same validation as staff use, the privacy notice and consent (when the
 * template asks for it), and a confirmation once submitted. No session: the token in the address
 * is the credential, sent back with the submission.
 */
export function SelfFillForm({ validator, ...props }: SelfFillFormProps) {
  // The schema's validators are precompiled on the server (the Content-Security-Policy allows no
  // compiling in the browser): the form shows once they are loaded.
  const form = useMemo(() => ({ schema: props.schema }), [props.schema]);
  return (
    <WithValidators validator={validator} form={form}>
      {(validators) => <SelfFillFormBody {...props} validators={validators} />}
    </WithValidators>
  );
}

interface SelfFillFormProps {
  token: string;
  schema: JsonSchema;
  uiSchema: UiSchema;
  initialData: Record<string, unknown>;
  consentRequired: boolean;
  notice: string;
  expiresAt: string;
  /** Some personal data on file is shown only as masked hints. */
  masked: boolean;
  /** Where the precompiled validators of `schema` load from. */
  validator: ValidatorRef;
}

function SelfFillFormBody({
  validators,
  token,
  schema,
  uiSchema,
  initialData,
  consentRequired,
  notice,
  expiresAt,
  masked,
}: Omit<SelfFillFormProps, "validator"> & { validators: FormValidators }) {
  const { t, locale } = useI18n();
  const s = t.selfFill.public;
  const id = useId();
  const [data, setData] = useState<Record<string, unknown>>(() => getDefaultFormState(validators.rjsf, schema as RJSFSchema, initialData, schema as RJSFSchema) as Record<string, unknown>);
  const { touched, touch } = useTouched();
  const [attempted, setAttempted] = useState(false);
  const [consent, setConsent] = useState(false);
  const [consentError, setConsentError] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState(false);
  // Made once when the form loads: a double click or a retry sends the same id and is stored once.
  const [submissionId] = useState(newSubmissionId);
  const summaryRef = useRef<HTMLDivElement>(null);

  const errors = useMemo(() => checkData(schema, prepareData(schema, data), validators.data, locale), [schema, data, validators, locale]);
  const shown = useMemo(() => [...errors.filter((e) => attempted || isTouched(e.path, touched)), ...serverErrors], [errors, attempted, touched, serverErrors]);

  const submit = async () => {
    if (sending) return;
    setAttempted(true);
    setFailure(null);
    setServerErrors([]);
    if (errors.length > 0) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    if (consentRequired && !consent) {
      setConsentError(true);
      document.getElementById(`${id}-consent`)?.focus();
      return;
    }
    setSending(true);
    try {
      await apiFetch(`/api/public/self-fill/${encodeURIComponent(token)}`, { method: "POST", body: { data: prepareData(schema, data), consent: consentRequired ? consent : undefined, submissionId } });
      setDone(true);
      window.scrollTo({ top: 0 });
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, "INTERNAL", t.common.errors.generic);
      if (e.fieldErrors.length > 0 && e.code === "VALIDATION") {
        setServerErrors(e.fieldErrors);
        requestAnimationFrame(() => summaryRef.current?.focus());
      } else setFailure(e.message);
    } finally {
      setSending(false);
    }
  };

  // Enter in a one-line field must not submit the form half filled in.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = e.target as HTMLElement;
    if (e.key === "Enter" && el.tagName === "INPUT" && (el as HTMLInputElement).type !== "submit") e.preventDefault();
  };

  if (done)
    return (
      <div role="status" className="rounded-xl border border-green-200 bg-green-50 px-5 py-8 text-center" data-testid="self-fill-done">
        <div className="mx-auto mb-3 flex size-12 items-center justify-center rounded-full bg-green-600 text-xl text-white" aria-hidden>
          ✓
        </div>
        <h2 className="text-lg font-semibold text-green-900">{s.doneTitle}</h2>
        <p className="mt-2 text-sm text-green-800">{s.doneBody}</p>
      </div>
    );

  return (
    <div onKeyDown={onKeyDown} className="flex flex-col gap-4">
      <p className="text-xs text-slate-500">
        {fmt(s.expires, { at: "{at}" })
          .split("{at}")
          .map((part, i) => (i === 0 ? <span key={i}>{part}</span> : [<LocalDateTime key={`at${i}`} iso={expiresAt} />, <span key={i}>{part}</span>]))}
      </p>
      {masked && <Alert tone="info">{s.maskedHint}</Alert>}
      {failure && (
        <Alert tone="error" title={s.failed}>
          {failure}
        </Alert>
      )}
      <ErrorSummary ref={summaryRef} errors={attempted ? shown : []} />
      <GeneratedForm schema={schema} uiSchema={uiSchema} validator={validators.rjsf} data={data} setData={setData} errors={shown} onLeave={touch} onSubmit={() => void submit()}>
        <section aria-labelledby={`${id}-notice`} className="mt-4 rounded-xl border border-slate-200 bg-white p-4 text-sm">
          <h2 id={`${id}-notice`} className="mb-2 font-semibold text-slate-900">
            {s.noticeTitle}
          </h2>
          <p className="whitespace-pre-line text-slate-600">{notice || s.defaultNotice}</p>
          {consentRequired && (
            <label className="mt-3 flex items-start gap-2 text-slate-800">
              <input
                id={`${id}-consent`}
                type="checkbox"
                className="mt-0.5 size-5 shrink-0 accent-blue-600"
                checked={consent}
                aria-invalid={consentError && !consent}
                aria-describedby={consentError && !consent ? `${id}-consent-error` : undefined}
                onChange={(e) => {
                  setConsent(e.target.checked);
                  setConsentError(false);
                }}
              />
              <span>{s.consent}</span>
            </label>
          )}
          {consentError && !consent && (
            <p id={`${id}-consent-error`} className="mt-2 text-red-700" role="alert">
              {s.consentMissing}
            </p>
          )}
        </section>
        <div className="sticky bottom-0 mt-4 -mx-3 border-t border-slate-200 bg-white/95 px-3 py-3 backdrop-blur">
          <Button type="submit" variant="primary" className="w-full" busy={sending}>
            {sending ? s.submitting : s.submit}
          </Button>
        </div>
      </GeneratedForm>
    </div>
  );
}

/** A random id for one load of the form (getRandomValues works outside secure contexts too, unlike randomUUID). */
function newSubmissionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
