"use client";

import Form from "@rjsf/core";
import type { RJSFSchema, ValidatorType } from "@rjsf/utils";
import { useMemo, type Dispatch, type ReactNode, type SetStateAction } from "react";
import type { FieldError } from "@/lib/schema/messages";
import { deriveFromIds } from "@/lib/schema/normalize";
import type { JsonSchema, UiSchema } from "@/lib/schema/types";
import { useI18n } from "../i18n-provider";
import { pathOfId, toErrorSchema } from "./error-schema";
import { RootDataContext, type FormContext } from "./theme/context";
import { templates } from "./theme/templates";
import { translate } from "./theme/translate";
import { widgets } from "./theme/widgets";

export interface GeneratedFormProps {
  schema: JsonSchema;
  uiSchema: UiSchema;
  /** rjsf's validator for this very schema (precompiled: the page may not compile code). */
  validator: ValidatorType;
  data: Record<string, unknown>;
  setData: Dispatch<SetStateAction<Record<string, unknown>>>;
  /** The messages to show next to their fields (already filtered to touched fields or all). */
  errors: FieldError[];
  /** Called with a field's path when it is left. */
  onLeave: (path: string) => void;
  onSubmit: () => void;
  /** Rendered at the end of the form (the save bar); nothing by default. */
  children?: ReactNode;
}

/**
 * rjsf with Dossier's theme, widgets, conditions and messages: the one place the generated form is
 * put together, for the record form and the designer's preview alike. Validation is not rjsf's:
 * the shared validator's messages come in through `errors`.
 */
export function GeneratedForm({ schema, uiSchema, validator, data, setData, errors, onLeave, onSubmit, children }: GeneratedFormProps) {
  const { locale } = useI18n();
  // rjsf re-renders every field when extraErrors changes identity, so keep it stable while equal.
  const errorsKey = JSON.stringify(errors);
  const extraErrors = useMemo(() => toErrorSchema(JSON.parse(errorsKey) as FieldError[]), [errorsKey]);
  // Stable while typing: the record itself reaches the templates through RootDataContext.
  const formContext: FormContext = useMemo(() => ({ locale }), [locale]);
  return (
    <RootDataContext.Provider value={data}>
      <Form
        schema={schema as RJSFSchema}
        uiSchema={uiSchema}
        formData={data}
        validator={validator}
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
        onBlur={(id) => onLeave(pathOfId(id))}
        onSubmit={onSubmit}
      >
        {children ?? <></>}
      </Form>
    </RootDataContext.Provider>
  );
}
