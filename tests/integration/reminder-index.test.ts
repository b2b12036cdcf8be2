import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { Types } from "mongoose";
import { RecordModel } from "@/lib/db/models/record";
import { ReminderStateModel } from "@/lib/db/models/reminder-state";
import { createRecord } from "@/lib/records/create-record";
import { deleteRecord } from "@/lib/records/delete-record";
import { restoreRecord } from "@/lib/records/restore-record";
import { transferRecords } from "@/lib/records/transfer-records";
import { updateRecord } from "@/lib/records/update-record";
import { closeReminder } from "@/lib/reminders/close-reminder";
import { listReminders } from "@/lib/reminders/list-reminders";
import { addDays, officeToday } from "@/lib/reminders/office-date";
import { countDueReminders } from "@/lib/reminders/count-due-reminders";
import { ReminderIndexOff, reminderIndexReady, resetReminderIndex, templateIndex } from "@/lib/reminders/reminder-index";
import { snoozeReminder } from "@/lib/reminders/snooze-reminder";
import type { ReminderItem } from "@/lib/reminders/types";
import { countIndexedReminders, indexedReminderList, reminderBlockItems, workbenchPage } from "@/lib/reminders/workbench-page";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { getPublishedTemplate, loadVersion } from "@/lib/templates/get-published-template";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { saveDraft } from "@/lib/templates/save-draft";
import { Cleanup, cloneArchive, customerData, makeActor, withSeededTemplates } from "./support/fixtures";

// The 工作台 answers from an in-memory index kept by every record write; it must give exactly the
// reminders computed from the records (listReminders), before and after every kind of write.
// On a clone of the archive: records other test files write (in other processes, which this
// process's index does not hear of) never enter the comparison.

const cleanup = new Cleanup();
const today = officeToday();
let clone: string;
let admin: Actor;

beforeAll(async () => {
  await withSeededTemplates();
  admin = await makeActor("admin", cleanup);
  clone = await cloneArchive(admin, cleanup, "提醒索引测试");
});
afterEach(async () => {
  await ReminderStateModel.deleteMany({ recordId: { $in: cleanup.records } });
});

const show = (i: ReminderItem) => [i.id, i.recordTitle, i.ownerName, i.group, i.dueIn, i.stage, i.dueDate, i.ruleTitle, i.row].join("|");

/** Every block of the clone through the index (first view + 更多), as block → reminders in order. */
async function viaIndex(actor: Actor, ownerId?: string) {
  const page = await workbenchPage({ actor, ownerId });
  const out = new Map<string, string[]>();
  for (const b of page.blocks.filter((b) => b.ruleKey.startsWith(`${clone}:`))) {
    const all = await reminderBlockItems({ actor, ownerId, group: b.group, ruleKey: b.ruleKey, offset: 0, limit: 200 });
    expect(all.count).toBe(b.count);
    // The first view shows the first of the same block, in the same order.
    expect(page.items.filter((i) => i.group === b.group && `${i.templateKey}:${i.ruleId}` === b.ruleKey).map(show)).toEqual(all.items.slice(0, page.perBlock).map(show));
    out.set(`${b.group}|${b.ruleKey}`, all.items.map(show));
  }
  return out;
}

/** The same computed from the records. */
async function viaRecords(actor: Actor, ownerId?: string) {
  const { items } = await listReminders({ actor, ownerId, horizonDays: 90, lookbackDays: 365 });
  const out = new Map<string, string[]>();
  for (const i of items.filter((i) => i.templateKey === clone)) {
    const k = `${i.group}|${i.templateKey}:${i.ruleId}`;
    out.set(k, [...(out.get(k) ?? []), show(i)]);
  }
  return out;
}

async function expectSame(actor: Actor, ownerId?: string) {
  const records = await viaRecords(actor, ownerId);
  expect(await viaIndex(actor, ownerId)).toEqual(records);
  // The whole list in due order (the calendar feed's), with the calendar's window too.
  for (const window of [{ horizonDays: 90, lookbackDays: 365 }, { horizonDays: 90, lookbackDays: 30 }]) {
    const all = (await listReminders({ actor, ownerId, ...window })).items.filter((i) => i.templateKey === clone).map(show);
    expect((await indexedReminderList({ actor, ownerId, ...window })).items.filter((i) => i.templateKey === clone).map(show)).toEqual(all);
  }
  return records;
}

