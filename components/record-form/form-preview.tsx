"use client";

import { useMemo, useState, type KeyboardEvent } from "react";
import type { JsonSchema, UiSchema } from "@/lib/schema/types";
import { checkData } from "@/lib/schema/check-data";
import { prepareData } from "@/lib/schema/prepare-data";
import { useI18n } from "../i18n-provider";
import { isTouched } from "./error-schema";
import { GeneratedForm } from "./generated-form";
import { useTouched } from "./use-touched";
import type { FormValidators } from "./use-validators";

/**
 * The record form exactly as agents get it — same theme, widgets, conditions and validation —
 * without saving: for the designer's preview. `showAllErrors` shows every message at once, as
 * after a save attempt; otherwise each field's message appears once it was left.
 */
export function FormPreview({ schema, uiSchema, validators, showAllErrors = false }: { schema: JsonSchema; uiSchema: UiSchema; validators: FormValidators; showAllErrors?: boolean }) {
  const { locale } = useI18n();
  const [data, setData] = useState<Record<string, unknown>>({});
  const { touched, touch } = useTouched();
  const errors = useMemo(() => checkData(schema, prepareData(schema, data), validators.data, locale), [schema, data, locale, validators]);
  const shown = showAllErrors ? errors : errors.filter((e) => isTouched(e.path, touched));
  // As in the record form: Enter in a one-line field must not submit.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT") e.preventDefault();
  };
  return (
    <div onKeyDown={onKeyDown}>
      <GeneratedForm schema={schema} uiSchema={uiSchema} validator={validators.rjsf} data={data} setData={setData} errors={shown} onLeave={touch} onSubmit={() => undefined} />
    </div>
  );
}
