import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { createRecord } from "@/lib/records/create-record";
import { deleteRecord } from "@/lib/records/delete-record";
import { getRecord } from "@/lib/records/get-record";
import { listRecords } from "@/lib/records/list-records";
import { recordHistory } from "@/lib/records/record-history";
import { restoreRecord } from "@/lib/records/restore-record";
import { revealField } from "@/lib/records/reveal-field";
import { updateRecord } from "@/lib/records/update-record";
import { Cleanup, customerData, expectDomainError, makeActor, residentId, sameTeam, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => cleanup.run());

type Data = Record<string, Record<string, unknown>>;

describe("soft delete and restore", () => {
  it("a deleted record leaves the list, shows in the admin's recycle bin, and comes back on restore", async () => {
    const agent = await makeActor("agent", cleanup);
    const admin = await makeActor("admin", cleanup);
    const customerNo = unique("D");
    const record = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ basic: { customerNo } }) });
    const mine = `f.basic.customerNo.eq=${customerNo}`;
    const ids = async (qs: string, actor = admin) => (await listRecords({ actor, templateKey: key, searchParams: new URLSearchParams(qs) })).page.rows.map((r) => r.id);
    expect(await ids(mine)).toEqual([record.id]);

    expect(await deleteRecord({ actor: agent, templateKey: key, recordId: record.id, expectedRevision: 1 })).toEqual({ id: record.id, revision: 2 });
    expect(await ids(mine)).toEqual([]);
    expect(await ids(mine, agent)).toEqual([]);
    const trash = await listRecords({ actor: admin, templateKey: key, searchParams: new URLSearchParams(`${mine}&trash=1`) });
    expect(trash.page.rows.map((r) => r.id)).toEqual([record.id]);
    expect(trash.page.rows[0].deletedAt).toEqual(expect.any(String));
    await expectDomainError(listRecords({ actor: agent, templateKey: key, searchParams: new URLSearchParams(`${mine}&trash=1`) }), "FORBIDDEN");
    // Deleted records cannot be edited or deleted again.
    await expectDomainError(updateRecord({ answer: "full", actor: admin, templateKey: key, recordId: record.id, input: record.data, expectedRevision: 2 }), "NOT_FOUND");
    await expectDomainError(deleteRecord({ actor: admin, templateKey: key, recordId: record.id, expectedRevision: record.revision }), "NOT_FOUND");
    expect((await getRecord({ actor: admin, templateKey: key, recordId: record.id })).deletedBy).toEqual({ id: agent.id, name: agent.name });

    expect(await restoreRecord({ actor: admin, templateKey: key, recordId: record.id })).toEqual({ id: record.id, revision: 3 });
    expect(await ids(mine, agent)).toEqual([record.id]);
    expect(await ids(`${mine}&trash=1`)).toEqual([]);
    await expectDomainError(restoreRecord({ actor: admin, templateKey: key, recordId: record.id }), "NOT_FOUND");
  });

  it("a delete with a stale revision is a conflict", async () => {
    const agent = await makeActor("agent", cleanup);
    const record = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    const d = structuredClone(record.data) as Data;
    d.basic.name = "新名字";
    await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: record.id, input: d, expectedRevision: 1 });
    await expectDomainError(deleteRecord({ actor: agent, templateKey: key, recordId: record.id, expectedRevision: 1 }), "CONFLICT");
  });

  it("a delete that names no revision is refused like a stale one, and deletes nothing", async () => {
    const agent = await makeActor("agent", cleanup);
    const record = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    const err = await expectDomainError(deleteRecord({ actor: agent, templateKey: key, recordId: record.id, expectedRevision: undefined }), "CONFLICT");
    expect(err.details).toMatchObject({ currentRevision: 1 });
    expect((await getRecord({ actor: agent, templateKey: key, recordId: record.id })).revision).toBe(1);
  });
});

