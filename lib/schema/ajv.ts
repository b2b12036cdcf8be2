import Ajv, { type Options } from "ajv";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { customFormats } from "./formats";
import { registerKeywords } from "./keywords";

export { customFormats };

/**
 * Adds Dossier's formats and `x-…` keywords to an ajv instance. The one place that decides the
 * rules: the server validator, the browser's rjsf validator and the template meta-check all call it.
 */
export function configureAjv<T extends Ajv>(ajv: T): T {
  addFormats(ajv, ["date", "date-time", "time", "email", "uri"]);
  for (const [name, validate] of Object.entries(customFormats)) ajv.addFormat(name, { type: "string", validate });
  registerKeywords(ajv);
  return ajv;
}

const baseOptions: Options = {
  allErrors: true,
  strict: true,
  strictRequired: false,
  verbose: true,
  useDefaults: false,
};

/** True when a schema declares draft 2020-12. */
export function isDraft2020(schema: { $schema?: string }): boolean {
  return typeof schema.$schema === "string" && schema.$schema.includes("2020-12");
}

/** A configured ajv for the schema's draft (draft-07 unless it declares 2020-12). */
export function createAjv(draft2020 = false, options: Options = {}): Ajv {
  const ajv = draft2020 ? new Ajv2020({ ...baseOptions, ...options }) : new Ajv({ ...baseOptions, ...options });
  return configureAjv(ajv);
}
