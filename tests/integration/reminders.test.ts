import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ReminderStateModel } from "@/lib/db/models/reminder-state";
import { createRecord } from "@/lib/records/create-record";
import { deleteRecord } from "@/lib/records/delete-record";
import { recordHistory } from "@/lib/records/record-history";
import { updateRecord } from "@/lib/records/update-record";
import { closeReminder } from "@/lib/reminders/close-reminder";
import { listReminders } from "@/lib/reminders/list-reminders";
import { addDays, officeToday } from "@/lib/reminders/office-date";
import { snoozeReminder } from "@/lib/reminders/snooze-reminder";
import type { Actor } from "@/lib/auth/roles";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { saveDraft } from "@/lib/templates/save-draft";
import { removeField } from "@/lib/template-model/model-paths";
import { Cleanup, cloneArchive, customerData, expectDomainError, makeActor, sameTeam, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;
const today = officeToday();

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

/** The actor's reminders for one record, as [rule, due date, row]. */
async function remindersOf(actor: Actor, recordId: string, ownerId?: string) {
  const { items } = await listReminders({ actor, ownerId });
  return items.filter((i) => i.recordId === recordId).map((i) => [i.ruleId, i.dueDate, i.row]);
}

describe("reminders computed from the records", () => {
  it("appear and disappear as a record changes: renewal, expiry, premiums, follow-ups, claims", async () => {
    const agent = await makeActor("agent", cleanup);
    const end = addDays(today, 30);
    const r = await create(agent, { policy: { endDate: end } });
    expect(await remindersOf(agent, r.id)).toEqual([["renewal", end, null]]);
    const item = (await listReminders({ actor: agent })).items.find((i) => i.recordId === r.id)!;
    expect(item).toMatchObject({ ruleTitle: "续保提醒", recordTitle: "张三", group: "later", dueIn: 30, stage: -30, section: "policy", outcomes: expect.arrayContaining(["已续保"]) });

    // The policy is no longer 生效: no renewal. A new end date far away: none either.
    let next = await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: r.id, input: { ...r.data, status: { state: "已退保" } }, expectedRevision: r.revision });
    expect(await remindersOf(agent, r.id)).toEqual([]);
    next = await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: r.id, input: { ...next.data, status: { state: "生效" }, policy: { ...(next.data.policy as object), endDate: addDays(today, 200) } }, expectedRevision: next.revision });
    expect(await remindersOf(agent, r.id)).toEqual([]);

    // Expired yesterday; a premium row due in 5 days, a paid one, an overdue one; a follow-up today; a claim pending 20 days.
    next = await updateRecord({
      answer: "full",
      actor: agent,
      templateKey: key,
      recordId: r.id,
      input: {
        ...next.data,
        policy: { ...(next.data.policy as object), endDate: addDays(today, -1) },
        payments: [
          { date: addDays(today, 5), amount: 1000, status: "未缴费" },
          { date: addDays(today, 3), amount: 1000, status: "已缴费" },
          { date: addDays(today, -10), amount: 1000, status: "逾期" },
        ],
        communications: [{ date: addDays(today, -3), method: "电话", needFollowUp: true, followUpItem: "回访", followUpDate: today }],
        claims: [{ applyDate: addDays(today, -20), status: "待审核" }],
      },
      expectedRevision: next.revision,
    });
    expect(await remindersOf(agent, r.id)).toEqual([
      ["premium", addDays(today, -10), 2],
      ["claim", addDays(today, -5), 0],
      ["expired", today, null],
      ["follow-up", today, 0],
      ["premium", addDays(today, 5), 0],
    ]);
    const groups = (await listReminders({ actor: agent })).items.filter((i) => i.recordId === r.id).map((i) => i.group);
    expect(groups).toEqual(["overdue", "overdue", "today", "today", "week"]);

    // A deleted record never reminds.
    await deleteRecord({ actor: agent, templateKey: key, recordId: r.id, expectedRevision: next.revision });
    expect(await remindersOf(agent, r.id)).toEqual([]);
  });

  it("已处理 closes a reminder with an outcome and a note in the record's history; a new date is a new reminder", async () => {
    const agent = await makeActor("agent", cleanup);
    const r = await create(agent, { policy: { endDate: addDays(today, 30) } });
    const [item] = (await listReminders({ actor: agent })).items.filter((i) => i.recordId === r.id);
    await expectDomainError(closeReminder({ actor: agent, key: item.id, outcome: "随便" }), "VALIDATION");
    await closeReminder({ actor: agent, key: item.id, outcome: "已续保", note: "客户已在线续保" });
    expect(await remindersOf(agent, r.id)).toEqual([]);
    const history = await recordHistory({ actor: agent, templateKey: key, recordId: r.id });
    expect(history[0]).toMatchObject({ action: "record.reminder", actorName: agent.name, meta: { rule: "续保提醒", outcome: "已续保", note: "客户已在线续保", date: addDays(today, 30) } });

    // The renewed policy's new end date raises a new reminder.
    const end = addDays(today, 60);
    await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: r.id, input: { ...r.data, policy: { ...(r.data.policy as object), endDate: end } }, expectedRevision: r.revision });
    expect(await remindersOf(agent, r.id)).toEqual([["renewal", end, null]]);
    // The old one no longer exists: closing it again says so.
    await expectDomainError(closeReminder({ actor: agent, key: item.id, outcome: "已续保" }), "NOT_FOUND");
  });

  it("稍后提醒 hides a reminder until the chosen day", async () => {
    const agent = await makeActor("agent", cleanup);
    const r = await create(agent, {}, { communications: [{ date: today, method: "电话", needFollowUp: true, followUpItem: "回访", followUpDate: today }] });
    const [item] = (await listReminders({ actor: agent })).items.filter((i) => i.recordId === r.id);
    expect(item).toMatchObject({ ruleId: "follow-up", group: "today" });
    await expectDomainError(snoozeReminder({ actor: agent, key: item.id, until: today }), "VALIDATION");
    await expectDomainError(snoozeReminder({ actor: agent, key: item.id, until: "明天" }), "VALIDATION");
    await snoozeReminder({ actor: agent, key: item.id, until: addDays(today, 2) });
    expect(await remindersOf(agent, r.id)).toEqual([]);
    // Two days on (in the office's zone), it is back, overdue.
    const later = new Date(Date.now() + 2 * 86_400_000);
    const back = (await listReminders({ actor: agent, now: later })).items.filter((i) => i.recordId === r.id);
    expect(back.map((i) => [i.ruleId, i.group])).toEqual([["follow-up", "overdue"]]);
  });

  it("an agent sees only their own customers'; admins everyone's, filterable by agent; reviewers their team's; viewers none", async () => {
    const mine = await makeActor("agent", cleanup);
    const other = await makeActor("agent", cleanup);
    const admin = await makeActor("admin", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    const viewer = await makeActor("viewer", cleanup);
    // The archive's scopes: agents own, reviewers their team (here the other agent's), admins all.
    await sameTeam(cleanup, reviewer, other);
    const a = await create(mine, { policy: { endDate: addDays(today, 7) } });
    const b = await create(other, { policy: { endDate: addDays(today, 7) } });
    expect(await remindersOf(mine, a.id)).toHaveLength(1);
    expect(await remindersOf(mine, b.id)).toEqual([]);
    // Even asking for another agent's reminders gives one's own.
    expect(await remindersOf(mine, b.id, other.id)).toEqual([]);
    const all = await listReminders({ actor: admin });
    expect(all.everyone).toBe(true);
    expect(all.items.filter((i) => i.recordId === a.id || i.recordId === b.id).map((i) => i.ownerName).sort()).toEqual([mine.name, other.name].sort());
    expect(all.owners.map((o) => o.id)).toEqual(expect.arrayContaining([mine.id, other.id]));
    expect(await remindersOf(admin, b.id, mine.id)).toEqual([]);
    // Narrowed to one agent, the filter still offers the others.
    expect((await listReminders({ actor: admin, ownerId: mine.id })).owners.map((o) => o.id)).toEqual(expect.arrayContaining([mine.id, other.id]));
    expect((await listReminders({ actor: mine })).owners.map((o) => o.id)).toEqual([mine.id]);
    expect(await remindersOf(reviewer, b.id, other.id)).toHaveLength(1);
    expect(await remindersOf(reviewer, a.id)).toEqual([]);
    expect((await listReminders({ actor: viewer })).items).toEqual([]);

    const [bItem] = (await listReminders({ actor: admin })).items.filter((i) => i.recordId === b.id);
    // Another agent's customer is outside the agent's data scope: as gone as a deleted one (404).
    await expectDomainError(closeReminder({ actor: mine, key: bItem.id, outcome: "已续保" }), "NOT_FOUND");
    await expectDomainError(closeReminder({ actor: viewer, key: bItem.id, outcome: "已续保" }), "FORBIDDEN");
    await closeReminder({ actor: reviewer, key: bItem.id, outcome: "客户拒绝" });
    expect(await remindersOf(other, b.id)).toEqual([]);
  });

  it("a clone reminds with the rules it copied; removing a rule's date field saves as a draft but is refused at publish", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const clone = await cloneArchive(admin, cleanup, "提醒测试档案");
    const record = await createRecord({ answer: "full", actor: agent, templateKey: clone, input: customerData({ policy: { endDate: addDays(today, 7) } }) });
    expect((await listReminders({ actor: agent })).items.filter((i) => i.recordId === record.id).map((i) => [i.templateKey, i.ruleId, i.group])).toEqual([[clone, "renewal", "week"]]);

    const opened = await getTemplateForEdit({ actor: admin, templateKey: clone });
    const draft = await saveDraft({ actor: admin, templateKey: clone, input: { revision: opened.template.revision, model: removeField(opened.model, "policy.endDate") } });
    const err = await expectDomainError(publishDraft({ actor: admin, templateKey: clone, input: { revision: draft.template.revision } }), "VALIDATION");
    expect(JSON.stringify(err.localize("zh"))).toContain("提醒规则“续保提醒”使用的日期字段“保险到期日期”已被移除");
  });
});
