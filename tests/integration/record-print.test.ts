import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { createRecord } from "@/lib/records/create-record";
import { getRecord } from "@/lib/records/get-record";
import { recordHistory } from "@/lib/records/record-history";
import { Cleanup, cloneArchive, customerData, expectDomainError, makeActor, residentId, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

type Data = Record<string, Record<string, unknown>>;

describe("printing a record (issue 10 item 7)", () => {
  it("a full print shows personal data and writes exactly one audit event; a masked print writes none", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const id = residentId("19800101", 31);
    const created = await createRecord({ actor: agent, templateKey: key, input: customerData({ basic: { idNumber: id } }) });
    const reveals = () => AuditEventModel.find({ entityId: created.id, action: "record.reveal" }).lean();

    const masked = await getRecord({ actor: admin, templateKey: key, recordId: created.id });
    expect(masked.masked).toBe(true);
    expect(JSON.stringify(masked.data)).not.toContain(id);
    expect(await reveals()).toEqual([]);

    const full = await getRecord({ actor: admin, templateKey: key, recordId: created.id, forPrint: true });
    expect(full.masked).toBe(false);
    expect((full.data as Data).basic.idNumber).toBe(id);
    const events = await reveals();
    expect(events).toEqual([expect.objectContaining({ actorId: admin.id, meta: { path: "*print", label: "打印（含完整个人信息）" } })]);
    // It is in the record's history, among who saw personal data, and is not a change.
    const history = await recordHistory({ actor: agent, templateKey: key, recordId: created.id, kind: "reveals" });
    expect(history.map((h) => [h.action, h.actorName, h.meta?.path])).toEqual([["record.reveal", admin.name, "*print"]]);
    expect((await recordHistory({ actor: agent, templateKey: key, recordId: created.id, kind: "changes" })).map((h) => h.action)).toEqual(["record.create"]);
  });

  it("a viewer cannot get the full print, and trying leaves no trace", async () => {
    const agent = await makeActor("agent", cleanup);
    const viewer = await makeActor("viewer", cleanup);
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const created = await createRecord({ actor: agent, templateKey: key, input: customerData() });
    await expectDomainError(getRecord({ actor: viewer, templateKey: key, recordId: created.id, forPrint: true }), "FORBIDDEN");
    expect(await AuditEventModel.countDocuments({ entityId: created.id, action: "record.reveal" })).toBe(0);
    // The masked print is theirs to make.
    expect((await getRecord({ actor: viewer, templateKey: key, recordId: created.id })).masked).toBe(true);
  });
});
