import "server-only";
import { assertCan } from "../auth/permissions";
import type { Actor } from "../auth/roles";
import { connectDb } from "../db/connect";
import { log } from "../log/log";
import { titleOfValue } from "../records/record-title";
import { resolveScope } from "../records/resolve-scope";
import { getPublishedTemplate } from "../templates/get-published-template";
import { listTemplates } from "../templates/list-templates";
import type { PublishedTemplate } from "../templates/types";
import { listAgentNames } from "../users/list-agent-names";
import { userNames } from "../users/user-names";
import type { ReminderWindow } from "./evaluate-rule";
import { listReminders, narrowed } from "./list-reminders";
import { officeToday } from "./office-date";
import { indexedReminders, ReminderIndexOff, type BareReminder } from "./reminder-index";
import { reminderReach } from "./reminder-scope";
import { REMINDER_GROUPS, sortReminders, type ReminderBlock, type ReminderGroup, type ReminderItem, type WorkbenchPage } from "./types";

/** How far ahead the 工作台 looks (days). */
export const WORKBENCH_HORIZON_DAYS = 90;
/** How far back it looks for overdue reminders (days). */
export const WORKBENCH_LOOKBACK_DAYS = 365;
/** Reminders per block on the first view; 更多 adds this many at a time too. */
export const PER_BLOCK = 20;
/** The most 更多 returns at once. */
export const MAX_PAGE = 200;

/** Who asks: the reader, one agent's reminders (for those who see several agents'), the window. */
interface Ask {
  actor: Actor | null;
  ownerId?: string;
  horizonDays?: number;
  lookbackDays?: number;
  now?: Date;
  /** false: should the index still be being read, do not wait for it (ReminderIndexOff). */
  wait?: boolean;
}

/** The reader's open reminders from the reminder index, in due order, with the templates they come from. */
async function indexed(actor: Actor, params: Ask, order = true): Promise<{ today: string; bare: BareReminder[]; templates: Map<string, PublishedTemplate> }> {
  const today = officeToday(params.now);
  const window: ReminderWindow = { today, horizonDays: params.horizonDays ?? WORKBENCH_HORIZON_DAYS, lookbackDays: params.lookbackDays ?? WORKBENCH_LOOKBACK_DAYS };
  const templates = new Map<string, PublishedTemplate>();
  const bare: BareReminder[] = [];
  for (const summary of (await listTemplates(actor, { includeArchived: true })).filter((t) => t.currentVersion >= 1)) {
    const template = await getPublishedTemplate(actor, summary.key);
    templates.set(template.key, template);
    // Whose records the reader may see (recordsFilter's data scope), narrowed to the agent asked for.
    const scope = narrowed(await resolveScope(actor, template), params.ownerId || null);
    // Not bare.push(...found): 60,000 arguments at once.
    for (const item of await indexedReminders({ template, ownerIds: scope.ownerIds ? new Set(scope.ownerIds) : null, window, wait: params.wait })) bare.push(item);
  }
  // listReminders' order (compareReminders); a count needs none.
  if (order) sortReminders(bare);
  return { today, bare, templates };
}

/**
 * Reminders as the reader sees them: their records' titles (masked for the reader, from the value
 * the index keeps) and owners' names. The stored title value itself is left behind.
 */
async function dress(actor: Actor, templates: Map<string, PublishedTemplate>, bare: BareReminder[]): Promise<ReminderItem[]> {
  const names = await userNames([...new Set(bare.map((b) => b.ownerId))]);
  return bare.map(({ titleValue, ...b }) => ({
    ...b,
    recordTitle: titleOfValue({ template: templates.get(b.templateKey)!, value: titleValue, reader: actor, ownerId: b.ownerId }),
    ownerName: names.get(b.ownerId) ?? "—",
  }));
}

const blockKey = (i: { templateKey: string; ruleId: string }) => `${i.templateKey}:${i.ruleId}`;

/** The blocks of a list in due order (groups in their order, rules by first due) and the first `per` of each. */
function blocksOf<T extends Pick<ReminderItem, "group" | "templateKey" | "ruleId" | "ruleTitle">>(all: T[], per: number): { blocks: ReminderBlock[]; first: T[] } {
  // One pass over the list (it was one per group), each group's blocks and first items kept apart.
  const byGroup = new Map(REMINDER_GROUPS.map((g) => [g, { byRule: new Map<string, ReminderBlock>(), first: [] as T[] }]));
  for (const item of all) {
    const g = byGroup.get(item.group);
    if (!g) continue;
    const ruleKey = blockKey(item);
    let block = g.byRule.get(ruleKey);
    if (!block) g.byRule.set(ruleKey, (block = { group: item.group, ruleKey, ruleTitle: item.ruleTitle, count: 0 }));
    if (block.count < per) g.first.push(item);
    block.count++;
  }
  const groups = [...byGroup.values()];
  return { blocks: groups.flatMap((g) => [...g.byRule.values()]), first: groups.flatMap((g) => g.first) };
}