async function create(actor: Actor, patch: Record<string, Record<string, unknown>>, tables: Record<string, unknown[]> = {}) {
  const record = await createRecord({ answer: "full", actor, templateKey: clone, input: { ...customerData(patch), ...tables } });
  cleanup.records.push(record.id);
  return record;
}

describe("the 工作台's reminder index", () => {
  it("gives the reminders the records give, and follows every kind of write at once", async () => {
    const agent = await makeActor("agent", cleanup);
    const other = await makeActor("agent", cleanup);
    resetReminderIndex();
    // Records of every rule: renewal, expired, premiums (due, paid, overdue), a follow-up, a pending claim; odd dates.
    const r1 = await create(agent, { basic: { name: "索引甲" }, policy: { endDate: addDays(today, 30) } });
    const r2 = await create(agent, { basic: { name: "索引乙" }, policy: { endDate: addDays(today, -3) } }, {
      payments: [
        { date: addDays(today, 5), amount: 1000, status: "未缴费" },
        { date: addDays(today, 3), amount: 1000, status: "已缴费" },
        { date: addDays(today, -10), amount: 1000, status: "逾期" },
      ],
      communications: [{ date: addDays(today, -3), method: "电话", needFollowUp: true, followUpItem: "回访", followUpDate: today }],
      claims: [{ applyDate: addDays(today, -20), status: "待审核" }],
    });
    const r3 = await create(other, { basic: { name: "索引丙" }, policy: { endDate: addDays(today, 7) } });
    await expectSame(agent);
    await expectSame(other);
    await expectSame(admin);
    await expectSame(admin, agent.id);
    const template = await getPublishedTemplate(admin, clone);
    expect(reminderIndexReady(template)).toBe(true);

    // Created after the index was built: in it at once.
    const r4 = await create(agent, { basic: { name: "索引丁" }, policy: { endDate: addDays(today, 60) } });
    expect([...(await expectSame(agent)).values()].flat().some((s) => s.includes(r4.id))).toBe(true);

    // An edit moves a date out of the window and another in; a row's status changes.
    const e1 = await updateRecord({ answer: "full", actor: agent, templateKey: clone, recordId: r1.id, input: { ...r1.data, policy: { ...(r1.data.policy as object), endDate: addDays(today, 400) } }, expectedRevision: r1.revision });
    const e2 = await updateRecord({
      answer: "full",
      actor: agent,
      templateKey: clone,
      recordId: r2.id,
      input: { ...r2.data, payments: [{ date: addDays(today, 5), amount: 1000, status: "已缴费" }, { date: addDays(today, 1), amount: 500, status: "未缴费" }] },
      expectedRevision: r2.revision,
    });
    const afterEdit = await expectSame(agent);
    expect([...afterEdit.values()].flat().some((s) => s.includes(r1.id))).toBe(false);

    // Closed and snoozed reminders leave; to the recycle bin and back; to another agent.
    const items = (await listReminders({ actor: agent })).items.filter((i) => i.templateKey === clone);
    await closeReminder({ actor: agent, key: items.find((i) => i.recordId === r4.id)!.id, outcome: "已续保" });
    await snoozeReminder({ actor: agent, key: items.find((i) => i.recordId === r2.id && i.ruleId === "claim")!.id, until: addDays(today, 3) });
    await expectSame(agent);
    await deleteRecord({ actor: agent, templateKey: clone, recordId: r2.id, expectedRevision: e2.revision });
    expect([...(await expectSame(agent)).values()].flat().some((s) => s.includes(r2.id))).toBe(false);
    await restoreRecord({ actor: admin, templateKey: clone, recordId: r2.id });
    expect([...(await expectSame(agent)).values()].flat().some((s) => s.includes(r2.id))).toBe(true);
    await transferRecords({ actor: admin, templateKey: clone, input: { ids: [r3.id], toUserId: agent.id } });
    expect([...(await expectSame(agent)).values()].flat().some((s) => s.includes(r3.id))).toBe(true);
    expect([...(await expectSame(other)).values()].flat()).toEqual([]);
    await expectSame(admin);
    await expectSame(admin, other.id);
    expect(e1.revision).toBeGreaterThan(r1.revision);
    // Still the index built at the start, kept up by the writes (no rebuild made it right).
    expect(reminderIndexReady(template)).toBe(true);
  });

  it("gives the same when records are written while it is being built", async () => {
    const agent = await makeActor("agent", cleanup);
    const base = [];
    for (let i = 0; i < 30; i++) base.push(await create(agent, { basic: { name: `构建${i}` }, policy: { endDate: addDays(today, 10 + i) } }));
    resetReminderIndex();
    // The build starts with the first view; writes go on meanwhile.
    const building = workbenchPage({ actor: agent });
    const writes = (async () => {
      for (const r of base.slice(0, 10)) await updateRecord({ answer: "full", actor: agent, templateKey: clone, recordId: r.id, input: { ...r.data, policy: { ...(r.data.policy as object), endDate: addDays(today, 500) } }, expectedRevision: r.revision });
      for (let i = 0; i < 5; i++) await create(agent, { basic: { name: `构建中${i}` }, policy: { endDate: addDays(today, 20) } });
    })();
    await Promise.all([building, writes]);
    const same = await expectSame(agent);
    expect([...same.values()].flat()).toHaveLength(25);
  });
});

