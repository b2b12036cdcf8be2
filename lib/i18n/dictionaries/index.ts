import { auth } from "./auth";
import { common } from "./common";
import { list } from "./list";

/**
 * UI strings per locale, one file per feature so that features can grow their own strings.
 * Validation messages live with the validator (lib/schema/messages.ts), shared with the server.
 */
export const dictionaries = {
  zh: { common: common.zh, auth: auth.zh, list: list.zh },
  en: { common: common.en, auth: auth.en, list: list.en },
};

export type Dictionary = (typeof dictionaries)["zh"];

/** Fills `{name}` placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in values ? String(values[k]) : `{${k}}`));
}
