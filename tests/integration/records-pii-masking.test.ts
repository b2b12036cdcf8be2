import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { updateField } from "@/lib/template-model/model-paths";
import { createRecord } from "@/lib/records/create-record";
import { getRecord } from "@/lib/records/get-record";
import { listRecords } from "@/lib/records/list-records";
import { recordHistory } from "@/lib/records/record-history";
import { revealField } from "@/lib/records/reveal-field";
import { updateRecord } from "@/lib/records/update-record";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { runMigration } from "@/lib/migrations/run-migration";
import { startMigration } from "@/lib/migrations/start-migration";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { saveDraft } from "@/lib/templates/save-draft";
import { Cleanup, cloneArchive, customerData, makeActor, residentId, sameTeam, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

type Data = Record<string, Record<string, unknown>>;

describe("personal data stays masked for a viewer wherever it shows", () => {
  it("a number marked as personal data is masked in the list, the record and its history", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const viewer = await makeActor("viewer", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    const model = updateField(opened.model, "policy.sumInsured", (f) => ({ ...f, pii: "text" }));
    const draft = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model } });
    await publishDraft({ actor: admin, templateKey: key, input: { revision: draft.template.revision } });

    const created = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { sumInsured: 1234567 } }) });
    const edited = structuredClone(created.data) as Data;
    edited.policy.sumInsured = 7654321;
    await updateRecord({ actor: agent, templateKey: key, recordId: created.id, input: edited, expectedRevision: 1 });

    const { page } = await listRecords({ actor: viewer, templateKey: key, searchParams: new URLSearchParams() });
    expect(page.rows[0].cells["policy.sumInsured"]).toBe("******");
    const read = await getRecord({ actor: viewer, templateKey: key, recordId: created.id });
    expect((read.data as Data).policy.sumInsured).toBe("******");
    const history = await recordHistory({ actor: viewer, templateKey: key, recordId: created.id });
    const text = JSON.stringify(history);
    expect(text).not.toContain("1234567");
    expect(text).not.toContain("7654321");
    expect(history[0].changes).toEqual([{ path: "/policy/sumInsured", label: "保单信息 › 保险金额", before: "******", after: "******" }]);
    // Those who may see it still can, on purpose and on the record.
    expect(await revealField({ actor: agent, templateKey: key, recordId: created.id, path: "/policy/sumInsured" })).toEqual({ value: 7654321 });
  });

  it("create and update answer with personal data masked, as the detail page shows it, and reveal nothing unaudited", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const id = residentId("19800101", 21);
    const created = await createRecord({ actor: agent, templateKey: key, input: customerData({ basic: { idNumber: id, mobile: "13912345678" } }) });
    expect(created.masked).toBe(true);
    expect(JSON.stringify(created)).not.toContain(id);
    expect(JSON.stringify(created)).not.toContain("13912345678");
    // The form edits what it opened for editing (an audited reveal), never the create's answer.
    const form = await getRecord({ actor: agent, templateKey: key, recordId: created.id, forEdit: true });
    const edited = structuredClone(form.data) as Data;
    edited.notes = { remarks: "已电话回访" };
    const updated = await updateRecord({ actor: agent, templateKey: key, recordId: created.id, input: edited, expectedRevision: 1 });
    expect(updated.revision).toBe(2);
    expect(updated.masked).toBe(true);
    expect(JSON.stringify(updated)).not.toContain(id);
    expect((updated.data as Data).notes.remarks).toBe("已电话回访");
    expect((updated.data as Data).basic.idNumber).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    // Stored in full all the same.
    expect(await revealField({ actor: agent, templateKey: key, recordId: created.id, path: "/basic/idNumber" })).toEqual({ value: id });
  });

  it("birth date and gender read off the ID are masked with it, kept out of a viewer's filters and sorts, and revealed like it (issue 11, finding 7)", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const viewer = await makeActor("viewer", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const id = residentId("19850607", 123);
    const created = await createRecord({ actor: agent, templateKey: key, input: customerData({ basic: { name: "李四", idNumber: id, mobile: "13912345678" } }) });
    const read = await getRecord({ actor: viewer, templateKey: key, recordId: created.id });
    expect((read.data as Data).basic).toMatchObject({ idNumber: `${id.slice(0, 4)}**********${id.slice(-4)}`, birthDate: "******", gender: "*" });
    expect(JSON.stringify(read)).not.toContain("1985");
    const { page } = await listRecords({ actor: viewer, templateKey: key, searchParams: new URLSearchParams() });
    expect(JSON.stringify(page.rows)).not.toContain("1985-06-07");
    // A viewer cannot narrow the number down by filtering or sorting on what it gives away.
    await expect(listRecords({ actor: viewer, templateKey: key, searchParams: new URLSearchParams("f.basic.birthDate.gte=1985-01-01"), strict: true })).rejects.toThrow();
    await expect(listRecords({ actor: viewer, templateKey: key, searchParams: new URLSearchParams("sort=basic.birthDate"), strict: true })).rejects.toThrow();
    const history = await recordHistory({ actor: viewer, templateKey: key, recordId: created.id });
    expect(JSON.stringify(history)).not.toContain("1985-06-07");
    expect(await revealField({ actor: agent, templateKey: key, recordId: created.id, path: "/basic/birthDate" })).toEqual({ value: "1985-06-07" });
  });

  it("history keeps masking an ID number after its key was renamed by a migration", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const viewer = await makeActor("viewer", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const before = residentId("19660606", 11);
    const after = residentId("19700707", 13);
    const created = await createRecord({ actor: agent, templateKey: key, input: customerData({ basic: { idNumber: before } }) });
    const edited = structuredClone(created.data) as Data;
    edited.basic = { name: edited.basic.name, idNumber: after };
    await updateRecord({ actor: agent, templateKey: key, recordId: created.id, input: edited, expectedRevision: 1 });

    const job = await startMigration({ actor: admin, templateKey: key, input: { op: { type: "renameKey", path: "basic.idNumber", newKey: "certNo" } }, run: "none" });
    await runMigration({ jobId: job.id });

    const history = await recordHistory({ actor: viewer, templateKey: key, recordId: created.id });
    expect(history.map((h) => h.action)).toEqual(["record.migrate", "record.update", "record.create"]);
    const text = JSON.stringify(history);
    expect(text).not.toContain(before);
    expect(text).not.toContain(after);
    // The old key's changes are masked like the new key's.
    const update = history[1].changes.find((c) => c.path === "/basic/idNumber");
    expect(update).toMatchObject({ before: `${before.slice(0, 4)}**********${before.slice(-4)}`, after: `${after.slice(0, 4)}**********${after.slice(-4)}` });
  });

  it("opening a record for editing shows its personal data in full, so it is audited like 查看", async () => {
    const agent = await makeActor("agent", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer);
    const created = await createRecord({ actor: agent, templateKey: "customer-archive", input: customerData() });
    const form = await getRecord({ actor: reviewer, templateKey: "customer-archive", recordId: created.id, forEdit: true });
    expect((form.data as Data).basic.idNumber).toBe("11010519491231002X");
    const events = await AuditEventModel.find({ entityId: created.id, action: "record.reveal" }).lean();
    expect(events).toEqual([expect.objectContaining({ actorId: reviewer.id, meta: { path: "*", label: "编辑表单中的全部个人信息" } })]);
    const history = await recordHistory({ actor: agent, templateKey: "customer-archive", recordId: created.id });
    expect(history.map((h) => [h.action, h.actorName, h.meta?.path])).toEqual([
      ["record.reveal", reviewer.name, "*"],
      ["record.create", agent.name, undefined],
    ]);
    // The masked read of the detail page is not a reveal.
    await getRecord({ actor: reviewer, templateKey: "customer-archive", recordId: created.id });
    expect(await AuditEventModel.countDocuments({ entityId: created.id, action: "record.reveal" })).toBe(1);
  });
});
