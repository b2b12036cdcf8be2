import type { FieldError } from "@/lib/schema/messages";

/**
 * API field errors keyed by the top-level input field they belong to ("/email" → "email"), first
 * message per field, so each can be shown next to its control.
 */
export function fieldErrorMap(errors: FieldError[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors ?? []) {
    const key = e.path.split("/")[1] ?? "";
    if (key && !(key in out)) out[key] = e.message;
  }
  return out;
}

/** The message of errors not tied to one of the form's fields, if any. */
export function otherErrors(errors: FieldError[] | undefined, fields: readonly string[]): string | null {
  const rest = (errors ?? []).filter((e) => !fields.includes(e.path.split("/")[1] ?? ""));
  return rest.length ? rest.map((e) => e.message).join("；") : null;
}
