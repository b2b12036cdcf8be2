import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Types } from "mongoose";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel } from "@/lib/db/models/record";
import { ReminderStateModel } from "@/lib/db/models/reminder-state";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { backfillReminderFacts, startReminderFactsBackfill } from "@/lib/records/backfill-reminder-facts";
import { createRecord } from "@/lib/records/create-record";
import { createRecords } from "@/lib/records/write/create-records";
import { updateRecord } from "@/lib/records/update-record";
import { listReminders } from "@/lib/reminders/list-reminders";
import { addDays, officeToday } from "@/lib/reminders/office-date";
import { resolvedRules } from "@/lib/reminders/resolved-rules";
import { factsKey, reminderFacts } from "@/lib/schema/reminder-facts";
import type { Actor } from "@/lib/auth/roles";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { saveDraft } from "@/lib/templates/save-draft";
import { Cleanup, cloneArchive, customerData, makeActor, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
const today = officeToday();

beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(async () => {
  await ReminderStateModel.deleteMany({ recordId: { $in: cleanup.records } });
  await cleanup.run();
});

/** Table rows that remind today in various ways, and some that do not. */
function tables(shift: number) {
  return {
    payments: [
      { date: addDays(today, 5 + shift), amount: 1000, status: "未缴费" },
      { date: addDays(today, 3), amount: 1000, status: "已缴费" },
      { date: addDays(today, -10 - shift), amount: 1000, status: "逾期" },
    ],
    communications: [{ date: addDays(today, -3), method: "电话", needFollowUp: true, followUpItem: "回访", followUpDate: addDays(today, shift) }],
    claims: [{ applyDate: addDays(today, -20 - shift), status: "待审核" }],
  };
}

/** The reminders of the given records, as [record, rule, due date, row], in the 工作台's order. */
async function remindersOf(actor: Actor, ids: string[]) {
  const { items } = await listReminders({ actor });
  return items.filter((i) => ids.includes(i.recordId)).map((i) => [i.recordId, i.ruleId, i.dueDate, i.row]);
}

const stored = (id: string) => RecordModel.findById(id).lean();
const setFacts = (id: string, facts: unknown) => RecordModel.collection.updateOne({ _id: new Types.ObjectId(id) }, facts === undefined ? { $unset: { facts: "" } } : { $set: { facts } });

async function makeRecords(actor: Actor, templateKey: string) {
  const ids: string[] = [];
  const inputs = [
    tables(0),
    tables(2),
    { payments: [{ date: addDays(today, 40), amount: 5, status: "未缴费" }], communications: [], claims: [] }, // nothing due yet
    { payments: [{ date: addDays(today, -1), amount: 5, status: "已缴费" }], communications: [{ date: today, method: "电话", needFollowUp: false }], claims: [{ applyDate: addDays(today, -30), status: "审核通过" }] },
    {},
  ];
  for (const extra of inputs) {
    const r = await createRecord({ answer: "full", actor, templateKey, input: { ...customerData({ policy: { endDate: addDays(today, 200) } }), ...extra } });
    ids.push(r.id);
  }
  return ids;
}

describe("reminder facts (the 工作台's table rules through an index)", () => {
  it("give the same reminders with facts, without them (older records) and mixed", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup, "提醒事实档案");
    const ids = await makeRecords(agent, key);
    const rules = resolvedRules(await getPublishedTemplate(admin, key));
    // Every write stored the facts of the current rules.
    for (const id of ids) expect((await stored(id))!.facts).toEqual(reminderFacts(rules, (await stored(id))!.data));
    const withFacts = await remindersOf(agent, ids);
    expect(withFacts.filter(([id]) => id === ids[0]).map(([, rule, due, row]) => [rule, due, row])).toEqual([
      ["premium", addDays(today, -10), 2],
      ["claim", addDays(today, -5), 0],
      ["follow-up", today, 0],
      ["premium", addDays(today, 5), 0],
    ]);
    // Shifted two days: the follow-up is not due yet (raised on its day).
    expect(withFacts.filter(([id]) => id === ids[1]).map(([, rule]) => rule).sort()).toEqual(["claim", "premium", "premium"]);
    expect(withFacts.filter(([id]) => id !== ids[0] && id !== ids[1])).toEqual([]);

    // Older records without facts: the old query finds the same.
    const saved = await Promise.all(ids.map(async (id) => (await stored(id))!.facts));
    for (const id of ids) await setFacts(id, undefined);
    expect(await remindersOf(agent, ids)).toEqual(withFacts);
    // Mixed: some with, some without, one with facts of other rules that say nothing is due.
    await setFacts(ids[0], saved[0]);
    await setFacts(ids[1], { key: "f0-older", r: {} });
    await setFacts(ids[2], saved[2]);
    expect(await remindersOf(agent, ids)).toEqual(withFacts);
    expect(await remindersOf(admin, ids)).toEqual(withFacts);

    // Current facts are what the table rules are asked by: facts that (wrongly) say no row is due hide them.
    await setFacts(ids[0], { key: factsKey(rules), r: {} });
    expect((await remindersOf(agent, ids)).filter(([id]) => id === ids[0])).toEqual([]);
  });

  it("are rewritten by an edit in the same write: one revision, one audit event", async () => {
    const agent = await makeActor("agent", cleanup);
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup, "提醒事实编辑");
    const [id] = await makeRecords(agent, key);
    const before = (await stored(id))!;
    expect(before.facts).toMatchObject({ r: { r0: { min: addDays(today, -10), max: addDays(today, 5) } } });
    const data = before.data as Record<string, unknown>;
    const next = await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: id, input: { ...data, payments: [{ date: addDays(today, 9), amount: 1, status: "未缴费" }] }, expectedRevision: before.revision });
    const after = (await stored(id))!;
    expect(after.revision).toBe(before.revision + 1);
    expect(next.revision).toBe(after.revision);
    expect(after.facts).toMatchObject({ r: { r0: { min: addDays(today, 9), max: addDays(today, 9) } } });
    expect(await AuditEventModel.countDocuments({ entity: "record", entityId: id })).toBe(2);
    expect((await remindersOf(agent, [id])).filter(([, rule]) => rule === "premium")).toEqual([[id, "premium", addDays(today, 9), 0]]);
  });

  // FerretDB 1.24 skips a $set whose values only moved to other keys (ensure-data-written.ts): the
  // same date leaving the premium slot for the follow-up slot must still be stored.
  it("follow a date that moves from one rule's slot to another's in one edit", async () => {
    const agent = await makeActor("agent", cleanup);
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup, "提醒事实换槽");
    const day = today;
    const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: { ...customerData({ policy: { endDate: addDays(today, 200) } }), payments: [{ date: day, amount: 1, status: "未缴费" }], communications: [], claims: [] } });
    cleanup.records.push(created.id);
    const before = (await stored(created.id))!;
    expect(before.facts).toMatchObject({ r: { r0: { min: day, max: day } } });
    const data = before.data as Record<string, unknown>;
    const input = { ...data, payments: [{ date: day, amount: 1, status: "已缴费" }], communications: [{ date: today, method: "电话", needFollowUp: true, followUpItem: "回访", followUpDate: day }] };
    await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: created.id, input, expectedRevision: before.revision });
    const after = (await stored(created.id))!;
    expect((after.facts as { r: Record<string, unknown> }).r).toEqual({ r0: null, r1: { min: day, max: day }, r2: null });
    const rules = (await remindersOf(agent, [created.id])).map(([, rule]) => rule);
    expect(rules).toContain("follow-up");
    expect(rules).not.toContain("premium");
  });

  it("of a version whose rules changed are ignored until the backfill, which changes no revision, history or audit", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup, "提醒规则变更");
    const [id] = await makeRecords(agent, key);
    const oldFacts = (await stored(id))!.facts as { key: string };
    expect((await remindersOf(agent, [id])).filter(([, rule]) => rule === "premium")).toHaveLength(2);

    // A version whose premium rule counts only 逾期 rows (the 未缴费 row no longer reminds).
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    const reminders = opened.model.reminders!.map((r) => (r.id === "premium" ? { ...r, when: [{ field: "status", equals: "逾期" }] } : r));
    const draft = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: { ...opened.model, reminders } } });
    await publishDraft({ actor: admin, templateKey: key, input: { revision: draft.template.revision } });
    const newKey = factsKey(resolvedRules(await getPublishedTemplate(admin, key)));
    expect(newKey).not.toBe(oldFacts.key);
    // Publishing started a backfill in the background: let it finish, then put the old facts back
    // (a record the backfill has not reached yet).
    await startReminderFactsBackfill();
    expect(((await stored(id))!.facts as { key: string }).key).toBe(newKey);
    await setFacts(id, oldFacts);
    const before = (await stored(id))!;
    const audits = await AuditEventModel.countDocuments({ entity: "record", entityId: id });

    const expected = [[id, "premium", addDays(today, -10), 2]];
    expect((await remindersOf(agent, [id])).filter(([, rule]) => rule === "premium")).toEqual(expected);

    expect(await backfillReminderFacts({ templateKey: key })).toBe(1);
    const after = (await stored(id))!;
    expect(after.facts).toEqual(reminderFacts(resolvedRules(await getPublishedTemplate(admin, key)), after.data));
    expect((after.facts as { key: string }).key).toBe(newKey);
    expect(after.revision).toBe(before.revision);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await AuditEventModel.countDocuments({ entity: "record", entityId: id })).toBe(audits);
    expect((await remindersOf(agent, [id])).filter(([, rule]) => rule === "premium")).toEqual(expected);
    // Done: a second run finds nothing.
    expect(await backfillReminderFacts({ templateKey: key })).toBe(0);
  });

  it("are backfilled for many records from before them, in batches, and the reminders stay the same", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup, "提醒事实补齐");
    const n = 620; // more than one batch (500) and than one bulk of writes (100)
    const outcomes = await createRecords({ actor: admin, templateKey: key, records: Array.from({ length: n }, (_, i) => ({ input: { ...customerData({ policy: { endDate: addDays(today, 200) } }), ...tables(i % 5) } })) });
    const ids = outcomes.map((o) => o.id);
    cleanup.records.push(...ids);
    const before = await remindersOf(admin, ids);
    await RecordModel.collection.updateMany({ templateKey: key }, { $unset: { facts: "" } });
    expect(await RecordModel.countDocuments({ templateKey: key, "facts.key": null })).toBe(n);
    expect(await remindersOf(admin, ids)).toEqual(before);
    expect(await backfillReminderFacts({ templateKey: key })).toBe(n);
    expect(await RecordModel.countDocuments({ templateKey: key, "facts.key": null })).toBe(0);
    expect(await remindersOf(admin, ids)).toEqual(before);
  }, 120_000);
});
