import "server-only";
import type { Actor } from "../auth/roles";
import { recordsGeneration } from "../records/write/write-generation";
import { listReminders } from "./list-reminders";
import { officeToday } from "./office-date";
import { remindersHandledCount } from "./reminders-handled";
import { REMINDER_GROUPS, type ReminderBlock, type ReminderGroup, type ReminderItem, type Workbench, type WorkbenchPage } from "./types";

/** How far ahead the 工作台 looks (days). */
export const WORKBENCH_HORIZON_DAYS = 90;
/** Reminders per block on the first view; 更多 adds this many at a time too. */
export const PER_BLOCK = 20;
/** The most 更多 returns at once. */
export const MAX_PAGE = 200;

// A large book raises tens of thousands of reminders, and computing them reads every record that
// may raise one. The first view computes them (always: nothing a reader sees first is older than
// the request — a changed data scope included) and shows each block's count and its first
// reminders; 更多 then pages through the same computed list instead of computing it again. It is
// kept per reader (titles are masked for the reader), owner filter, window and day, and dropped as
// soon as any record is written or any reminder closed or snoozed in this process (reminders
// follow edits at once), or after TTL_MS (writes by another app server); 更多 then computes anew.
const TTL_MS = 120_000;
const MAX_KEPT = 20;
const kept = new Map<string, { at: number; stamp: string; list: Promise<Workbench> }>();

/** The reader's open reminders (listReminders), computed once while nothing changed. */
function keptReminders(params: { actor: Actor; ownerId: string; horizonDays: number; fresh?: boolean }): Promise<Workbench> {
  const key = [params.actor.id, params.actor.role, params.ownerId, params.horizonDays, officeToday()].join("|");
  const stamp = `${recordsGeneration()}:${remindersHandledCount()}`;
  const hit = kept.get(key);
  if (hit && !params.fresh && hit.stamp === stamp && Date.now() - hit.at < TTL_MS) return hit.list;
  const entry = { at: Date.now(), stamp, list: listReminders({ actor: params.actor, ownerId: params.ownerId || undefined, horizonDays: params.horizonDays }) };
  kept.delete(key);
  kept.set(key, entry);
  entry.list.catch(() => kept.get(key) === entry && kept.delete(key));
  while (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
  return entry.list;
}

const blockKey = (i: ReminderItem) => `${i.templateKey}:${i.ruleId}`;

/** The reminders of one block, in due order. */
function inBlock(items: ReminderItem[], group: ReminderGroup, ruleKey: string): ReminderItem[] {
  return items.filter((i) => i.group === group && blockKey(i) === ruleKey);
}

/**
 * The 工作台's first view: groups 逾期 / 今天 / 本周 / 稍后, in each the rules by first due with
 * their counts, and the first PER_BLOCK reminders of each rule. Checks who may see whose reminders
 * as listReminders does.
 */
export async function workbenchPage(params: { actor: Actor | null; ownerId?: string; horizonDays: number }): Promise<WorkbenchPage> {
  if (!params.actor) return { ...(await listReminders(params)), blocks: [], perBlock: PER_BLOCK };
  const all = await keptReminders({ actor: params.actor, ownerId: params.ownerId ?? "", horizonDays: params.horizonDays, fresh: true });
  const blocks: ReminderBlock[] = [];
  const items: ReminderItem[] = [];
  for (const group of REMINDER_GROUPS) {
    const byRule = new Map<string, ReminderBlock>();
    for (const item of all.items) {
      if (item.group !== group) continue;
      const ruleKey = blockKey(item);
      const block = byRule.get(ruleKey) ?? { group, ruleKey, ruleTitle: item.ruleTitle, count: 0 };
      if (block.count < PER_BLOCK) items.push(item);
      block.count++;
      byRule.set(ruleKey, block);
    }
    blocks.push(...byRule.values());
  }
  return { ...all, items, blocks, perBlock: PER_BLOCK };
}

/** 更多: the reminders of one block from `offset` on (at most `limit`, up to MAX_PAGE), and how many it holds now. */
export async function reminderBlockItems(params: { actor: Actor | null; ownerId?: string; horizonDays: number; group: ReminderGroup; ruleKey: string; offset: number; limit: number }): Promise<{ items: ReminderItem[]; count: number }> {
  const all = params.actor ? await keptReminders({ actor: params.actor, ownerId: params.ownerId ?? "", horizonDays: params.horizonDays }) : await listReminders(params);
  const block = inBlock(all.items, params.group, params.ruleKey);
  return { items: block.slice(params.offset, params.offset + Math.min(params.limit, MAX_PAGE)), count: block.length };
}
