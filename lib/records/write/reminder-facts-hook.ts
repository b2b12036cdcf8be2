import { isResolved, resolveReminderRule, type ResolvedRule } from "../../schema/reminder-rules";
import { reminderFacts } from "../../schema/reminder-facts";
import { templateReminders } from "../../templates/template-reminders";
import type { PublishedTemplate } from "../../templates/types";
import type { WriteHook } from "./record-operation";

// A published version never changes: its resolved rules are computed once per loaded template.
const resolvedCache = new WeakMap<PublishedTemplate, ResolvedRule[]>();

/** The rules of a template version that fit its schema (as the 工作台 resolves them, lib/reminders/resolved-rules.ts). */
export function rulesOfTemplate(template: PublishedTemplate): ResolvedRule[] {
  let rules = resolvedCache.get(template);
  if (!rules) {
    rules = templateReminders(template.key, template.content)
      .map((rule) => resolveReminderRule(rule, template.fields))
      .filter(isResolved);
    resolvedCache.set(template, rules);
  }
  return rules;
}

/**
 * The write hook of reminder facts (issue 10): every write — create, edit, import, migration,
 * self-fill, verification, delete and restore — stores the facts of the data it leaves in the
 * record, in the same update as the data, so they never drift from it (lib/schema/reminder-facts.ts).
 */
export const reminderFactsHook: WriteHook = {
  name: "reminder-facts",
  beforeWrite: (ctx) => ({ facts: reminderFacts(rulesOfTemplate(ctx.template), ctx.next) }),
};