describe("writes by another process", () => {
  it("are caught up when next asked: records updated or trashed since the last look", async () => {
    const agent = await makeActor("agent", cleanup);
    const a = await create(agent, { basic: { name: "别处甲" }, policy: { endDate: addDays(today, 12) } });
    const b = await create(agent, { basic: { name: "别处乙" }, policy: { endDate: addDays(today, 13) } });
    await expectSame(agent);
    // Written straight to the database, as `npm run demo-data` or another app server would: this
    // process's write pipeline never hears of them.
    await RecordModel.collection.updateOne({ _id: new Types.ObjectId(a.id) }, { $set: { "data.policy.endDate": addDays(today, 3), updatedAt: new Date() }, $inc: { revision: 1 } });
    await RecordModel.collection.updateOne({ _id: new Types.ObjectId(b.id) }, { $set: { deletedAt: new Date(), updatedAt: new Date() }, $inc: { revision: 1 } });
    await new Promise((r) => setTimeout(r, 1_100));
    const after = [...(await expectSame(agent)).values()].flat();
    expect(after.some((x) => x.includes(b.id))).toBe(false);
    expect(after.find((x) => x.includes(a.id))).toContain(`|week|3|`);
  });
});

/**
 * Runs the real write pipeline as another process would: this process's index is not told (the
 * listeners are set aside meanwhile), so only its catch-up can find the writes.
 */
async function asAnotherProcess<T>(write: () => Promise<T>): Promise<T> {
  const bus = (globalThis as Record<symbol, unknown>)[Symbol.for("dossier.recordWrites")] as { listeners: Set<unknown> };
  const listeners = [...bus.listeners];
  bus.listeners.clear();
  try {
    return await write();
  } finally {
    for (const l of listeners) bus.listeners.add(l);
  }
}

