import { Types } from "mongoose";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { setAuditInsertHook } from "@/lib/audit/audit-insert-hook";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel, RevisionClaimModel, UniqueClaimModel } from "@/lib/db/models/record";
import type { DomainError } from "@/lib/errors";
import { createRecord } from "@/lib/records/create-record";
import { deleteOperation, deleteRecord } from "@/lib/records/delete-record";
import { updateRecord } from "@/lib/records/update-record";
import type { RecordOperation } from "@/lib/records/write/record-operation";
import { writeRecords, type WriteOutcome } from "@/lib/records/write/write-records";
import type { Actor } from "@/lib/auth/roles";
import { Cleanup, customerData, makeActor, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => {
  setAuditInsertHook(null);
  return cleanup.run();
});

const policyOf = (data: unknown) => (data as { policy: { policyNo: string } }).policy.policyNo;
const claimOf = (policyNo: string) => `${key}|policy.policyNo|${policyNo}`;
const refusal = (o: WriteOutcome<unknown>) => (o.status === "refused" ? { code: o.error.code, message: o.error.message } : o);

/** The answer writeRecord alone gives (for writes that are refused, so asking changes nothing). */
async function alone(write: Promise<unknown>) {
  const err = (await write.then(() => null, (e: unknown) => e)) as DomainError | null;
  return err ? { code: err.code, message: err.message } : null;
}

async function made(actor: Actor) {
  const r = await createRecord({ actor, templateKey: key, input: customerData() });
  return { id: r.id, policyNo: policyOf(r.data) };
}

