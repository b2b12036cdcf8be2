import type { ReminderRule, TemplateContent } from "../schema/types";
import { shippedTemplates } from "./shipped";

/**
 * The reminder rules of a template version. Versions published before templates had reminders
 * hold none (`reminders` absent): for a template shipped in `schemas/` they get the shipped
 * rules, so a database seeded with an older archive reminds without a new version. Rules whose
 * fields that older schema lacks are skipped like any rule that no longer fits. An explicit `[]`
 * (an administrator removed them all) stays empty.
 */
export function templateReminders(templateKey: string, content: TemplateContent): ReminderRule[] {
  if (Array.isArray(content.reminders)) return content.reminders;
  return shippedTemplates.find((t) => t.key === templateKey)?.reminders ?? [];
}
