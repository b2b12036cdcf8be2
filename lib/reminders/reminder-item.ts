import type { ResolvedRule } from "../schema/reminder-rules";
import type { Occurrence } from "./evaluate-rule";
import { reminderKey } from "./reminder-key";
import { groupOf, type ReminderItem } from "./types";

/**
 * One reminder as listed, but for what depends on the reader (its record's title, its owner's
 * name): the same from the records' own evaluation (list-reminders.ts) and from the index.
 */
export function reminderOf(template: { key: string; name: string }, resolved: ResolvedRule, recordId: string, ownerId: string, o: Occurrence): Omit<ReminderItem, "recordTitle" | "ownerName"> {
  return {
    id: reminderKey({ templateKey: template.key, recordId, ruleId: o.ruleId, row: o.row, date: o.date }),
    templateKey: template.key,
    templateName: template.name,
    recordId,
    ownerId,
    ruleId: resolved.rule.id,
    ruleTitle: resolved.rule.title,
    outcomes: resolved.rule.outcomes,
    dateLabel: resolved.date.title,
    section: resolved.date.section,
    row: o.row,
    date: o.date,
    dueDate: o.dueDate,
    dueIn: o.dueIn,
    stage: o.stage,
    group: groupOf(o.dueIn),
  };
}
