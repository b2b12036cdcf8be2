import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditChanges } from "@/lib/audit/audit-changes";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel, UniqueClaimModel } from "@/lib/db/models/record";
import { DomainError } from "@/lib/errors";
import { createRecord } from "@/lib/records/create-record";
import { deleteRecord } from "@/lib/records/delete-record";
import { getRecord } from "@/lib/records/get-record";
import { updateRecord } from "@/lib/records/update-record";
import { Cleanup, customerData, expectDomainError, makeActor, residentId, sameTeam, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => cleanup.run());

type Data = Record<string, Record<string, unknown>>;
const policyNoOf = (d: Record<string, unknown>) => (d.policy as Record<string, unknown>).policyNo as string;

describe("createRecord", () => {
  it("normalizes messy input and derives birth date and gender from the ID", async () => {
    const agent = await makeActor("agent", cleanup);
    const policyNo = `00${unique("")}`;
    const created = await createRecord({
      answer: "full",
      actor: agent,
      templateKey: key,
      input: customerData({
        basic: { name: " 李四 ", idNumber: ` ${residentId("19850607", 123).toLowerCase()} `, mobile: "+86 139-1234-5678", email: "" },
        policy: { policyNo, sumInsured: "1.5亿", premium: "¥1,200.50", startDate: "2024年3月1日", endDate: "20340301" },
        beneficiary: { isLegal: "否", list: [{ name: "李一", idNumber: residentId("20100101", 2), share: "60%" }, { name: "李二", idNumber: residentId("20120101", 4), share: "40" }] } as never,
        policyholder: { relation: "本人", name: "should be dropped" },
      }),
    });
    expect(created.revision).toBe(1);
    expect(created.masked).toBe(false);
    const d = created.data as Data;
    expect(d.basic).toEqual({ name: "李四", idNumber: residentId("19850607", 123), mobile: "13912345678", birthDate: "1985-06-07", gender: "男" });
    expect(d.policy).toMatchObject({ policyNo, sumInsured: 150000000, premium: 1200.5, startDate: "2024-03-01", endDate: "2034-03-01" });
    expect(d.beneficiary).toEqual({ isLegal: false, list: [{ name: "李一", idNumber: residentId("20100101", 2), share: 60 }, { name: "李二", idNumber: residentId("20120101", 4), share: 40 }] });
    expect(d.policyholder).toEqual({ relation: "本人" });
    // What is stored is what was returned, leading zeros included.
    const stored = await RecordModel.findById(created.id).lean();
    expect(stored?.data).toEqual(created.data);
    expect(stored).toMatchObject({ templateKey: key, templateVersion: 1, ownerId: agent.id, createdBy: agent.id, createdByName: agent.name, revision: 1, deletedAt: null });
    const event = await AuditEventModel.findById(`record:${created.id}:1`).lean();
    expect(event).toMatchObject({ action: "record.create", actorId: agent.id, entity: "record", entityId: created.id, revision: 1, templateKey: key });
    expect(auditChanges(event).find((c) => c.path === "/basic/name")).toMatchObject({ label: "客户基础信息 › 客户姓名", after: "李四" });
    // Stored as one JSON string, not as nested documents (benchmarks run 27).
    const raw = await AuditEventModel.collection.findOne({ _id: `record:${created.id}:1` as never });
    expect(typeof raw?.changes).toBe("string");
  });

  it("rejects invalid data with Chinese errors per field and stores nothing", async () => {
    const agent = await makeActor("agent", cleanup);
    const input = customerData({
      basic: { name: "", idNumber: "110105194912310021", mobile: "12345" },
      policy: { insuranceType: "寿险", startDate: "2024-02-01", endDate: "2024-01-01" },
    });
    const err = await expectDomainError(createRecord({ answer: "full", actor: agent, templateKey: key, input }), "VALIDATION");
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/^有 \d+ 处需要修改$/);
    const byPath = Object.fromEntries((err.fieldErrors ?? []).map((e) => [e.path, e.message]));
    expect(byPath).toEqual({
      "/basic/name": "请填写客户姓名",
      "/basic/idNumber": "身份证号码不正确：校验位不符，请核对号码",
      "/basic/mobile": "手机号码不是有效的手机号码（11 位，以 1 开头）",
      "/policy/insuranceType": "保险类型必须是以下之一：人寿险、健康险、意外险、财产险、车险、年金险、其他",
      "/policy/endDate": "保险到期日期不能早于保险起始日期",
    });
    expect(await RecordModel.countDocuments({ "data.policy.policyNo": policyNoOf(input) })).toBe(0);
    expect(await UniqueClaimModel.countDocuments({ _id: `${key}|policy.policyNo|${policyNoOf(input)}` })).toBe(0);
  });

  it("answers in English when asked", async () => {
    const agent = await makeActor("agent", cleanup);
    const err = await expectDomainError(createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ basic: { name: "" } }), locale: "en" }), "VALIDATION");
    expect(err.fieldErrors).toEqual([{ path: "/basic/name", label: "客户基础信息 › 客户姓名", message: "客户姓名 is required", keyword: "required" }]);
  });

  it("rejects unknown fields", async () => {
    const agent = await makeActor("agent", cleanup);
    const input = customerData({ basic: { nickname: "小李" } });
    (input as Record<string, unknown>).$where = "1";
    const err = await expectDomainError(createRecord({ answer: "full", actor: agent, templateKey: key, input }), "VALIDATION");
    expect(err.fieldErrors?.map((e) => [e.path, e.message]).sort()).toEqual([
      ["/$where", "不允许的字段“$where”"],
      ["/basic/nickname", "不允许的字段“nickname”"],
    ]);
    expect(await RecordModel.countDocuments({ "data.policy.policyNo": policyNoOf(input) })).toBe(0);
  });

  it.each([
    ["an array", [1, 2]],
    ["a string", "data"],
    ["null", null],
    ["a number", 42],
  ])("rejects %s as record data with BAD_REQUEST", async (_what, input) => {
    const agent = await makeActor("agent", cleanup);
    const err = await expectDomainError(createRecord({ answer: "full", actor: agent, templateKey: key, input }), "BAD_REQUEST");
    expect(err.message).toBe("记录数据必须是一个 JSON 对象");
  });

  it("refuses an unknown template", async () => {
    const agent = await makeActor("agent", cleanup);
    await expectDomainError(createRecord({ answer: "full", actor: agent, templateKey: "no-such-template", input: customerData() }), "NOT_FOUND");
  });
});

