import "server-only";
import { schemaHash, validatorScript } from "../schema/standalone-code";
import type { ValidatorRef } from "../schema/standalone-runtime";
import type { JsonSchema } from "../schema/types";

// Generating takes a fraction of a second per schema; published versions come back to the same
// few entries, designer previews bring a new schema per edit, so keep the most recent ones only.
const MAX_SCRIPTS = 64;
const scripts = new Map<string, string>();

/**
 * The precompiled validator script for a schema (lib/schema/standalone-code.ts), generated once
 * and kept in a small in-memory cache keyed by the schema's hash.
 */
export function validatorScriptFor(schema: JsonSchema): { hash: string; code: string } {
  const hash = schemaHash(schema);
  let code = scripts.get(hash);
  if (code === undefined) code = validatorScript(schema);
  else scripts.delete(hash);
  scripts.set(hash, code);
  while (scripts.size > MAX_SCRIPTS) scripts.delete(scripts.keys().next().value!);
  return { hash, code };
}

/** A script generated earlier in this process (a designer preview's), or undefined when gone. */
export function cachedValidatorScript(hash: string): string | undefined {
  return scripts.get(hash);
}

const refs = new WeakMap<JsonSchema, string>();

/** Where the record form of a published version loads its validators (the hash busts caches). */
export function publishedValidatorRef(template: { key: string; version: number; content: { schema: JsonSchema } }): ValidatorRef {
  const schema = template.content.schema;
  let hash = refs.get(schema);
  if (!hash) refs.set(schema, (hash = schemaHash(schema)));
  return { src: `/api/templates/${encodeURIComponent(template.key)}/validator.js?v=${template.version}&h=${hash}`, hash };
}
