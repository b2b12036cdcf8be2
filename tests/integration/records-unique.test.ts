import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { RecordModel, UniqueClaimModel } from "@/lib/db/models/record";
import { createRecord } from "@/lib/records/create-record";
import { deleteRecord } from "@/lib/records/delete-record";
import { restoreRecord } from "@/lib/records/restore-record";
import { updateRecord } from "@/lib/records/update-record";
import { Cleanup, customerData, expectDomainError, makeActor, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => cleanup.run());

describe("unique policy numbers (x-unique)", () => {
  it("refuses a second record with the same number; reusable after soft delete; restoring the first then conflicts", async () => {
    const agent = await makeActor("agent", cleanup);
    const admin = await makeActor("admin", cleanup);
    const policyNo = `00${unique("")}`;
    const first = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { policyNo } }) });

    const dup = await expectDomainError(createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { policyNo } }) }), "VALIDATION");
    expect(dup.fieldErrors).toEqual([
      { path: "/policy/policyNo", label: "保单信息 › 保单号", message: `保单号“${policyNo}”已被另一条记录使用`, keyword: "x-unique" },
    ]);
    expect(await RecordModel.countDocuments({ "data.policy.policyNo": policyNo })).toBe(1);

    await deleteRecord({ actor: agent, templateKey: key, recordId: first.id, expectedRevision: first.revision });
    const second = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { policyNo } }) });
    expect((second.data.policy as Record<string, unknown>).policyNo).toBe(policyNo);

    const restore = await expectDomainError(restoreRecord({ actor: admin, templateKey: key, recordId: first.id }), "CONFLICT");
    expect(restore.message).toContain(policyNo);
    expect(restore.fieldErrors?.[0].path).toBe("/policy/policyNo");
    expect((await RecordModel.findById(first.id).lean())?.deletedAt).toBeInstanceOf(Date);
    expect((await UniqueClaimModel.findById(`${key}|policy.policyNo|${policyNo}`).lean())?.recordId).toBe(second.id);
  });

  it("an edit may keep its own number, and releases the old one when it changes", async () => {
    const agent = await makeActor("agent", cleanup);
    const a = unique("A");
    const b = unique("B");
    const record = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { policyNo: a } }) });
    const d = structuredClone(record.data) as Record<string, Record<string, unknown>>;
    d.basic.name = "改名不改号";
    const kept = await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: record.id, input: d, expectedRevision: 1 });
    d.policy.policyNo = b;
    await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: record.id, input: d, expectedRevision: kept.revision });
    // The old number is free again, the new one is taken.
    await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { policyNo: a } }) });
    await expectDomainError(createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { policyNo: b } }) }), "VALIDATION");
  });

  it("creates racing for one number: exactly one wins, every time", async () => {
    const agent = await makeActor("agent", cleanup);
    for (let round = 0; round < 5; round++) {
      const policyNo = unique("R");
      const results = await Promise.allSettled([1, 2, 3].map(() => createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { policyNo } }) })));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect(r.reason.fieldErrors?.[0]?.keyword).toBe("x-unique");
      expect(await RecordModel.countDocuments({ "data.policy.policyNo": policyNo, deletedAt: null })).toBe(1);
    }
  });

  it("an edit racing a create for the same new number: exactly one gets it", async () => {
    const agent = await makeActor("agent", cleanup);
    for (let round = 0; round < 3; round++) {
      const policyNo = unique("E");
      const existing = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
      const d = structuredClone(existing.data) as Record<string, Record<string, unknown>>;
      d.policy.policyNo = policyNo;
      const results = await Promise.allSettled([
        updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: existing.id, input: d, expectedRevision: 1 }),
        createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { policyNo } }) }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await RecordModel.countDocuments({ "data.policy.policyNo": policyNo, deletedAt: null })).toBe(1);
    }
  });
});

describe("claims left behind", () => {
  it("a claim whose record never got written is taken over once it is old", async () => {
    const agent = await makeActor("agent", cleanup);
    const policyNo = unique("S");
    const id = `${key}|policy.policyNo|${policyNo}`;
    // A writer that claimed the number and died before storing its record.
    await UniqueClaimModel.create({ _id: id, recordId: "0123456789abcdef01234567", templateKey: key, at: new Date() });
    await expectDomainError(createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { policyNo } }) }), "VALIDATION");
    await UniqueClaimModel.updateOne({ _id: id }, { $set: { at: new Date(Date.now() - 60_000) } });
    const record = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { policyNo } }) });
    expect((await UniqueClaimModel.findById(id).lean())?.recordId).toBe(record.id);
  });
});
