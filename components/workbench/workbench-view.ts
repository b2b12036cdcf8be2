import { fmt, type Dictionary } from "@/lib/i18n/dictionaries";
import { REMINDER_GROUPS, type ReminderGroup, type ReminderItem } from "@/lib/reminders/types";

/** Reminders of one rule within a group, in due order. */
export interface RuleBlock {
  ruleKey: string;
  ruleTitle: string;
  items: ReminderItem[];
}

/** The 工作台's sections: each group that has reminders, its rules (by first due) and counts. */
export function groupReminders(items: ReminderItem[]): { group: ReminderGroup; count: number; rules: RuleBlock[] }[] {
  return REMINDER_GROUPS.map((group) => {
    const inGroup = items.filter((i) => i.group === group);
    const rules = new Map<string, RuleBlock>();
    for (const item of inGroup) {
      // Two templates may both have a rule "renewal": the block is per template and rule.
      const ruleKey = `${item.templateKey}:${item.ruleId}`;
      const block = rules.get(ruleKey) ?? { ruleKey, ruleTitle: item.ruleTitle, items: [] };
      block.items.push(item);
      rules.set(ruleKey, block);
    }
    return { group, count: inGroup.length, rules: [...rules.values()] };
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
