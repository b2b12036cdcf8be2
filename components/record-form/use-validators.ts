"use client";

// Not the package index: that brings ajv's compiler into the page, which may not compile.
import createPrecompiledValidator from "@rjsf/validator-ajv8/lib/createPrecompiledValidator.js";
import type { RJSFSchema, ValidatorType } from "@rjsf/utils";
import type { ValidateFunction } from "ajv";
import { useEffect, useState } from "react";
import { registeredValidators, standaloneRequire, type ValidatorRef } from "@/lib/schema/standalone-runtime";
import type { JsonSchema } from "@/lib/schema/types";

/** A schema's validators, ready for the form: the shared validator's and rjsf's. */
export interface FormValidators {
  data: ValidateFunction;
  rjsf: ValidatorType;
}

const scripts = new Map<string, Promise<void>>();

/**
 * Runs the server's validator script for a schema once per page: a `<script src>` from our own
 * origin, which the Content-Security-Policy allows (inserted by our nonce'd bundle, 'strict-dynamic')
 * where compiling validators in the page would need 'unsafe-eval'. A failed load can be retried.
 */
function loadScript(ref: ValidatorRef): Promise<void> {
  if (registeredValidators()[ref.hash]) return Promise.resolve();
  let pending = scripts.get(ref.hash);
  if (!pending) {
    pending = new Promise<void>((resolve, reject) => {
      const el = document.createElement("script");
      el.src = ref.src;
      el.async = true;
      el.onload = () => (registeredValidators()[ref.hash] ? resolve() : reject(new Error(`validator ${ref.hash} did not register`)));
      el.onerror = () => reject(new Error(`validator ${ref.hash} did not load`));
      document.head.appendChild(el);
    }).catch((err: unknown) => {
      scripts.delete(ref.hash);
      throw err;
    });
    scripts.set(ref.hash, pending);
  }
  return pending;
}

const ready = new Map<string, FormValidators>();

/** The validators of a loaded script for its schema (rjsf's needs the very schema it was made for). */
function instantiate(ref: ValidatorRef, schema: JsonSchema): FormValidators {
  let v = ready.get(ref.hash);
  if (!v) {
    const made = registeredValidators()[ref.hash]!(standaloneRequire);
    v = { data: made.data, rjsf: createPrecompiledValidator(made.rjsf, schema as RJSFSchema) as ValidatorType };
    ready.set(ref.hash, v);
  }
  return v;
}

/** The form a validator is for: its schema and whatever else must change together with it. */
export interface ValidatedForm {
  schema: JsonSchema;
}

export type ValidatorsState<F extends ValidatedForm> = { status: "loading" } | { status: "failed" } | { status: "ready"; validators: FormValidators; form: F };

/**
 * Loads (once per page) and instantiates the precompiled validators `ref` names for `form.schema`.
 * While another ref loads, the last ready validators stay, with the form they belong to (the
 * designer's preview keeps showing the previous state instead of flickering).
 */
export function useValidators<F extends ValidatedForm>(ref: ValidatorRef | null, form: F): ValidatorsState<F> {
  const [state, setState] = useState<ValidatorsState<F>>(() => (ref && registeredValidators()[ref.hash] ? { status: "ready", validators: instantiate(ref, form.schema), form } : { status: "loading" }));
  useEffect(() => {
    if (!ref) return;
    let live = true;
    loadScript(ref).then(
      () => live && setState({ status: "ready", validators: instantiate(ref, form.schema), form }),
      () => live && setState({ status: "failed" }),
    );
    return () => {
      live = false;
    };
  }, [ref, form]);
  return state;
}
