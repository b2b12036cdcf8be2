import { Types } from "mongoose";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditChanges } from "@/lib/audit/audit-changes";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel, UniqueClaimModel } from "@/lib/db/models/record";
import { createRecord } from "@/lib/records/create-record";
import { getRecord } from "@/lib/records/get-record";
import { recordHistory } from "@/lib/records/record-history";
import { updateRecord } from "@/lib/records/update-record";
import { createRecords } from "@/lib/records/write/create-records";
import type { WriteHook } from "@/lib/records/write/record-operation";
import { Cleanup, customerData, expectDomainError, makeActor, residentId, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => cleanup.run());

const newId = () => String(new Types.ObjectId());

describe("batch creates (the write pipeline's batch mode)", () => {
  it("stores what a single create stores: the same document, claims and audit event", async () => {
    const agent = await makeActor("agent", cleanup);
    const input = customerData({ basic: { name: "批量甲" } });
    const single = await createRecord({ actor: agent, templateKey: key, input: customerData({ basic: { name: "批量甲" }, policy: { policyNo: unique("S") } }) });
    const [outcome] = await createRecords({ actor: agent, templateKey: key, records: [{ input }] });
    expect(outcome.status).toBe("created");
    const [a, b] = await Promise.all([RecordModel.findById(single.id).lean(), RecordModel.findById(outcome.id).lean()]);
    const shape = (d: typeof a) => {
      const { _id, createdAt, updatedAt, data, ...rest } = d!;
      // Both wait for 核对 since the moment they were made.
      const review = rest.review && { ...rest.review, since: rest.review.since?.getTime() === createdAt.getTime() };
      // The search text holds each record's own policy number: the same but for it.
      const policyNo = (data as { policy: { policyNo: string } }).policy.policyNo;
      expect(rest.search?.t).toContain(policyNo);
      const search = rest.search && { ...rest.search, t: rest.search.t.replace(policyNo, "<保单号>") };
      return { ...rest, review, search, keys: Object.keys(d!), types: [typeof _id, createdAt instanceof Date, updatedAt instanceof Date], sections: Object.keys(data as object) };
    };
    expect(shape(b)).toEqual(shape(a));
    const policyNo = (input.policy as { policyNo: string }).policyNo;
    expect(await UniqueClaimModel.findById(`${key}|policy.policyNo|${policyNo}`).lean()).toMatchObject({ recordId: outcome.id, templateKey: key });
    const events = await AuditEventModel.find({ entityId: { $in: [single.id, outcome.id] } }).lean();
    // The batch writer stores the changes as one string too, read back the same.
    expect(events.map((e) => typeof e.changes)).toEqual(["string", "string"]);
    expect(events.map((e) => [e.action, e.revision, e.actorId, auditChanges(e).length > 5])).toEqual([
      ["record.create", 1, agent.id, true],
      ["record.create", 1, agent.id, true],
    ]);
    expect((await recordHistory({ actor: agent, templateKey: key, recordId: outcome.id }))[0]).toMatchObject({ action: "record.create", revision: 1 });
  });

  it("rejects invalid rows and taken unique values row by row, and stores the rest", async () => {
    const agent = await makeActor("agent", cleanup);
    const taken = unique("T");
    await createRecord({ actor: agent, templateKey: key, input: customerData({ policy: { policyNo: taken } }) });
    const twice = unique("D");
    const outcomes = await createRecords({
      actor: agent,
      templateKey: key,
      records: [
        { input: customerData({ basic: { name: "好的" } }) },
        { input: customerData({ basic: { name: "坏的", idNumber: "123" } }) },
        { input: customerData({ policy: { policyNo: taken } }) },
        { input: customerData({ policy: { policyNo: twice } }) },
        { input: customerData({ policy: { policyNo: twice } }) },
        { input: "not an object" },
      ],
    });
    expect(outcomes.map((o) => o.status)).toEqual(["created", "rejected", "rejected", "created", "rejected", "rejected"]);
    const errors = outcomes.map((o) => (o.status === "rejected" ? [o.error.code, o.error.fieldErrors?.[0]?.keyword ?? null] : null));
    expect(errors).toEqual([null, ["VALIDATION", "format"], ["VALIDATION", "x-unique"], null, ["VALIDATION", "x-unique"], ["BAD_REQUEST", null]]);
    const rejected = outcomes.filter((o) => o.status === "rejected").map((o) => o.id);
    expect(await RecordModel.countDocuments({ _id: { $in: rejected } })).toBe(0);
    expect(await AuditEventModel.countDocuments({ entityId: { $in: rejected } })).toBe(0);
    expect(await UniqueClaimModel.countDocuments({ recordId: { $in: rejected } })).toBe(0);
    expect(await RecordModel.countDocuments({ "data.policy.policyNo": twice })).toBe(1);
  });

  it("is idempotent by id: a retried batch creates nothing twice and fills in what the first try missed", async () => {
    const agent = await makeActor("agent", cleanup);
    const records = [0, 1, 2].map((i) => ({ id: newId(), input: customerData({ basic: { name: `重试${i}` } }) }));
    const first = await createRecords({ actor: agent, templateKey: key, records: records.slice(0, 2) });
    expect(first.map((o) => o.status)).toEqual(["created", "created"]);
    // A crash after the records were written but before the audit events: the retry writes them.
    await AuditEventModel.deleteOne({ _id: `record:${records[1].id}:1` });
    const retry = await createRecords({ actor: agent, templateKey: key, records });
    expect(retry.map((o) => [o.id, o.status])).toEqual([
      [records[0].id, "existed"],
      [records[1].id, "existed"],
      [records[2].id, "created"],
    ]);
    const ids = records.map((r) => r.id);
    expect(await RecordModel.countDocuments({ _id: { $in: ids } })).toBe(3);
    expect(await AuditEventModel.countDocuments({ entityId: { $in: ids } })).toBe(3);
    expect(await UniqueClaimModel.countDocuments({ recordId: { $in: ids } })).toBe(3);
  });

  it("checks permission and the template before anything", async () => {
    const viewer = await makeActor("viewer", cleanup);
    await expectDomainError(createRecords({ actor: viewer, templateKey: key, records: [{ input: customerData() }] }), "FORBIDDEN");
    const agent = await makeActor("agent", cleanup);
    await expectDomainError(createRecords({ actor: agent, templateKey: "no-such-template", records: [] }), "NOT_FOUND");
    const [bad] = await createRecords({ actor: agent, templateKey: key, records: [{ id: "42", input: customerData() }] });
    expect(bad).toMatchObject({ id: "42", status: "rejected" });
  });
});

