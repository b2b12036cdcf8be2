import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel } from "@/lib/db/models/record";
import { exportRecords } from "@/lib/exports/export-records";
import { backfillOwnerNames } from "@/lib/records/backfill-owner-names";
import { createRecord } from "@/lib/records/create-record";
import { getRecord } from "@/lib/records/get-record";
import { listRecords } from "@/lib/records/list-records";
import { recordHistory } from "@/lib/records/record-history";
import { transferRecords } from "@/lib/records/transfer-records";
import { updateRecord } from "@/lib/records/update-record";
import { listReminders } from "@/lib/reminders/list-reminders";
import { addDays, officeToday } from "@/lib/reminders/office-date";
import { Cleanup, customerData, expectDomainError, makeActor, TEMPLATE, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

const reveals = (recordId: string) => AuditEventModel.countDocuments({ entity: "record", entityId: recordId, action: "record.reveal" });

describe("transfer (转移给…)", () => {
  it("moves records to another owner through the pipeline: revision, history, audit; the new owner sees them, the old does not", async () => {
    const admin = await makeActor("admin", cleanup);
    const a = await makeActor("agent", cleanup);
    const b = await makeActor("agent", cleanup);
    // Names that tell the two apart (the fixture names every agent alike).
    b.name = `接手人${unique("")}`;
    await (await import("@/lib/db/models/user")).UserModel.updateOne({ _id: b.id }, { $set: { name: b.name } });
    const r1 = await createRecord({ answer: "full", actor: a, templateKey: TEMPLATE, input: customerData() });
    const r2 = await createRecord({ answer: "full", actor: a, templateKey: TEMPLATE, input: customerData() });
    const before = (await RecordModel.findById(r1.id).lean())!;
    await expectDomainError(getRecord({ actor: b, templateKey: TEMPLATE, recordId: r1.id }), "NOT_FOUND");

    const outcomes = await transferRecords({ actor: admin, templateKey: TEMPLATE, input: { ids: [r1.id, r2.id], toUserId: b.id } });
    expect(outcomes).toEqual([
      { recordId: r1.id, status: "transferred", revision: 2 },
      { recordId: r2.id, status: "transferred", revision: 2 },
    ]);
    const after = (await RecordModel.findById(r1.id).lean())!;
    expect(after).toMatchObject({ ownerId: b.id, revision: 2, createdBy: a.id });
    expect(after.data).toEqual(before.data);
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());

    expect((await getRecord({ actor: b, templateKey: TEMPLATE, recordId: r1.id })).ownerId).toBe(b.id);
    await expectDomainError(getRecord({ actor: a, templateKey: TEMPLATE, recordId: r1.id }), "NOT_FOUND");

    const events = await AuditEventModel.find({ entity: "record", entityId: { $in: [r1.id, r2.id] }, action: "record.transfer" }).lean();
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ actorId: admin.id, revision: 2, meta: { fromOwnerId: a.id, toOwnerId: b.id, fromOwner: a.name, toOwner: b.name } });
    const history = await recordHistory({ actor: b, templateKey: TEMPLATE, recordId: r1.id });
    expect(history[0]).toMatchObject({ action: "record.transfer", revision: 2, meta: { fromOwner: a.name, toOwner: b.name } });

    // The list's 负责人 column and its sort read the owner's name, which moves with the record.
    expect(before.ownerName).toBe(a.name);
    expect(after.ownerName).toBe(b.name);

    // Transferring again to the same owner writes nothing.
    expect(await transferRecords({ actor: admin, templateKey: TEMPLATE, input: { ids: [r1.id], toUserId: b.id } })).toEqual([{ recordId: r1.id, status: "unchanged", revision: 2 }]);
  });

  it("records stored before owner names existed get their creator's name at start-up, once", async () => {
    const a = await makeActor("agent", cleanup);
    const r = await createRecord({ answer: "full", actor: a, templateKey: TEMPLATE, input: customerData() });
    cleanup.records.push(r.id);
    await RecordModel.collection.updateOne({ _id: new (await import("mongoose")).Types.ObjectId(r.id) }, { $unset: { ownerName: "" } });
    expect((await RecordModel.findById(r.id).lean())!.ownerName ?? null).toBeNull();
    expect(await backfillOwnerNames()).toBeGreaterThanOrEqual(1);
    expect((await RecordModel.findById(r.id).lean())!.ownerName).toBe(a.name);
    expect(await backfillOwnerNames()).toBe(0);
  });

  it("the reminders follow the record to its new owner", async () => {
    const admin = await makeActor("admin", cleanup);
    const a = await makeActor("agent", cleanup);
    const b = await makeActor("agent", cleanup);
    const r = await createRecord({ answer: "full", actor: a, templateKey: TEMPLATE, input: customerData({ policy: { endDate: addDays(officeToday(), 20) } }) });
    const has = async (actor: typeof a) => (await listReminders({ actor })).items.some((i) => i.recordId === r.id);
    expect([await has(a), await has(b)]).toEqual([true, false]);
    await transferRecords({ actor: admin, templateKey: TEMPLATE, input: { ids: [r.id], toUserId: b.id } });
    expect([await has(a), await has(b)]).toEqual([false, true]);
  });

  it("only administrators transfer, to an active user who may edit records; unknown records are refused one by one", async () => {
    const admin = await makeActor("admin", cleanup);
    const a = await makeActor("agent", cleanup);
    const viewer = await makeActor("viewer", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    const r = await createRecord({ answer: "full", actor: a, templateKey: TEMPLATE, input: customerData() });
    await expectDomainError(transferRecords({ actor: a, templateKey: TEMPLATE, input: { ids: [r.id], toUserId: a.id } }), "FORBIDDEN");
    await expectDomainError(transferRecords({ actor: reviewer, templateKey: TEMPLATE, input: { ids: [r.id], toUserId: reviewer.id } }), "FORBIDDEN");
    await expectDomainError(transferRecords({ actor: admin, templateKey: TEMPLATE, input: { ids: [r.id], toUserId: viewer.id } }), "VALIDATION");
    await expectDomainError(transferRecords({ actor: admin, templateKey: TEMPLATE, input: { ids: [], toUserId: a.id } }), "BAD_REQUEST");
    const missing = "0123456789abcdef01234567";
    const outcomes = await transferRecords({ actor: admin, templateKey: TEMPLATE, input: { ids: [missing, r.id], toUserId: reviewer.id } });
    expect(outcomes[0]).toMatchObject({ recordId: missing, status: "refused" });
    expect(outcomes[1]).toEqual({ recordId: r.id, status: "transferred", revision: 2 });
    expect((await RecordModel.findById(r.id).lean())!.ownerId).toBe(reviewer.id);
  });
});

