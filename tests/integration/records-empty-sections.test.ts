import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditChanges } from "@/lib/audit/audit-changes";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel } from "@/lib/db/models/record";
import { createRecord } from "@/lib/records/create-record";
import { recordHistory } from "@/lib/records/record-history";
import { updateRecord } from "@/lib/records/update-record";
import { Cleanup, customerData, makeActor, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => cleanup.run());

describe("empty sections", () => {
  it("are not stored: an untouched optional section or table is absent, not {} or []", async () => {
    const agent = await makeActor("agent", cleanup);
    const input = { ...customerData(), notes: { remarks: "  " }, payments: [], claims: [], communications: [] };
    const created = await createRecord({ actor: agent, templateKey: key, input });
    const stored = await RecordModel.findById(created.id).lean();
    expect(Object.keys(stored!.data as object).sort()).toEqual(["basic", "beneficiary", "policy", "policyholder", "status"]);
    const event = await AuditEventModel.findById(`record:${created.id}:1`).lean();
    expect(auditChanges(event).map((c) => c.path).filter((p) => /^\/(notes|payments|claims|communications)/.test(p))).toEqual([]);
  });

  it("stored by older versions as {} or [], cause no phantom change in the history and are cleaned on the next real edit", async () => {
    const agent = await makeActor("agent", cleanup);
    const data = customerData();
    const created = await createRecord({ actor: agent, templateKey: key, input: data });
    // As records saved before empty sections were dropped look.
    await RecordModel.updateOne({ _id: created.id }, { $set: { "data.notes": {}, "data.payments": [] } });

    // Saving the form unchanged sends no empty sections: nothing changed, nothing written.
    const same = await updateRecord({ actor: agent, templateKey: key, recordId: created.id, input: data, expectedRevision: 1 });
    expect(same.revision).toBe(1);
    expect(await AuditEventModel.countDocuments({ entity: "record", entityId: created.id })).toBe(1);

    const edited = customerData({ basic: { name: "张三丰" }, policy: { policyNo: (data.policy as { policyNo: string }).policyNo } });
    const updated = await updateRecord({ actor: agent, templateKey: key, recordId: created.id, input: { ...edited, notes: {} }, expectedRevision: 1 });
    expect(updated.revision).toBe(2);
    const history = await recordHistory({ actor: agent, templateKey: key, recordId: created.id });
    expect(history[0].changes.map((c) => c.path)).toEqual(["/basic/name"]);
    const stored = await RecordModel.findById(created.id).lean();
    expect(stored!.data).not.toHaveProperty("notes");
    expect(stored!.data).not.toHaveProperty("payments");
  });
});
