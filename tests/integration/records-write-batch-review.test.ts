import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { setAuditInsertHook } from "@/lib/audit/audit-insert-hook";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel, RevisionClaimModel } from "@/lib/db/models/record";
import { createRecord } from "@/lib/records/create-record";
import { deleteOperation } from "@/lib/records/delete-record";
import { updateRecord } from "@/lib/records/update-record";
import type { RecordOperation } from "@/lib/records/write/record-operation";
import { recoverRecordEvents } from "@/lib/records/write/record-events";
import { writeRecords, type WriteOutcome } from "@/lib/records/write/write-records";
import type { Actor } from "@/lib/auth/roles";
import { Cleanup, customerData, makeActor, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => {
  setAuditInsertHook(null);
  return cleanup.run();
});

const code = (o: WriteOutcome<unknown>) => (o.status === "refused" ? o.error.code : o.status);
const made = async (actor: Actor) => (await createRecord({ actor, templateKey: key, input: customerData() })).id;

describe("writeRecords (review10a): the cases its own tests leave out", () => {
  it("a record edited between the batch's read and its write is answered as a conflict, the edit kept", async () => {
    const agent = await makeActor("agent", cleanup);
    const [a, b] = [await made(agent), await made(agent)];
    const del = (id: string) => deleteOperation({ actor: agent, templateKey: key, recordId: id, expectedRevision: 1, meta: { test: "review" } });
    let edited = false;
    const base = del(b);
    // The batch has read b at revision 1; a colleague saves b before the batch writes it.
    const racing: RecordOperation<unknown> = {
      ...base,
      change: async (ctx) => {
        if (!edited) {
          edited = true;
          const doc = await RecordModel.findById(b).lean();
          await updateRecord({ actor: agent, templateKey: key, recordId: b, input: { ...(doc!.data as object), status: { state: "失效" } }, expectedRevision: 1 });
        }
        return base.change(ctx);
      },
    };
    const out = await writeRecords<unknown>([del(a), racing]);
    expect(code(out[0])).toBe("written");
    expect(code(out[1])).toBe("CONFLICT");
    expect(await RecordModel.findById(b).lean()).toMatchObject({ revision: 2, deletedAt: null, data: { status: { state: "失效" } } });
    expect((await AuditEventModel.find({ entityId: b }).lean()).map((e) => e.action).sort()).toEqual(["record.create", "record.update"]);
    expect(await RevisionClaimModel.countDocuments({ entityId: { $in: [a, b] } })).toBe(0);
  });

  it("a revision claim another writer holds is not taken (not even another job's); the claimant's own is", async () => {
    const agent = await makeActor("agent", cleanup);
    const [live, otherJob, mine, plain] = [await made(agent), await made(agent), await made(agent), await made(agent)];
    const at = new Date();
    await RevisionClaimModel.collection.insertMany([
      { _id: `record:${live}@2`, entity: "record", entityId: live, at },
      { _id: `record:${otherJob}@2`, entity: "record", entityId: otherJob, at, by: "job:other" },
      { _id: `record:${mine}@2`, entity: "record", entityId: mine, at, by: "job:mine" },
    ] as never[]);
    const del = (id: string) => deleteOperation({ actor: agent, templateKey: key, recordId: id, expectedRevision: 1 });
    const out = await writeRecords<unknown>([del(live), del(otherJob), del(mine), del(plain)], { claimant: "job:mine" });
    expect(out.map(code)).toEqual(["CONFLICT", "CONFLICT", "written", "written"]);
    expect((await RecordModel.find({ _id: { $in: [live, otherJob] } }).lean()).map((r) => r.revision)).toEqual([1, 1]);
    // The other writers' claims stay theirs; the batch's own are gone.
    const left = (await RevisionClaimModel.find({ entityId: { $in: [live, otherJob, mine, plain] } }).lean()).map((c) => String(c._id)).sort();
    expect(left).toEqual([`record:${live}@2`, `record:${otherJob}@2`].sort());
    await RevisionClaimModel.deleteMany({ _id: { $in: left } });
  });

  it("events whose one insert fails: the written records keep their claims and lastAudit, and the recovery stores one event each", async () => {
    const agent = await makeActor("agent", cleanup);
    const ids = [await made(agent), await made(agent), await made(agent)];
    setAuditInsertHook((batch) => {
      if (batch.length > 1) throw new Error("events insert failed (test)");
    });
    const out = await writeRecords<unknown>(ids.map((id) => deleteOperation({ actor: agent, templateKey: key, recordId: id, expectedRevision: 1, meta: { test: "review" } })));
    setAuditInsertHook(null);
    expect(out.map(code)).toEqual(["written", "written", "written"]);
    expect(await AuditEventModel.countDocuments({ entityId: { $in: ids }, action: "record.delete" })).toBe(0);
    expect((await RevisionClaimModel.find({ entityId: { $in: ids } }).lean()).map((c) => String(c._id)).sort()).toEqual(ids.map((id) => `record:${id}@2`).sort());
    expect(await recoverRecordEvents()).toBeGreaterThanOrEqual(3);
    const events = await AuditEventModel.find({ entityId: { $in: ids }, action: "record.delete" }).lean();
    expect(events.map((e) => e._id).sort()).toEqual(ids.map((id) => `record:${id}:2`).sort());
    for (const e of events) expect(e).toMatchObject({ actorId: agent.id, revision: 2, meta: { test: "review" } });
    expect(await RevisionClaimModel.countDocuments({ entityId: { $in: ids } })).toBe(0);
  });
});