describe("recordHistory", () => {
  it("shows create, update, delete and restore, newest first, with labels and masked personal values", async () => {
    const agent = await makeActor("agent", cleanup);
    const admin = await makeActor("admin", cleanup);
    const record = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    const d = structuredClone(record.data) as Data;
    d.basic.mobile = "13911112222";
    d.policy.premium = 15000;
    await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: record.id, input: d, expectedRevision: 1 });
    await deleteRecord({ actor: admin, templateKey: key, recordId: record.id, expectedRevision: 2 });
    await restoreRecord({ actor: admin, templateKey: key, recordId: record.id });

    const history = await recordHistory({ actor: agent, templateKey: key, recordId: record.id });
    expect(history.map((h) => [h.action, h.revision, h.actorName])).toEqual([
      ["record.restore", 4, admin.name],
      ["record.delete", 3, admin.name],
      ["record.update", 2, agent.name],
      ["record.create", 1, agent.name],
    ]);
    expect(history[2].changes).toEqual([
      { path: "/basic/mobile", label: "客户基础信息 › 手机号码", before: "138****8000", after: "139****2222" },
      { path: "/policy/premium", label: "保单信息 › 保费", before: 12000, after: 15000 },
    ]);
    const created = history[3].changes;
    expect(created.find((c) => c.path === "/basic/idNumber")).toEqual({ path: "/basic/idNumber", label: "客户基础信息 › 身份证号码", after: "1101**********002X" });
    // Read off the ID, so masked like it.
    expect(created.find((c) => c.path === "/basic/birthDate")).toMatchObject({ label: "客户基础信息 › 出生日期", after: "******" });
    expect(JSON.stringify(history)).not.toContain("11010519491231002X");
    expect(JSON.stringify(history)).not.toContain("13911112222");
    for (const h of history) expect(Number.isNaN(Date.parse(h.at))).toBe(false);
  });

  it("keeps the order of changes made within the same moment", async () => {
    const agent = await makeActor("agent", cleanup);
    const record = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    let revision = 1;
    for (const name of ["一", "二", "三", "四"]) {
      const d = structuredClone(record.data) as Data;
      d.basic.name = name;
      revision = (await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: record.id, input: d, expectedRevision: revision })).revision;
    }
    // Give every event the same timestamp: the order must still follow the revisions.
    await AuditEventModel.updateMany({ entityId: record.id }, { $set: { at: new Date("2024-01-01T00:00:00Z") } });
    const history = await recordHistory({ actor: agent, templateKey: key, recordId: record.id });
    expect(history.map((h) => h.revision)).toEqual([5, 4, 3, 2, 1]);
  });
});

describe("revealField", () => {
  it("returns the full value and records who looked", async () => {
    const agent = await makeActor("agent", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer);
    const beneficiaryId = residentId("20100101", 2);
    const record = await createRecord({
      actor: agent,
      templateKey: key,
      input: customerData({ beneficiary: { isLegal: false, list: [{ name: "李一", idNumber: beneficiaryId, share: 100 }] } }),
    });
    const masked = await getRecord({ actor: reviewer, templateKey: key, recordId: record.id });
    expect((masked.data.basic as Record<string, unknown>).idNumber).toBe("1101**********002X");

    expect(await revealField({ actor: reviewer, templateKey: key, recordId: record.id, path: "/basic/idNumber" })).toEqual({ value: "11010519491231002X" });
    expect(await revealField({ actor: reviewer, templateKey: key, recordId: record.id, path: "/beneficiary/list/0/idNumber" })).toEqual({ value: beneficiaryId });
    expect(await revealField({ actor: reviewer, templateKey: key, recordId: record.id, path: "/basic/email" })).toEqual({ value: null });

    const events = await AuditEventModel.find({ entityId: record.id, action: "record.reveal" }).sort({ at: 1 }).lean();
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ actorId: reviewer.id, actorRole: "reviewer", entity: "record", templateKey: key, meta: { path: "/basic/idNumber", label: "客户基础信息 › 身份证号码" } });
    expect(events[1].meta).toEqual({ path: "/beneficiary/list/0/idNumber", label: "受益人信息 › 指定受益人 第 1 行 › 身份证号码" });
  });

  it("refuses fields that are not personal data and paths that are not fields", async () => {
    const agent = await makeActor("agent", cleanup);
    const record = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    for (const path of ["/policy/policyNo", "/basic/nope", "/basic/idNumber/$where", "basic.idNumber", "/basic/../idNumber", ""])
      await expectDomainError(revealField({ actor: agent, templateKey: key, recordId: record.id, path }), "BAD_REQUEST");
    expect(await AuditEventModel.countDocuments({ entityId: record.id, action: "record.reveal" })).toBe(0);
  });
});
