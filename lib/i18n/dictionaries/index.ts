import { auth } from "./auth";
import { common } from "./common";
import { detail } from "./detail";
import { errors } from "./errors";
import { users } from "./users";

/**
 * UI strings per locale, one file per feature so that features can grow their own strings.
 * Validation messages live with the validator (lib/schema/messages.ts), shared with the server.
 */
export const dictionaries = {
  zh: { common: common.zh, auth: auth.zh, detail: detail.zh, errors: errors.zh, users: users.zh },
  en: { common: common.en, auth: auth.en, detail: detail.en, errors: errors.en, users: users.en },
};

export type Dictionary = (typeof dictionaries)["zh"];

/** Fills `{name}` placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in values ? String(values[k]) : `{${k}}`));
}