describe("writeRecords (the write pipeline's batch mode)", () => {
  it("answers every operation as writeRecord alone would, in order, and writes the plain ones together", async () => {
    const agent = await makeActor("agent", cleanup);
    const other = await makeActor("agent", cleanup);
    const [a, b, c, d, e] = [await made(agent), await made(agent), await made(agent), await made(agent), await made(other)];
    // Edited since the revision the batch names: a conflict.
    const cRecord = await RecordModel.findById(c.id).lean();
    await updateRecord({ actor: agent, templateKey: key, recordId: c.id, input: { ...(cRecord!.data as object), status: { state: "失效" } }, expectedRevision: 1 });
    const missing = String(new Types.ObjectId());
    const inserts: string[][] = [];
    setAuditInsertHook((ids) => void inserts.push(ids));

    const del = (recordId: string) => deleteOperation({ actor: agent, templateKey: key, recordId, expectedRevision: 1, meta: { test: "batch" } });
    const out = await writeRecords<unknown>([del(a.id), del(c.id), del(e.id), del(b.id), del(missing), del(a.id), del(d.id)]);
    setAuditInsertHook(null);

    expect(out[0]).toEqual({ status: "written", value: { id: a.id, revision: 2 } });
    expect(out[3]).toEqual({ status: "written", value: { id: b.id, revision: 2 } });
    expect(out[6]).toEqual({ status: "written", value: { id: d.id, revision: 2 } });
    // Refused as alone: a conflict, another agent's record (outside the scope: not found), an unknown
    // id, and a record named a second time (in the bin after the first).
    expect(refusal(out[1])).toEqual(await alone(deleteRecord({ actor: agent, templateKey: key, recordId: c.id, expectedRevision: 1 })));
    expect(refusal(out[1])).toMatchObject({ code: "CONFLICT" });
    expect(refusal(out[2])).toEqual(await alone(deleteRecord({ actor: agent, templateKey: key, recordId: e.id, expectedRevision: 1 })));
    expect(refusal(out[2])).toMatchObject({ code: "NOT_FOUND" });
    expect(refusal(out[4])).toMatchObject({ code: "NOT_FOUND" });
    expect(refusal(out[5])).toEqual(await alone(deleteRecord({ actor: agent, templateKey: key, recordId: a.id, expectedRevision: 1 })));
    expect(refusal(out[5])).toMatchObject({ code: "NOT_FOUND" });

    // b and d (named once, plain) had their events stored in one insert; a (named twice) alone.
    expect(inserts).toContainEqual([`record:${b.id}:2`, `record:${d.id}:2`]);
    expect(inserts).toContainEqual([`record:${a.id}:2`]);
    for (const id of [a.id, b.id, d.id]) {
      const events = await AuditEventModel.find({ entityId: id, action: "record.delete" }).lean();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ _id: `record:${id}:2`, actorId: agent.id, revision: 2, meta: { test: "batch" } });
      expect(await RecordModel.findById(id).lean()).toMatchObject({ revision: 2, deletedBy: agent.id, lastAudit: { _id: `record:${id}:2` } });
    }
    // Unique values released by those in the bin only; no revision claim left.
    const held = (await UniqueClaimModel.find({ _id: { $in: [a, b, c, d, e].map((r) => claimOf(r.policyNo)) } }).lean()).map((x) => String(x._id));
    expect(held.sort()).toEqual([claimOf(c.policyNo), claimOf(e.policyNo)].sort());
    expect(await RevisionClaimModel.countDocuments({ entityId: { $in: [a, b, c, d, e].map((r) => r.id) } })).toBe(0);
  });

  it("edits in a batch: a new unique value is claimed alone (refused when taken), a record outside the data scope is not found, the others written", async () => {
    const agent = await makeActor("agent", cleanup);
    const other = await makeActor("agent", cleanup);
    const [a, b, c, d, e] = [await made(agent), await made(agent), await made(agent), await made(agent), await made(other)];
    const docs = new Map((await RecordModel.find({ _id: { $in: [a.id, b.id, c.id, d.id, e.id] } }).lean()).map((r) => [String(r._id), r.data as Record<string, Record<string, unknown>>]));
    const edit = (id: string, patch: (data: Record<string, Record<string, unknown>>) => void): RecordOperation<null> => ({
      action: "record.update",
      permission: "record.update",
      actor: agent,
      templateKey: key,
      record: { id, in: "live" },
      expectedRevision: 1,
      change: () => {
        const data = structuredClone(docs.get(id)!);
        patch(data);
        return { data };
      },
      result: () => null,
    });
    const fresh = unique("NP");
    const inserts: string[][] = [];
    setAuditInsertHook((ids) => void inserts.push(ids));
    const out = await writeRecords([
      edit(a.id, (d) => (d.policy.policyNo = fresh)),
      edit(b.id, (d) => (d.policy.policyNo = c.policyNo)),
      edit(c.id, (d) => (d.basic.name = "改名")),
      // Another agent's record: agents read and write their own (scope "own"), as alone.
      edit(e.id, (d) => (d.basic.name = "改名")),
      edit(d.id, (data) => (data.status.state = "失效")),
    ]);
    setAuditInsertHook(null);
    // The plain edits' events in one insert; the one claiming a new value alone.
    expect(inserts).toContainEqual([`record:${c.id}:2`, `record:${d.id}:2`]);
    expect(inserts).toContainEqual([`record:${a.id}:2`]);
    expect(out[4]).toEqual({ status: "written", value: null });
    expect(out[3]).toMatchObject({ status: "refused", error: { code: "NOT_FOUND" } });
    expect(await RecordModel.findById(e.id).lean()).toMatchObject({ revision: 1 });
    expect(out[0]).toEqual({ status: "written", value: null });
    expect(out[1]).toMatchObject({ status: "refused", error: { code: "VALIDATION" } });
    expect(out[2]).toEqual({ status: "written", value: null });
    expect((await UniqueClaimModel.findById(claimOf(fresh)).lean())?.recordId).toBe(a.id);
    expect(await UniqueClaimModel.findById(claimOf(a.policyNo)).lean()).toBeNull();
    expect((await UniqueClaimModel.findById(claimOf(c.policyNo)).lean())?.recordId).toBe(c.id);
    expect(await RecordModel.findById(c.id).lean()).toMatchObject({ revision: 2, data: { basic: { name: "改名" } } });
    expect(await RecordModel.findById(b.id).lean()).toMatchObject({ revision: 1 });
    const changed = await AuditEventModel.findById(`record:${c.id}:2`).lean();
    expect(changed).toMatchObject({ action: "record.update", revision: 2 });
  });
});