describe("writes by another process that keep updatedAt", () => {
  it("a transfer moves the reminder to the new agent at the next look (found through its audit event)", async () => {
    const from = await makeActor("agent", cleanup);
    const to = await makeActor("agent", cleanup);
    const r = await create(from, { basic: { name: "转出客户" }, policy: { endDate: addDays(today, 9) } });
    // Last edited ten minutes ago: outside the minute every look reads again for clocks that differ.
    await RecordModel.collection.updateOne({ _id: new Types.ObjectId(r.id) }, { $set: { updatedAt: new Date(Date.now() - 10 * 60_000) } });
    const has = async (actor: Actor) => [...(await expectSame(actor)).values()].flat().some((x) => x.includes(r.id));
    expect(await has(from)).toBe(true);
    const before = (await RecordModel.findById(r.id, { updatedAt: 1 }).lean())!.updatedAt;
    await asAnotherProcess(() => transferRecords({ actor: admin, templateKey: clone, input: { ids: [r.id], toUserId: to.id } }));
    // A transfer leaves updatedAt as it was: the records' own range would not find it.
    expect((await RecordModel.findById(r.id, { updatedAt: 1 }).lean())!.updatedAt).toEqual(before);
    await new Promise((done) => setTimeout(done, 1_100));
    expect(await has(from)).toBe(false);
    expect(await has(to)).toBe(true);
  });

  it("a reminder closed on another app server leaves at the next look", async () => {
    const agent = await makeActor("agent", cleanup);
    const r = await create(agent, { basic: { name: "别处处理" }, policy: { endDate: addDays(today, 8) } });
    const item = (await workbenchPage({ actor: agent })).items.find((i) => i.recordId === r.id)!;
    expect(item).toBeDefined();
    // As closeReminder on another server writes it: this process's index is not told.
    await ReminderStateModel.collection.updateOne(
      { _id: item.id as never },
      { $set: { state: "done", outcome: "已续保", note: "", snoozedUntil: null, by: admin.id, byName: admin.name, at: new Date(), templateKey: clone, recordId: r.id, ruleId: item.ruleId, row: null, date: item.dueDate } },
      { upsert: true },
    );
    await new Promise((done) => setTimeout(done, 1_100));
    expect((await workbenchPage({ actor: agent })).items.some((i) => i.recordId === r.id)).toBe(false);
    await expectSame(agent);
  });
});

describe("a new published version", () => {
  it("is not replaced by a build of the old version that a request started after the publish", async () => {
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup, "版本替换");
    const r = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ basic: { name: "版本客户" }, policy: { endDate: addDays(today, 20) } }) });
    cleanup.records.push(r.id);
    await workbenchPage({ actor: agent });
    expect(reminderIndexReady({ key, version: 1 })).toBe(true);
    // Version 2: the premium rule counts only 逾期 rows.
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    const reminders = opened.model.reminders!.map((x) => (x.id === "premium" ? { ...x, when: [{ field: "status", equals: "逾期" }] } : x));
    const draft = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: { ...opened.model, reminders } } });
    await publishDraft({ actor: admin, templateKey: key, input: { revision: draft.template.revision } });
    await workbenchPage({ actor: agent });
    expect(reminderIndexReady({ key, version: 2 })).toBe(true);
    // A request that read version 1 just before the publish asks for its index: built, not kept.
    await templateIndex(await loadVersion(key, 1));
    expect(reminderIndexReady({ key, version: 2 })).toBe(true);
    expect(reminderIndexReady({ key, version: 1 })).toBe(false);
    expect((await workbenchPage({ actor: agent })).items.some((i) => i.recordId === r.id)).toBe(true);
  });
});

describe("while the index is being read", () => {
  it("the badge does not wait for it and counts the same from the records", async () => {
    const agent = await makeActor("agent", cleanup);
    for (let i = 0; i < 3; i++) await create(agent, { basic: { name: `角标${i}` }, policy: { endDate: addDays(today, -2 - i) } });
    const viaIndex = await countIndexedReminders({ actor: agent, horizonDays: 0 });
    resetReminderIndex();
    // Not ready: the index-only count refuses at once instead of waiting for the build …
    await expect(countIndexedReminders({ actor: agent, horizonDays: 0, wait: false })).rejects.toBeInstanceOf(ReminderIndexOff);
    // … and the badge answers from the records with the same count.
    expect(await countDueReminders({ actor: agent, fresh: true })).toEqual({ due: viaIndex, more: false });
    expect(viaIndex).toBeGreaterThanOrEqual(3);
  });
});

describe("without the index (DOSSIER_REMINDER_INDEX=off)", () => {
  it("computes the same from the records", async () => {
    const agent = await makeActor("agent", cleanup);
    for (let i = 0; i < 3; i++) await create(agent, { basic: { name: `无索引${i}` }, policy: { endDate: addDays(today, 5 + i) } });
    const withIndex = await viaIndex(agent);
    process.env.DOSSIER_REMINDER_INDEX = "off";
    try {
      resetReminderIndex();
      expect(await viaIndex(agent)).toEqual(withIndex);
      expect(await viaIndex(agent)).toEqual(await viaRecords(agent));
      // Nothing was built meanwhile.
      expect(reminderIndexReady(await getPublishedTemplate(admin, clone))).toBe(false);
    } finally {
      delete process.env.DOSSIER_REMINDER_INDEX;
    }
  });
});
