"use client";

import Form from "@rjsf/core";
import type { RJSFSchema } from "@rjsf/utils";
import { useMemo, useState, type KeyboardEvent } from "react";
import type { FieldError } from "@/lib/schema/messages";
import { deriveFromIds } from "@/lib/schema/normalize";
import type { JsonSchema, UiSchema } from "@/lib/schema/types";
import { prepareData, validateData } from "@/lib/schema/validate";
import { useI18n } from "../i18n-provider";
import { isTouched, pathOfId, toErrorSchema } from "./error-schema";
import { rjsfValidator } from "./rjsf-validator";
import type { FormContext } from "./theme/context";
import { templates } from "./theme/templates";
import { translate } from "./theme/translate";
import { widgets } from "./theme/widgets";
import { useTouched } from "./use-touched";

/**
 * The record form exactly as agents get it — same theme, widgets, conditions and validation —
 * without saving: for the designer's preview. `showAllErrors` shows every message at once, as
 * after a save attempt; otherwise each field's message appears once it was left.
 */
export function FormPreview({ schema, uiSchema, showAllErrors = false }: { schema: JsonSchema; uiSchema: UiSchema; showAllErrors?: boolean }) {
  const { locale } = useI18n();
  const [data, setData] = useState<Record<string, unknown>>({});
  const { touched, touch } = useTouched();
  const errors = useMemo(() => validateData(schema, prepareData(schema, data), locale), [schema, data, locale]);
  const shown = showAllErrors ? errors : errors.filter((e) => isTouched(e.path, touched));
  const shownKey = JSON.stringify(shown);
  const extraErrors = useMemo(() => toErrorSchema(JSON.parse(shownKey) as FieldError[]), [shownKey]);
  const formContext: FormContext = useMemo(() => ({ rootData: data, locale }), [data, locale]);
  // As in the record form: Enter in a one-line field must not submit.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT") e.preventDefault();
  };
  return (
    <div onKeyDown={onKeyDown}>
      <Form
        schema={schema as RJSFSchema}
        uiSchema={uiSchema}
        formData={data}
        validator={rjsfValidator}
        templates={templates}
        widgets={widgets}
        formContext={formContext}
        idPrefix="root"
        idSeparator="."
        noValidate
        noHtml5Validate
        showErrorList={false}
        extraErrors={extraErrors}
        translateString={(key, params) => translate(key, params, locale)}
        onChange={(e) => setData((prev) => deriveFromIds(schema, e.formData, prev) as Record<string, unknown>)}
        onBlur={(id) => touch(pathOfId(id))}
        onSubmit={() => undefined}
      >
        <></>
      </Form>
    </div>
  );
}
