import type { AnyValidateFunction, ValidateFunction } from "ajv/dist/types";
import equal from "ajv/dist/runtime/equal";
import ucs2length from "ajv/dist/runtime/ucs2length";
import uri from "ajv/dist/runtime/uri";
import validationError from "ajv/dist/runtime/validation_error";
import { fullFormats } from "ajv-formats/dist/formats";
import { customFormats } from "./formats";
import { keywordFunctions } from "./keywords";

/** The module names precompiled validator code asks `require` for, besides ajv's own runtime. */
export const FORMATS_MODULE = "dossier/formats";
export const KEYWORDS_MODULE = "dossier/keywords";

/**
 * Every format a precompiled validator may name, in the shape ajv registered it on the server
 * (ajv-formats' entries as they are, ours as `{ type, validate }`), so that the generated
 * `formats["date"].validate(…)` finds the same function in the browser.
 */
export const standaloneFormats: Record<string, unknown> = {
  ...fullFormats,
  ...Object.fromEntries(Object.entries(customFormats).map(([name, validate]) => [name, { type: "string", validate }])),
};

const modules: Record<string, unknown> = {
  "ajv/dist/runtime/equal": { default: equal },
  "ajv/dist/runtime/ucs2length": { default: ucs2length },
  "ajv/dist/runtime/uri": { default: uri },
  "ajv/dist/runtime/validation_error": { default: validationError },
  [FORMATS_MODULE]: standaloneFormats,
  [KEYWORDS_MODULE]: keywordFunctions,
};

/**
 * The `require` precompiled validator code runs with: ajv's runtime helpers, our formats and
 * keyword functions, all from the bundle that loaded it. Anything else is a bug in the generator.
 */
export function standaloneRequire(name: string): unknown {
  if (!(name in modules)) throw new Error(`precompiled validator asks for an unknown module: ${name}`);
  return modules[name];
}

/** What one precompiled validator script provides once instantiated. */
export interface PrecompiledValidators {
  /** The template schema's validator, as `getValidator` would compile it (allErrors, verbose, strict). */
  data: ValidateFunction;
  /** rjsf's validators, keyed by rjsf's hash of each sub-schema (for `createPrecompiledValidator`). */
  rjsf: Record<string, AnyValidateFunction>;
}

/** Where the browser loads a schema's precompiled validators, and the name they register under. */
export interface ValidatorRef {
  src: string;
  hash: string;
}

/** A validator script registers a factory under its schema hash on this global. */
export const VALIDATORS_GLOBAL = "__dossierValidators";

export type ValidatorFactory = (require: (name: string) => unknown) => PrecompiledValidators;

/** The factories registered so far by validator scripts (an empty object before the first). */
export function registeredValidators(scope: object = globalThis): Record<string, ValidatorFactory | undefined> {
  const holder = scope as Record<string, Record<string, ValidatorFactory> | undefined>;
  return (holder[VALIDATORS_GLOBAL] ??= {});
}
