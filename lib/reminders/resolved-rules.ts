import { isResolved, resolveReminderRule, type ResolvedRule } from "../schema/reminder-rules";
import { templateReminders } from "../templates/template-reminders";
import type { PublishedTemplate } from "../templates/types";

/** The rules of a template that fit its current schema; the others are skipped, never thrown. */
export function resolvedRules(template: PublishedTemplate): ResolvedRule[] {
  return templateReminders(template.key, template.content)
    .map((rule) => resolveReminderRule(rule, template.fields))
    .filter(isResolved);
}
