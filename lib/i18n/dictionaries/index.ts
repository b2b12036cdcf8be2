import { auth } from "./auth";
import { backupDictionary } from "./backup";
import { checks } from "./checks";
import { common } from "./common";
import { designer } from "./designer";
import { detail } from "./detail";
import { diff } from "./diff";
import { errors } from "./errors";
import { exportsDictionary } from "./exports";
import { form } from "./form";
import { imports } from "./imports";
import { list } from "./list";
import { printDictionary } from "./print";
import { selfFill } from "./self-fill";
import { templates } from "./templates";
import { users } from "./users";
import { statisticsDictionary } from "./statistics";
import { workbench } from "./workbench";
import { verification } from "./verification";

/**
 * UI strings per locale, one file per feature so that features can grow their own strings.
 * Validation messages live with the validator (lib/schema/messages.ts), shared with the server.
 */
const features = {
  common,
  auth,
  form,
  list,
  detail,
  errors,
  users,
  templates,
  designer,
  diff,
  checks,
  imports,
  exports: exportsDictionary,
  backup: backupDictionary,
  workbench,
  verification,
  selfFill,
  print: printDictionary,
  statistics: statisticsDictionary,
};

type Features = typeof features;
type ForLocale<L extends "zh" | "en"> = { [K in keyof Features]: Features[K][L] };

function pick<L extends "zh" | "en">(locale: L): ForLocale<L> {
  return Object.fromEntries(Object.entries(features).map(([k, v]) => [k, v[locale]])) as ForLocale<L>;
}

export const dictionaries = { zh: pick("zh"), en: pick("en") };

export type Dictionary = ForLocale<"zh">;

/** Fills `{name}` placeholders. */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in values ? String(values[k]) : `{${k}}`));
}
