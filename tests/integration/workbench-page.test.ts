import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ReminderStateModel } from "@/lib/db/models/reminder-state";
import { createRecord } from "@/lib/records/create-record";
import { updateRecord } from "@/lib/records/update-record";
import { closeReminder } from "@/lib/reminders/close-reminder";
import { countDueReminders } from "@/lib/reminders/count-due-reminders";
import { countOpenReminders, listReminders } from "@/lib/reminders/list-reminders";
import { addDays, officeToday } from "@/lib/reminders/office-date";
import type { ReminderItem } from "@/lib/reminders/types";
import { PER_BLOCK, reminderBlockItems, workbenchPage } from "@/lib/reminders/workbench-page";
import type { Actor } from "@/lib/auth/roles";
import { Cleanup, customerData, makeActor, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;
const today = officeToday();
const HORIZON = 90;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(async () => {
  await ReminderStateModel.deleteMany({ recordId: { $in: cleanup.records } });
  await cleanup.run();
});

async function create(actor: Actor, patch: Record<string, Record<string, unknown>>, tables: Record<string, unknown[]> = {}) {
  const record = await createRecord({ answer: "full", actor, templateKey: key, input: { ...customerData(patch), ...tables } });
  cleanup.records.push(record.id);
  return record;
}

/** The reminders of every block, counted from the full list: what the page's counts must equal. */
function blocksOf(items: ReminderItem[]) {
  const out = new Map<string, string[]>();
  for (const i of items) {
    const k = `${i.group}|${i.templateKey}:${i.ruleId}`;
    out.set(k, [...(out.get(k) ?? []), i.id]);
  }
  return out;
}

describe("the 工作台's first view, 更多 and the badge", () => {
  it("counts every block, shows its first reminders and pages through the rest in due order", async () => {
    const agent = await makeActor("agent", cleanup);
    // 23 renewals due in 30–52 days (later), 2 expired yesterday (overdue), one premium due today.
    for (let i = 0; i < 23; i++) await create(agent, { basic: { name: `续保${i}` }, policy: { endDate: addDays(today, 30 + i) } });
    for (let i = 0; i < 2; i++) await create(agent, { policy: { endDate: addDays(today, -1) } });
    await create(agent, { policy: { endDate: addDays(today, 300) } }, { payments: [{ date: today, amount: 100, status: "未缴费" }] });

    const full = await listReminders({ actor: agent, horizonDays: HORIZON });
    const expected = blocksOf(full.items);
    const page = await workbenchPage({ actor: agent, horizonDays: HORIZON });
    expect(new Map(page.blocks.map((b) => [`${b.group}|${b.ruleKey}`, b.count]))).toEqual(new Map([...expected].map(([k, ids]) => [k, ids.length])));
    expect(page.blocks.find((b) => b.ruleKey === `${key}:renewal`)).toMatchObject({ group: "later", count: 23, ruleTitle: "续保提醒" });
    // Each block's first PER_BLOCK reminders, the same as the full list's, in order.
    const shown = blocksOf(page.items);
    for (const [k, ids] of expected) expect(shown.get(k)).toEqual(ids.slice(0, PER_BLOCK));
    expect(page.items).toHaveLength(PER_BLOCK + 2 + 1);

    // 更多: the rest of the renewal block, in due order.
    const renewals = expected.get(`later|${key}:renewal`)!;
    const more = await reminderBlockItems({ actor: agent, horizonDays: HORIZON, group: "later", ruleKey: `${key}:renewal`, offset: PER_BLOCK, limit: 50 });
    expect(more.count).toBe(23);
    expect(more.items.map((i) => i.id)).toEqual(renewals.slice(PER_BLOCK));
    expect(more.items.map((i) => i.recordTitle)).toEqual(["续保20", "续保21", "续保22"]);

    // One shown above is handled meanwhile: the block moves up by one. 更多 after the last shown
    // still brings 续保20 first; by offset alone it would skip it.
    await closeReminder({ actor: agent, key: renewals[3], outcome: "已续保" });
    const ask = { actor: agent, horizonDays: HORIZON, group: "later" as const, ruleKey: `${key}:renewal`, offset: PER_BLOCK, limit: 50 };
    expect((await reminderBlockItems({ ...ask, after: renewals[PER_BLOCK - 1] })).items.map((i) => i.recordTitle)).toEqual(["续保20", "续保21", "续保22"]);
    expect((await reminderBlockItems(ask)).items.map((i) => i.recordTitle)).toEqual(["续保21", "续保22"]);
    // The last shown handled too: from the offset.
    await closeReminder({ actor: agent, key: renewals[PER_BLOCK - 1], outcome: "已续保" });
    expect((await reminderBlockItems({ ...ask, offset: PER_BLOCK - 2, after: renewals[PER_BLOCK - 1] })).items.map((i) => i.recordTitle)).toEqual(["续保20", "续保21", "续保22"]);
  });

  it("更多 follows an edit and a closed reminder at once, and sees only the reader's own", async () => {
    const agent = await makeActor("agent", cleanup);
    const other = await makeActor("agent", cleanup);
    const records = [];
    for (let i = 0; i < 3; i++) records.push(await create(agent, { policy: { endDate: addDays(today, 40 + i) } }));
    await create(other, { policy: { endDate: addDays(today, 40) } });
    const ask = { actor: agent, horizonDays: HORIZON, group: "later" as const, ruleKey: `${key}:renewal`, offset: 0, limit: 50 };
    await workbenchPage({ actor: agent, horizonDays: HORIZON });
    expect((await reminderBlockItems(ask)).items.map((i) => i.recordId)).toEqual(records.map((r) => r.id));

    // The first record's policy moves far away: gone from the kept list without waiting for it to expire.
    const r0 = records[0];
    await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: r0.id, input: { ...r0.data, policy: { ...(r0.data.policy as object), endDate: addDays(today, 300) } }, expectedRevision: r0.revision });
    let page = await reminderBlockItems(ask);
    expect(page.items.map((i) => i.recordId)).toEqual([records[1].id, records[2].id]);
    expect(page.count).toBe(2);

    await closeReminder({ actor: agent, key: page.items[0].id, outcome: "已续保" });
    page = await reminderBlockItems(ask);
    expect(page.items.map((i) => i.recordId)).toEqual([records[2].id]);
    // Another agent asking the same block gets theirs only.
    const theirs = await reminderBlockItems({ ...ask, actor: other });
    expect(theirs.items.every((i) => i.ownerId === other.id)).toBe(true);
    expect(theirs.count).toBe(1);
  });

  it("counts up to a cap and stops; below it the count is exact, and the badge counts what is due by today", async () => {
    const agent = await makeActor("agent", cleanup);
    for (let i = 0; i < 4; i++) await create(agent, { policy: { endDate: addDays(today, -1 - i) } });
    await create(agent, { policy: { endDate: addDays(today, 20) } });
    const all = (await listReminders({ actor: agent, horizonDays: HORIZON })).items.length;
    expect(all).toBe(5);
    expect(await countOpenReminders({ actor: agent, horizonDays: HORIZON, cap: 1000 })).toEqual({ count: 5, capped: false });
    expect(await countOpenReminders({ actor: agent, horizonDays: HORIZON, cap: 3 })).toEqual({ count: 3, capped: true });
    expect(await countOpenReminders({ actor: agent, horizonDays: HORIZON, cap: 5 })).toEqual({ count: 5, capped: true });
    // The badge: the 4 expired (due today or overdue), not the renewal 20 days ahead.
    expect(await countDueReminders({ actor: agent, now: new Date() })).toEqual({ due: 4, more: false });
  });
});