describe("updateRecord", () => {
  it("saves with the right revision: revision +1 and an audit event with the field diff", async () => {
    const agent = await makeActor("agent", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer);
    const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    const data = structuredClone(created.data) as Data;
    data.basic.mobile = "13911112222";
    data.policy.premium = "1.5万";
    data.notes = { remarks: "已电话回访" };
    const updated = await updateRecord({ answer: "full", actor: reviewer, templateKey: key, recordId: created.id, input: data, expectedRevision: 1 });
    expect(updated.revision).toBe(2);
    expect(updated.updatedBy).toEqual({ id: reviewer.id, name: reviewer.name });
    expect(updated.data).toMatchObject({ basic: { mobile: "13911112222" }, policy: { premium: 15000 }, notes: { remarks: "已电话回访" } });
    const event = await AuditEventModel.findById(`record:${created.id}:2`).lean();
    expect(event).toMatchObject({ action: "record.update", actorId: reviewer.id, actorRole: "reviewer", revision: 2 });
    expect(typeof (await AuditEventModel.collection.findOne({ _id: `record:${created.id}:2` as never }))?.changes).toBe("string");
    expect(auditChanges(event)).toEqual([
      { path: "/basic/mobile", label: "客户基础信息 › 手机号码", before: "13800138000", after: "13911112222" },
      { path: "/policy/premium", label: "保单信息 › 保费", before: 12000, after: 15000 },
      { path: "/notes/remarks", label: "备注信息 › 备注", after: "已电话回访" },
    ]);
  });

  it("an edit that changes nothing keeps the revision and writes no event", async () => {
    const agent = await makeActor("agent", cleanup);
    const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    const same = await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: created.id, input: created.data, expectedRevision: 1 });
    expect(same.revision).toBe(1);
    expect(await AuditEventModel.countDocuments({ entityId: created.id })).toBe(1);
  });

  it("refuses a stale revision with CONFLICT, who saved and what changed, and leaves the data alone", async () => {
    const agent = await makeActor("agent", cleanup);
    const other = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, other);
    const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    const theirs = structuredClone(created.data) as Data;
    theirs.basic.name = "张三丰";
    theirs.status.state = "失效";
    await updateRecord({ answer: "full", actor: other, templateKey: key, recordId: created.id, input: theirs, expectedRevision: 1 });

    const mine = structuredClone(created.data) as Data;
    mine.policy.premium = 1;
    const err = await expectDomainError(updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: created.id, input: mine, expectedRevision: 1 }), "CONFLICT");
    expect(err.status).toBe(409);
    expect(err.message).toContain(other.name);
    expect(err.details).toMatchObject({ currentRevision: 2, updatedBy: other.name, changedFields: ["客户基础信息 › 客户姓名", "保单状态 › 保单状态"] });
    expect(typeof err.details?.updatedAt).toBe("string");
    const stored = await getRecord({ actor: agent, templateKey: key, recordId: created.id, forEdit: true });
    expect(stored.revision).toBe(2);
    expect(stored.data).toMatchObject({ basic: { name: "张三丰" }, policy: { premium: 12000 } });
  });

  it("of concurrent updates from the same revision exactly one succeeds, every time", async () => {
    const agent = await makeActor("agent", cleanup);
    for (let round = 0; round < 5; round++) {
      const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
      const edit = (name: string) => {
        const d = structuredClone(created.data) as Data;
        d.basic.name = name;
        return updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: created.id, input: d, expectedRevision: 1 });
      };
      const results = await Promise.allSettled([edit("甲"), edit("乙"), edit("丙")]);
      const ok = results.filter((r) => r.status === "fulfilled");
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(ok).toHaveLength(1);
      for (const f of failed) {
        expect((f.reason as DomainError).code).toBe("CONFLICT");
        // The loser learns what the winner changed.
        expect((f.reason as DomainError).details).toMatchObject({ currentRevision: 2, changedFields: ["客户基础信息 › 客户姓名"] });
      }
      const winner = (ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof edit>>>).value;
      const stored = await RecordModel.findById(created.id).lean();
      expect(stored?.revision).toBe(2);
      expect((stored?.data as Data).basic.name).toBe((winner.data as Data).basic.name);
      expect(await AuditEventModel.countDocuments({ entityId: created.id, action: "record.update" })).toBe(1);
    }
  });

  it("an update racing a delete from the same revision: one wins, nothing is lost silently", async () => {
    const agent = await makeActor("agent", cleanup);
    for (let round = 0; round < 3; round++) {
      const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
      const d = structuredClone(created.data) as Data;
      d.basic.name = "改名";
      const results = await Promise.allSettled([
        updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: created.id, input: d, expectedRevision: 1 }),
        deleteRecord({ actor: agent, templateKey: key, recordId: created.id, expectedRevision: 1 }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const stored = await RecordModel.findById(created.id).lean();
      expect(stored?.revision).toBe(2);
      if (results[0].status === "fulfilled") expect(stored?.deletedAt).toBeNull();
      else expect(stored?.deletedAt).toBeInstanceOf(Date);
    }
  });

  it("requires the revision the edit started from", async () => {
    const agent = await makeActor("agent", cleanup);
    const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    for (const expectedRevision of [undefined, "1", 0, 1.5])
      await expectDomainError(updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: created.id, input: created.data, expectedRevision }), "BAD_REQUEST");
  });

  it("validates edits like new records and keeps the stored data on failure", async () => {
    const agent = await makeActor("agent", cleanup);
    const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    const bad = structuredClone(created.data) as Data;
    bad.basic.idNumber = "1.23457E+17";
    const err = await expectDomainError(updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: created.id, input: bad, expectedRevision: 1 }), "VALIDATION");
    expect(err.fieldErrors?.[0]).toMatchObject({ path: "/basic/idNumber", message: "身份证号码被表格软件转成了科学计数法，请把该列设为“文本”后重新填写" });
    expect((await RecordModel.findById(created.id).lean())?.revision).toBe(1);
  });

  it("answers NOT_FOUND for ids that are not records", async () => {
    const agent = await makeActor("agent", cleanup);
    for (const recordId of ["nope", "{\"$ne\":null}", "000000000000000000000000"])
      await expectDomainError(updateRecord({ answer: "full", actor: agent, templateKey: key, recordId, input: customerData(), expectedRevision: 1 }), "NOT_FOUND");
  });
});
