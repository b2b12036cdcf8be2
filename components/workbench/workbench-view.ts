import { fmt, type Dictionary } from "@/lib/i18n/dictionaries";
import { REMINDER_GROUPS, type ReminderBlock, type ReminderGroup, type ReminderItem } from "@/lib/reminders/types";

/** Reminders of one rule within a group, in due order: those shown so far, and how many there are. */
export interface RuleBlock {
  ruleKey: string;
  ruleTitle: string;
  count: number;
  items: ReminderItem[];
}

/**
 * The 工作台's sections: each group that has reminders, its rules (in the server's order: by first
 * due) with their counts, and the reminders shown of each so far (the first ones, more after 更多).
 */
export function groupReminders(items: ReminderItem[], blocks: ReminderBlock[]): { group: ReminderGroup; count: number; rules: RuleBlock[] }[] {
  return REMINDER_GROUPS.map((group) => {
    const rules = blocks
      .filter((b) => b.group === group && b.count > 0)
      .map((b) => ({ ruleKey: b.ruleKey, ruleTitle: b.ruleTitle, count: b.count, items: items.filter((i) => i.group === group && `${i.templateKey}:${i.ruleId}` === b.ruleKey) }));
    return { group, count: rules.reduce((n, r) => n + r.count, 0), rules };
  }).filter((g) => g.count > 0);
}

/** "逾期 5 天" / "今天" / "还有 30 天". */
export function dueText(dueIn: number, w: Dictionary["workbench"]): string {
  if (dueIn < 0) return fmt(w.due.overdue, { n: -dueIn });
  if (dueIn === 0) return w.due.today;
  return fmt(w.due.soon, { n: dueIn });
}

/** The stage a reminder is at: "到期前 30 天", "当天", "15 天后". */
export function stageText(stage: number, w: Dictionary["workbench"]): string {
  if (stage < 0) return fmt(w.stage.before, { n: -stage });
  if (stage === 0) return w.stage.on;
  return fmt(w.stage.after, { n: stage });
}

/** The record's page at the section that holds the reminder's date. */
export function reminderHref(item: ReminderItem): string {
  return `/t/${item.templateKey}/r/${item.recordId}#section-${item.section}`;
}