/** The fallback should the index fail: the reminders computed from the records, with a log line saying so. */
function fromRecords(params: Ask, err: unknown) {
  if (!(err instanceof ReminderIndexOff)) log.error("reminders", `reminder index failed, computing from the records: ${(err as Error).message}`);
  return listReminders({ ...params, horizonDays: params.horizonDays ?? WORKBENCH_HORIZON_DAYS, lookbackDays: params.lookbackDays ?? WORKBENCH_LOOKBACK_DAYS });
}

/** For those who see several agents': every active agent, and whoever else owns records with reminders here. */
async function ownersOf(everyone: boolean, ownerIds: string[]): Promise<{ id: string; name: string }[]> {
  const byId = new Map((everyone ? await listAgentNames() : []).map((o) => [o.id, o]));
  const missing = [...new Set(ownerIds)].filter((id) => !byId.has(id));
  const names = await userNames(missing);
  for (const id of missing) byId.set(id, { id, name: names.get(id) ?? "—" });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The 工作台's first view: groups 逾期 / 今天 / 本周 / 稍后, in each the rules by first due with
 * their counts, and the first PER_BLOCK reminders of each rule — from the reminder index
 * (reminder-index.ts), so a book of any size answers from memory; only the shown reminders'
 * records are read, for their titles. Agents see their own customers', admins and reviewers
 * everyone's or their team's (the records' data scope), viewers none. Should the index fail,
 * the reminders are computed from the records (listReminders) and the page still answers.
 */
export async function workbenchPage(params: Ask): Promise<WorkbenchPage> {
  const { actor } = params;
  assertCan(actor, "record.read");
  const today = officeToday(params.now);
  const reach = await reminderReach(actor);
  if (reach === "none") return { today, items: [], owners: [], everyone: false, blocks: [], perBlock: PER_BLOCK };
  await connectDb();
  try {
    const found = await indexed(actor, params);
    const { blocks, first } = blocksOf(found.bare, PER_BLOCK);
    const owners = await ownersOf(reach === "everyone", found.bare.map((b) => b.ownerId));
    const items = await dress(actor, found.templates, first);
    // A reviewer scoped to their team works several agents' customers too: names and the filter show.
    return { today: found.today, items, owners, everyone: reach === "everyone" || owners.length > 1 || Boolean(params.ownerId), blocks, perBlock: PER_BLOCK };
  } catch (err) {
    const all = await fromRecords(params, err);
    const { blocks, first } = blocksOf(all.items, PER_BLOCK);
    return { ...all, items: first, blocks, perBlock: PER_BLOCK };
  }
}

/**
 * Where 更多 goes on in a block: after the reminder `after` (the last one shown) while it is still
 * there — reminders handled meanwhile above it shift the list, and an offset would skip as many —
 * else from `offset`.
 */
function pageOf<T extends { id: string }>(block: T[], params: { after?: string; offset: number; limit: number }): T[] {
  const at = params.after ? block.findIndex((b) => b.id === params.after) : -1;
  const start = at >= 0 ? at + 1 : params.offset;
  return block.slice(start, start + Math.min(params.limit, MAX_PAGE));
}

/** 更多: the reminders of one block after `after` or from `offset` on (at most `limit`, up to MAX_PAGE), and how many it holds now. */
export async function reminderBlockItems(params: Ask & { group: ReminderGroup; ruleKey: string; after?: string; offset: number; limit: number }): Promise<{ items: ReminderItem[]; count: number }> {
  const { actor } = params;
  assertCan(actor, "record.read");
  if ((await reminderReach(actor)) === "none") return { items: [], count: 0 };
  await connectDb();
  try {
    const found = await indexed(actor, params);
    const block = found.bare.filter((b) => b.group === params.group && blockKey(b) === params.ruleKey);
    return { items: await dress(actor, found.templates, pageOf(block, params)), count: block.length };
  } catch (err) {
    const all = await fromRecords(params, err);
    const block = all.items.filter((i) => i.group === params.group && blockKey(i) === params.ruleKey);
    return { items: pageOf(block, params), count: block.length };
  }
}

/** How many of the reader's reminders are open in a window (the badge: a zero horizon, what is due by today). */
export async function countIndexedReminders(params: Ask): Promise<number> {
  const { actor } = params;
  assertCan(actor, "record.read");
  if ((await reminderReach(actor)) === "none") return 0;
  await connectDb();
  return (await indexed(actor, params, false)).bare.length;
}

/**
 * Every open reminder of the reader in a window, in due order, as listReminders gives them — from
 * the reminder index (the calendar feed: no read of the records); computed from the records
 * should the index fail.
 */
export async function indexedReminderList(params: Ask & { horizonDays: number; lookbackDays: number }): Promise<{ today: string; items: ReminderItem[]; everyone: boolean }> {
  const { actor } = params;
  assertCan(actor, "record.read");
  const reach = await reminderReach(actor);
  if (reach === "none") return { today: officeToday(params.now), items: [], everyone: false };
  await connectDb();
  try {
    const found = await indexed(actor, params);
    const items = await dress(actor, found.templates, found.bare);
    return { today: found.today, items, everyone: reach === "everyone" || new Set(items.map((i) => i.ownerId)).size > 1 || Boolean(params.ownerId) };
  } catch (err) {
    return fromRecords(params, err);
  }
}
