import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { RecordModel } from "@/lib/db/models/record";
import { createRecord } from "@/lib/records/create-record";
import { deleteRecord } from "@/lib/records/delete-record";
import { getRecord } from "@/lib/records/get-record";
import { listRecords } from "@/lib/records/list-records";
import { recordHistory } from "@/lib/records/record-history";
import { restoreRecord } from "@/lib/records/restore-record";
import { revealField } from "@/lib/records/reveal-field";
import { updateRecord } from "@/lib/records/update-record";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { saveDraft } from "@/lib/templates/save-draft";
import { Cleanup, cloneArchive, customerData, expectDomainError, makeActor, sameTeam, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
let key: string;

beforeAll(async () => {
  key = await withSeededTemplates();
});
afterEach(() => cleanup.run());

describe("role checks inside the record services", () => {
  it("a viewer may read but not create, update, delete or reveal", async () => {
    const agent = await makeActor("agent", cleanup);
    const viewer = await makeActor("viewer", cleanup);
    const record = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    const read = await getRecord({ actor: viewer, templateKey: key, recordId: record.id });
    expect(read.masked).toBe(true);
    await expectDomainError(createRecord({ answer: "full", actor: viewer, templateKey: key, input: customerData() }), "FORBIDDEN");
    await expectDomainError(updateRecord({ answer: "full", actor: viewer, templateKey: key, recordId: record.id, input: record.data, expectedRevision: 1 }), "FORBIDDEN");
    await expectDomainError(deleteRecord({ actor: viewer, templateKey: key, recordId: record.id, expectedRevision: record.revision }), "FORBIDDEN");
    await expectDomainError(revealField({ actor: viewer, templateKey: key, recordId: record.id, path: "/basic/idNumber" }), "FORBIDDEN");
    await expectDomainError(getRecord({ actor: viewer, templateKey: key, recordId: record.id, forEdit: true }), "FORBIDDEN");
    const stored = await RecordModel.findById(record.id).lean();
    expect(stored).toMatchObject({ revision: 1, deletedAt: null });
  });

  it("a reviewer may correct records but not create or delete them", async () => {
    const agent = await makeActor("agent", cleanup);
    const reviewer = await makeActor("reviewer", cleanup);
    await sameTeam(cleanup, agent, reviewer);
    const err = await expectDomainError(createRecord({ answer: "full", actor: reviewer, templateKey: key, input: customerData() }), "FORBIDDEN");
    expect(err.status).toBe(403);
    expect(err.message).toBe("没有权限执行此操作");
    const record = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    const d = structuredClone(record.data) as Record<string, Record<string, unknown>>;
    d.basic.name = "核对后姓名";
    expect((await updateRecord({ answer: "full", actor: reviewer, templateKey: key, recordId: record.id, input: d, expectedRevision: 1 })).revision).toBe(2);
    await expectDomainError(deleteRecord({ actor: reviewer, templateKey: key, recordId: record.id, expectedRevision: record.revision }), "FORBIDDEN");
  });

  it("an agent deletes only records they own; an admin deletes any", async () => {
    const owner = await makeActor("agent", cleanup);
    const colleague = await makeActor("agent", cleanup);
    const admin = await makeActor("admin", cleanup);
    const a = await createRecord({ answer: "full", actor: owner, templateKey: key, input: customerData() });
    const b = await createRecord({ answer: "full", actor: owner, templateKey: key, input: customerData() });
    // In the shipped archive an agent's scope is their own records: a colleague's is not there at all.
    await expectDomainError(deleteRecord({ actor: colleague, templateKey: key, recordId: a.id, expectedRevision: a.revision }), "NOT_FOUND");
    // Where agents see their team's records, a colleague's is seen but not theirs to delete.
    const teamKey = await cloneArchive(admin, cleanup, "团队范围档案");
    const opened = await getTemplateForEdit({ actor: admin, templateKey: teamKey });
    const draft = await saveDraft({ actor: admin, templateKey: teamKey, input: { revision: opened.template.revision, model: { ...opened.model, scopes: { agent: "team" } } } });
    await publishDraft({ actor: admin, templateKey: teamKey, input: { revision: draft.template.revision } });
    await sameTeam(cleanup, owner, colleague);
    const t = await createRecord({ answer: "full", actor: owner, templateKey: teamKey, input: customerData() });
    const err = await expectDomainError(deleteRecord({ actor: colleague, templateKey: teamKey, recordId: t.id, expectedRevision: t.revision }), "FORBIDDEN");
    expect(err.message).toBe("只能删除自己创建的记录");
    expect((await RecordModel.findById(a.id).lean())?.deletedAt).toBeNull();
    expect((await RecordModel.findById(t.id).lean())?.deletedAt).toBeNull();
    expect(await deleteRecord({ actor: owner, templateKey: key, recordId: a.id, expectedRevision: a.revision })).toEqual({ id: a.id, revision: 2 });
    expect(await deleteRecord({ actor: admin, templateKey: key, recordId: b.id, expectedRevision: b.revision })).toEqual({ id: b.id, revision: 2 });
  });

  it("only administrators restore, and agents cannot see the recycle bin", async () => {
    const agent = await makeActor("agent", cleanup);
    const record = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    await deleteRecord({ actor: agent, templateKey: key, recordId: record.id, expectedRevision: record.revision });
    await expectDomainError(restoreRecord({ actor: agent, templateKey: key, recordId: record.id }), "FORBIDDEN");
    await expectDomainError(listRecords({ actor: agent, templateKey: key, searchParams: new URLSearchParams("trash=1") }), "FORBIDDEN");
    await expectDomainError(getRecord({ actor: agent, templateKey: key, recordId: record.id }), "NOT_FOUND");
  });

  it("nobody signed in gets UNAUTHENTICATED from every service", async () => {
    const agent = await makeActor("agent", cleanup);
    const record = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    const calls = [
      createRecord({ answer: "full", actor: null, templateKey: key, input: customerData() }),
      updateRecord({ answer: "full", actor: null, templateKey: key, recordId: record.id, input: record.data, expectedRevision: 1 }),
      deleteRecord({ actor: null, templateKey: key, recordId: record.id, expectedRevision: record.revision }),
      restoreRecord({ actor: null, templateKey: key, recordId: record.id }),
      getRecord({ actor: null, templateKey: key, recordId: record.id }),
      listRecords({ actor: null, templateKey: key, searchParams: new URLSearchParams() }),
      recordHistory({ actor: null, templateKey: key, recordId: record.id }),
      revealField({ actor: null, templateKey: key, recordId: record.id, path: "/basic/idNumber" }),
    ];
    for (const call of calls) expect((await expectDomainError(call, "UNAUTHENTICATED")).status).toBe(401);
    expect((await RecordModel.findById(record.id).lean())?.revision).toBe(1);
  });
});
