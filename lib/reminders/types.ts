/** Where a reminder falls on the 工作台, by its due date. */
export type ReminderGroup = "overdue" | "today" | "week" | "later";
export const REMINDER_GROUPS: ReminderGroup[] = ["overdue", "today", "week", "later"];

/** One open reminder as the 工作台 shows it (plain JSON). */
export interface ReminderItem {
  /** The reminder's key (see reminder-key.ts): closing and snoozing name it. */
  id: string;
  templateKey: string;
  templateName: string;
  recordId: string;
  recordTitle: string;
  ownerId: string;
  ownerName: string;
  ruleId: string;
  ruleTitle: string;
  outcomes: string[];
  /** The date field's title (保险到期日期) and its section, for the link to the record. */
  dateLabel: string;
  section: string;
  row: number | null;
  date: string;
  dueDate: string;
  /** Days from today to the due date (negative: overdue). */
  dueIn: number;
  stage: number;
  group: ReminderGroup;
}

/** What the 工作台 shows: today's day in the office, the open reminders, and whose they are. */
export interface Workbench {
  today: string;
  items: ReminderItem[];
  /** For those who see everyone's: active agents and other owners with reminders here (the filter). */
  owners: { id: string; name: string }[];
  /** Set when the reader sees several agents' reminders — everyone's, or a team's (and may filter by agent). */
  everyone: boolean;
}

/** The group of a reminder due `dueIn` days from today. */
export function groupOf(dueIn: number): ReminderGroup {
  if (dueIn < 0) return "overdue";
  if (dueIn === 0) return "today";
  if (dueIn <= 7) return "week";
  return "later";
}

/** One rule's reminders within a group on the 工作台: how many there are. */
export interface ReminderBlock {
  group: ReminderGroup;
  /** `<templateKey>:<ruleId>`: two templates may both have a rule "renewal". */
  ruleKey: string;
  ruleTitle: string;
  count: number;
}

/**
 * The 工作台 as first shown: every block's count, and only the first reminders of each (`items`,
 * at most `perBlock` per block, in due order); 更多 asks for the rest block by block.
 */
export interface WorkbenchPage extends Workbench {
  blocks: ReminderBlock[];
  perBlock: number;
}

// One collator for every comparison of rule titles (the default locale, as localeCompare uses).
const titles = new Intl.Collator();

/** The 工作台's order: due date, then rule title, then the reminder's key — the same wherever reminders are listed. */
export function compareReminders(a: Pick<ReminderItem, "dueDate" | "ruleTitle" | "id">, b: Pick<ReminderItem, "dueDate" | "ruleTitle" | "id">): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  return titles.compare(a.ruleTitle, b.ruleTitle) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

type Sortable = Pick<ReminderItem, "dueDate" | "ruleTitle" | "id">;

/**
 * Sorts in place in compareReminders' order, comparing the rule titles through the collator once
 * per distinct title instead of once per pair: a book's reminders share a handful of titles and
 * many due dates, so sorting 60,000 of them called the collator hundreds of thousands of times.
 */
export function sortReminders<T extends Sortable>(items: T[]): T[] {
  const distinct = [...new Set(items.map((i) => i.ruleTitle))].sort(titles.compare);
  // Titles the collator calls equal share a rank, as compareReminders then goes on to the key.
  const rank = new Map<string, number>();
  distinct.forEach((t, i) => rank.set(t, i > 0 && titles.compare(distinct[i - 1], t) === 0 ? rank.get(distinct[i - 1])! : i));
  return items.sort((a, b) => {
    if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
    return rank.get(a.ruleTitle)! - rank.get(b.ruleTitle)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}
