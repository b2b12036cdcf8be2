"use client";

import type { ReactNode } from "react";
import type { ValidatorRef } from "@/lib/schema/standalone-runtime";
import { useI18n } from "../i18n-provider";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Spinner } from "../ui/spinner";
import { useValidators, type FormValidators, type ValidatedForm } from "./use-validators";

/**
 * Renders `children` once the precompiled validators of `form.schema` are loaded (the form cannot
 * render without rjsf's), a short "preparing" state before, and a way out when they could not be
 * loaded. `children` gets the form the validators belong to, which may lag behind `form`.
 */
export function WithValidators<F extends ValidatedForm>({ validator, form, children }: { validator: ValidatorRef | null; form: F; children: (validators: FormValidators, form: F) => ReactNode }) {
  const { t } = useI18n();
  const state = useValidators(validator, form);
  if (state.status === "ready") return children(state.validators, state.form);
  if (state.status === "failed")
    return (
      <Alert
        tone="error"
        title={t.form.prepareFailed}
        actions={
          <Button size="sm" onClick={() => window.location.reload()}>
            {t.form.reload}
          </Button>
        }
      >
        {t.form.prepareFailedBody}
      </Alert>
    );
  return (
    <div role="status" className="flex items-center gap-2 py-10 text-sm text-slate-500">
      <Spinner className="size-4" />
      {t.form.preparing}
    </div>
  );
}