describe("write hooks", () => {
  // What verification (issue 9) will do: a change to the ID number sends the record back to review.
  const resetOnId: WriteHook = {
    name: "test-reset-verification",
    beforeWrite: ({ changes }) => (changes.some((c) => c.path === "/basic/idNumber") ? { verification: "pending" } : undefined),
  };

  it("adjust what every kind of write stores, atomically with it", async () => {
    const agent = await makeActor("agent", cleanup);
    const [created] = await createRecords({ actor: agent, templateKey: key, records: [{ input: customerData() }], hooks: [resetOnId] });
    expect((await RecordModel.findById(created.id).lean())?.verification).toBe("pending");
    await RecordModel.updateOne({ _id: created.id }, { $set: { verification: "verified" } });

    const { writeRecord } = await import("@/lib/records/write/write-record");
    const edit = async (patch: Record<string, unknown>) => {
      const current = await getRecord({ actor: agent, templateKey: key, recordId: created.id, forEdit: true });
      const data = structuredClone(current.data) as Record<string, Record<string, unknown>>;
      Object.assign(data.basic, patch);
      return writeRecord({
        action: "record.update",
        permission: "record.update",
        actor: agent,
        templateKey: key,
        record: { id: created.id, in: "live" },
        expectedRevision: current.revision,
        hooks: [resetOnId],
        change: () => ({ data }),
        result: (_, written) => written!,
      });
    };
    expect((await edit({ address: "只改地址" })).verification).toBe("verified");
    expect((await edit({ idNumber: residentId("19491231", 4) })).verification).toBe("pending");
    // The ordinary update runs the same rule through the verification hook every write has.
    const current = await getRecord({ actor: agent, templateKey: key, recordId: created.id, forEdit: true });
    const data = structuredClone(current.data) as Record<string, Record<string, unknown>>;
    data.basic.idNumber = "11010519491231002X";
    expect((await updateRecord({ actor: agent, templateKey: key, recordId: created.id, input: data, expectedRevision: current.revision })).verification).toBe("pending");
  });
});