describe("客户姓名 is personal data, masked by owner", () => {
  it("the owner sees their customers' names in full without a reveal; others with reveal see them masked; a viewer always masked", async () => {
    const owner = await makeActor("agent", cleanup);
    const admin = await makeActor("admin", cleanup);
    const viewer = await makeActor("viewer", cleanup);
    const policyNo = unique("P");
    const r = await createRecord({ answer: "masked", actor: owner, templateKey: TEMPLATE, input: customerData({ basic: { name: "张三丰" }, policy: { policyNo } }) });
    // The answer to the create is what the owner may see: the name in full, the ID masked.
    expect(r.data.basic).toMatchObject({ name: "张三丰", idNumber: "1101**********002X" });

    const mine = await getRecord({ actor: owner, templateKey: TEMPLATE, recordId: r.id });
    expect(mine.masked).toBe(true);
    expect(mine.clearPii).toEqual(["name"]);
    expect(mine.data.basic).toMatchObject({ name: "张三丰", idNumber: "1101**********002X", mobile: "138****8000" });

    const admins = await getRecord({ actor: admin, templateKey: TEMPLATE, recordId: r.id });
    expect(admins.clearPii).toEqual([]);
    expect((admins.data.basic as Record<string, unknown>).name).toBe("张**");
    const viewers = await getRecord({ actor: viewer, templateKey: TEMPLATE, recordId: r.id });
    expect((viewers.data.basic as Record<string, unknown>).name).toBe("张**");

    // Lists and exports decide the same way.
    const title = async (actor: typeof owner) => (await listRecords({ actor, templateKey: TEMPLATE, searchParams: new URLSearchParams({ q: policyNo }) })).page.rows[0];
    expect((await title(owner)).title).toBe("张三丰");
    expect((await title(owner)).cells["basic.name"]).toBe("张三丰");
    expect((await title(admin)).title).toBe("张**");
    expect((await title(viewer)).title).toBe("张**");
    const csv = async (actor: typeof owner) =>
      Buffer.from(await new Response((await exportRecords({ actor, templateKey: TEMPLATE, searchParams: new URLSearchParams({ format: "csv", q: policyNo }), locale: "zh" })).stream).arrayBuffer()).toString("utf8");
    expect(await csv(owner)).toContain("张三丰");
    const adminsCsv = await csv(admin);
    expect(adminsCsv).toContain("张**");
    expect(adminsCsv).not.toContain("张三丰");
    expect(await csv(viewer)).not.toContain("张三丰");

    // The owner's reading is no reveal: nothing in the audit trail.
    expect(await reveals(r.id)).toBe(0);
    // The history shows a name change the same way.
    const full = await getRecord({ actor: owner, templateKey: TEMPLATE, recordId: r.id, forEdit: true });
    const edited = structuredClone(full.data) as Record<string, Record<string, unknown>>;
    edited.basic.name = "张无忌";
    await updateRecord({ answer: "masked", actor: owner, templateKey: TEMPLATE, recordId: r.id, input: edited, expectedRevision: full.revision });
    const change = (h: Awaited<ReturnType<typeof recordHistory>>) => h.find((e) => e.action === "record.update")!.changes.find((c) => c.path === "/basic/name");
    expect(change(await recordHistory({ actor: owner, templateKey: TEMPLATE, recordId: r.id }))).toMatchObject({ before: "张三丰", after: "张无忌" });
    expect(change(await recordHistory({ actor: admin, templateKey: TEMPLATE, recordId: r.id }))).toMatchObject({ before: "张**", after: "张**" });
  });

  it("after a transfer, the new owner sees the names and the old one no longer does", async () => {
    const admin = await makeActor("admin", cleanup);
    const a = await makeActor("agent", cleanup);
    const b = await makeActor("agent", cleanup);
    const r = await createRecord({ answer: "full", actor: a, templateKey: TEMPLATE, input: customerData({ basic: { name: "李四" } }) });
    await transferRecords({ actor: admin, templateKey: TEMPLATE, input: { ids: [r.id], toUserId: b.id } });
    expect(((await getRecord({ actor: b, templateKey: TEMPLATE, recordId: r.id })).data.basic as Record<string, unknown>).name).toBe("李四");
    expect(((await getRecord({ actor: admin, templateKey: TEMPLATE, recordId: r.id })).data.basic as Record<string, unknown>).name).toBe("李*");
  });
});
