import "server-only";
import { createHash } from "node:crypto";
import { _, type Options } from "ajv";
import type Ajv from "ajv";
import standaloneCode from "ajv/dist/standalone";
import { compileSchemaValidatorsCode } from "@rjsf/validator-ajv8/compileSchemaValidators";
import type { RJSFSchema } from "@rjsf/utils";
import { createAjv, customFormats, isDraft2020 } from "./ajv";
import { keywordFunctions } from "./keywords";
import { FORMATS_MODULE, KEYWORDS_MODULE, VALIDATORS_GLOBAL } from "./standalone-runtime";
import type { JsonSchema } from "./types";

// Formats that are functions are referred to through the browser's `require`, never serialized.
const codeOptions = { source: true, lines: false, formats: _`require(${FORMATS_MODULE})` };

/**
 * Makes ajv write `require("dossier/keywords").sumEquals` wherever compiled code calls one of our
 * keyword functions: ajv reuses a scope value registered for the same function, and standalone
 * code then prints the value's `code` instead of failing on a function it cannot serialize.
 */
function referKeywordsByName(ajv: Ajv): Ajv {
  for (const [name, fn] of Object.entries(keywordFunctions)) ajv.scope.value("keyword", { ref: fn, code: _`require(${KEYWORDS_MODULE})[${name}]` });
  return ajv;
}

/** The schema's hash: what names its precompiled validators in URLs, caches and the global registry. */
export function schemaHash(schema: JsonSchema): string {
  return createHash("sha256").update(JSON.stringify(schema)).digest("hex").slice(0, 32);
}

/** The shared validator's code for a schema, compiled exactly as lib/schema/validate.ts compiles it. */
function dataValidatorCode(schema: JsonSchema): string {
  const ajv = referKeywordsByName(createAjv(isDraft2020(schema), { code: codeOptions }));
  const { $id: _ignored, ...rest } = schema;
  return standaloneCode(ajv, ajv.compile(rest));
}

/** rjsf's validators for every sub-schema it resolves while rendering (if/then, defaults). */
function rjsfValidatorsCode(schema: JsonSchema): string {
  const ajvOptionsOverrides: Options = { strict: false, allErrors: false, code: codeOptions };
  return compileSchemaValidatorsCode(schema as RJSFSchema, {
    ajvOptionsOverrides,
    // Our formats as objects, the shape standaloneFormats hands to the browser.
    extenderFn: (ajv) => {
      for (const [name, validate] of Object.entries(customFormats)) ajv.addFormat(name, { type: "string", validate });
      return ajv;
    },
  });
}

/** Wraps CommonJS-shaped standalone code so that it runs in a function of its own. */
function asModule(code: string): string {
  return `load(function (module, exports) {\n${code}\n})`;
}

/**
 * A script that registers the schema's precompiled validators under its hash on
 * `globalThis.__dossierValidators`, as a factory taking the browser's `require`. The browser runs
 * it as a script from our own origin, so a Content-Security-Policy without 'unsafe-eval' holds:
 * ajv compiles here, on the server, and nothing is compiled from text in the page.
 */
export function validatorScript(schema: JsonSchema): string {
  const hash = schemaHash(schema);
  return [
    `(function () {`,
    `var registry = globalThis[${JSON.stringify(VALIDATORS_GLOBAL)}] || (globalThis[${JSON.stringify(VALIDATORS_GLOBAL)}] = {});`,
    `registry[${JSON.stringify(hash)}] = function (require) {`,
    // ajv calls keyword functions with `self` as `this`; ours never read it.
    `var self = {};`,
    `function load(body) { var module = { exports: {} }; body(module, module.exports); return module.exports; }`,
    `var data = ${asModule(dataValidatorCode(schema))};`,
    `var rjsf = ${asModule(rjsfValidatorsCode(schema))};`,
    `return { data: data.default || data, rjsf: rjsf };`,
    `};`,
    `})();`,
    ``,
  ].join("\n");
}
