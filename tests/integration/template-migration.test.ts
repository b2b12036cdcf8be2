import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditChanges } from "@/lib/audit/audit-changes";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel, UniqueClaimModel } from "@/lib/db/models/record";
import { JobModel } from "@/lib/db/models/job";
import { updateField } from "@/lib/template-model/model-paths";
import { DomainError } from "@/lib/errors";
import { createRecord } from "@/lib/records/create-record";
import { getRecord } from "@/lib/records/get-record";
import { updateRecord } from "@/lib/records/update-record";
import { diffVersions } from "@/lib/templates/diff-versions";
import { getPublishedTemplate } from "@/lib/templates/get-published-template";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { listVersions } from "@/lib/templates/list-versions";
import { getMigration } from "@/lib/migrations/get-migration";
import { previewMigration } from "@/lib/migrations/preview-migration";
import { resumeMigration } from "@/lib/migrations/resume-migration";
import { runMigration } from "@/lib/migrations/run-migration";
import { startMigration } from "@/lib/migrations/start-migration";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { saveDraft } from "@/lib/templates/save-draft";
import type { Actor } from "@/lib/auth/roles";
import { maskValue } from "@/lib/schema/mask";
import { Cleanup, cloneArchive, customerData, makeActor, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

const basicOf = (data: unknown) => (data as { basic: Record<string, unknown> }).basic;

async function snapshot(templateKey: string) {
  const docs = await RecordModel.find({ templateKey }).sort({ _id: 1 }).lean();
  return docs.map((d) => ({ id: String(d._id), revision: d.revision, templateVersion: d.templateVersion, data: d.data, updatedAt: d.updatedAt }));
}

async function makeRecords(agent: Actor, templateKey: string, count: number, basic: (i: number) => Record<string, unknown>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const data = customerData();
    data.basic = { name: `客户${i}`, idNumber: "11010519491231002X", ...basic(i) };
    ids.push((await createRecord({ answer: "full", actor: agent, templateKey, input: data })).id);
  }
  return ids;
}

describe("key rename migration", () => {
  it("renames a key over 50 records in resumable, idempotent batches", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const mobileOf = (i: number) => (i % 5 === 0 ? undefined : `1380013${String(8000 + i).padStart(4, "0")}`);
    const ids = await makeRecords(agent, key, 50, (i) => (mobileOf(i) ? { mobile: mobileOf(i) } : {}));
    const op = { type: "renameKey" as const, path: "basic.mobile", newKey: "phone" };

    const preview = await previewMigration({ actor: admin, templateKey: key, op, batchSize: 7 });
    expect(preview).toMatchObject({ description: "将“手机号码”的键从 mobile 改为 phone", fromVersion: 1, toVersion: 2, total: 50, affected: 40, failing: 0 });
    expect(preview.samples).toHaveLength(5);
    expect((await previewMigration({ actor: admin, templateKey: key, op, locale: "en" })).description).toBe("Change the key of “手机号码” from mobile to phone");
    // Personal data stays masked in the preview (the record pages reveal it, audited).
    const shown = maskValue("phone", mobileOf(1));
    expect(shown).toMatch(/^138\*+\d{4}$/);
    expect(preview.samples[0]).toMatchObject({ id: ids[1], title: "客**", before: shown, after: shown });
    expect(JSON.stringify(preview)).not.toContain(mobileOf(1));

    const started = await startMigration({ actor: admin, templateKey: key, input: { op, batchSize: 20, note: "手机号键名统一" }, run: "none" });
    expect(started).toMatchObject({ id: `${key}@2`, status: "running", total: 50, processed: 0, percent: 0 });
    expect(await startMigration({ actor: admin, templateKey: key, input: { op }, run: "none" })).toMatchObject({ id: started.id });
    const v2 = await getPublishedTemplate(agent, key);
    expect(v2.version).toBe(2);
    expect(v2.content.list.columns).toContain("basic.phone");
    // Not reached yet, but shown in the new shape.
    const early = await getRecord({ actor: agent, templateKey: key, recordId: ids[46], forEdit: true });
    expect(early.templateVersion).toBe(1);
    expect(basicOf(early.data)).toMatchObject({ phone: mobileOf(46) });
    expect(basicOf(early.data).mobile).toBeUndefined();

    const afterOne = await runMigration({ jobId: started.id, maxBatches: 1 });
    expect(afterOne).toMatchObject({ status: "running", processed: 20, migrated: 20, stalled: false, percent: 40 });
    const partial = await snapshot(key);
    expect(partial.filter((r) => r.templateVersion === 2)).toHaveLength(20);

    // Someone edits a record the job has not reached; the job must not overwrite it.
    const edited = await getRecord({ actor: agent, templateKey: key, recordId: ids[31], forEdit: true });
    basicOf(edited.data).name = "改过的名字";
    await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: ids[31], input: edited.data, expectedRevision: edited.revision });

    // A crash: the job says "running" but its worker is gone.
    await JobModel.updateOne({ _id: `migration:${started.id}` }, { $set: { workerId: "crashed-worker", heartbeatAt: new Date(Date.now() - 120_000) } });
    expect((await getMigration({ actor: admin, templateKey: key, jobId: started.id })).stalled).toBe(true);
    const done = await resumeMigration({ actor: admin, templateKey: key, jobId: started.id, run: "wait" });
    expect(done).toMatchObject({ status: "done", processed: 50, migrated: 50, failed: 0, percent: 100 });

    const final = await snapshot(key);
    final.forEach((r, i) => {
      const basic = basicOf(r.data);
      expect(r.templateVersion).toBe(2);
      expect(basic.mobile).toBeUndefined();
      expect(basic.phone).toBe(mobileOf(i));
      expect(basic.name).toBe(i === 31 ? "改过的名字" : `客户${i}`);
      expect(r.revision).toBe(mobileOf(i) ? 2 : 1);
    });
    // Migrating is not an edit: "last updated" stays (except for the record a person saved).
    final.forEach((r, i) => i !== 31 && expect(r.updatedAt).toEqual(partial[i].updatedAt));
    const events = await AuditEventModel.find({ action: "record.migrate", "meta.jobId": started.id }).lean();
    expect(events).toHaveLength(39);
    expect(auditChanges(events.find((e) => e.entityId === ids[1]))).toEqual([
      { path: "/basic/mobile", label: "客户基础信息 › 手机号码", before: mobileOf(1) },
      { path: "/basic/phone", label: "客户基础信息 › 手机号码", after: mobileOf(1) },
    ]);

    // Running the whole job again changes nothing.
    await JobModel.updateOne({ _id: `migration:${started.id}` }, { $set: { status: "running", cursor: null, "progress.done": 0, "state.migrated": 0, workerId: null } });
    expect(await runMigration({ jobId: started.id })).toMatchObject({ status: "done", processed: 50 });
    expect(await snapshot(key)).toStrictEqual(final);
    expect(await AuditEventModel.countDocuments({ action: "record.migrate", "meta.jobId": started.id })).toBe(39);
  });

  it("moves unique-value claims and the draft along with a renamed key", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const first = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { policyNo: "UNIQ-1" } }) });
    const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
    await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: updateField(opened.model, "policy.policyNo", (f) => ({ ...f, help: "纸质保单右上角" })) } });

    const job = await startMigration({ actor: admin, templateKey: key, input: { op: { type: "renameKey", path: "policy.policyNo", newKey: "policyNumber" } }, run: "none" });
    await runMigration({ jobId: job.id });
    expect(await UniqueClaimModel.exists({ _id: `${key}|policy.policyNumber|UNIQ-1`, recordId: first.id })).toBeTruthy();
    expect(await UniqueClaimModel.exists({ _id: `${key}|policy.policyNo|UNIQ-1` })).toBeFalsy();
    const dup = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData({ policy: { policyNumber: "UNIQ-1", policyNo: undefined as never } }) }).catch((e: DomainError) => e);
    expect((dup as DomainError).fieldErrors?.[0]).toMatchObject({ path: "/policy/policyNumber", keyword: "x-unique" });

    const draft = await getTemplateForEdit({ actor: admin, templateKey: key });
    expect(draft.draft?.baseVersion).toBe(2);
    const field = draft.model.sections[1].children!.find((f) => f.key === "policyNumber")!;
    expect(field.help).toBe("纸质保单右上角");
    expect(draft.content.list.columns).toContain("policy.policyNumber");
    // The diff knows the migration: a key change (with the draft's help text), never delete + add.
    const toDraft = await diffVersions({ actor: admin, templateKey: key, from: 1, to: "draft" });
    expect(toDraft.changes.map((c) => `${c.type}:${c.path}`)).toEqual(["key:policy.policyNumber", "text:policy.policyNumber"]);
    expect(toDraft.changes[0].message).toBe("“保单号”的键从 policyNo 改为 policyNumber（记录中的值已随之迁移）");
    expect((await publishDraft({ actor: admin, templateKey: key, input: { revision: draft.template.revision } })).version).toBe(3);
    const back = await diffVersions({ actor: admin, templateKey: key, from: 3, to: 1, locale: "en" });
    expect(back.changes.map((c) => c.message)).toEqual(["The key of “保单号” changed from policyNumber to policyNo (stored values moved with it)", "Help text of “保单号”: 纸质保单右上角 → (none)"]);
  });
});

describe("writes where only keys change", () => {
  // FerretDB 1.24 skips a `$set` whose sub-document has the same values in the same places under
  // other keys; these writes must still land.
  it("stores a renamed last key and a value moved to a neighbouring field", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const record = await createRecord({ answer: "full", actor: agent, templateKey: key, input: customerData() });
    const policyKeys = Object.keys(record.data.policy as object);
    expect(policyKeys[policyKeys.length - 1]).toBe("paymentMethod");
    const job = await startMigration({ actor: admin, templateKey: key, input: { op: { type: "renameKey", path: "policy.paymentMethod", newKey: "payMethod" } }, run: "none" });
    await runMigration({ jobId: job.id });
    const [stored] = await snapshot(key);
    expect(stored.data).toMatchObject({ policy: { payMethod: "年缴" } });
    expect((stored.data as { policy: object }).policy).not.toHaveProperty("paymentMethod");

    const opened = await getRecord({ actor: agent, templateKey: key, recordId: record.id, forEdit: true });
    const basic = basicOf(opened.data);
    const moved = Object.fromEntries(Object.entries(basic).map(([k, v]) => (k === "mobile" ? ["customerNo", v] : [k, v])));
    const saved = await updateRecord({ answer: "full", actor: agent, templateKey: key, recordId: record.id, input: { ...opened.data, basic: moved }, expectedRevision: opened.revision });
    expect(basicOf(saved.data)).toEqual(moved);
    const [after] = await snapshot(key);
    expect(basicOf(after.data)).toEqual(moved);
  });
});

describe("type change migration", () => {
  it("converts text to integers with normalize.ts, and leaves records that cannot convert", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const values = ["123", "１２３４", "KH-9", undefined];
    const ids = await makeRecords(agent, key, values.length, (i) => (values[i] ? { customerNo: values[i] } : {}));
    const op = { type: "changeKind" as const, path: "basic.customerNo", kind: "integer" as const };
    const preview = await previewMigration({ actor: admin, templateKey: key, op });
    expect(preview).toMatchObject({ total: 4, affected: 3, failing: 1 });
    expect(preview.samples.map((s) => [s.before, s.after])).toEqual([["123", 123], ["１２３４", 1234]]);
    expect(preview.failures).toEqual([{ id: ids[2], title: "客**", path: "/basic/customerNo", value: "KH-9", message: "客户编号必须是整数" }]);

    const job = await startMigration({ actor: admin, templateKey: key, input: { op }, run: "none" });
    const done = await runMigration({ jobId: job.id });
    expect(done).toMatchObject({ status: "done", processed: 4, migrated: 3, failed: 1 });
    expect(done.failures[0]).toMatchObject({ id: ids[2], title: "客**" }); // kept in the job: masked as everyone sees it
    expect(done.failures[0].message).toContain("KH-9");
    const records = await snapshot(key);
    expect(records.map((r) => [basicOf(r.data).customerNo, r.templateVersion])).toEqual([[123, 2], [1234, 2], ["KH-9", 1], [undefined, 2]]);
    const history = await listVersions({ actor: admin, templateKey: key });
    expect(history.versions[0].migration).toEqual(op);
    expect((await diffVersions({ actor: admin, templateKey: key, from: 1, to: 2 })).changes[0].message).toBe("“客户编号”的类型从“单行文本”改为“整数”");
  });

  it("is for administrators only, one at a time, and refuses impossible operations", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const op = { type: "renameKey", path: "basic.email", newKey: "mail" };
    await expect(previewMigration({ actor: agent, templateKey: key, op })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(startMigration({ actor: agent, templateKey: key, input: { op } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(previewMigration({ actor: admin, templateKey: key, op: { ...op, newKey: "name" } })).rejects.toMatchObject({ message: "同一分组中已有键“name”" });
    await expect(previewMigration({ actor: admin, templateKey: key, op: { ...op, path: "basic.nope" } })).rejects.toMatchObject({ message: "字段“basic.nope”不存在" });
    await expect(previewMigration({ actor: admin, templateKey: key, op: { ...op, newKey: "9x" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const job = await startMigration({ actor: admin, templateKey: key, input: { op }, run: "none" });
    await expect(startMigration({ actor: admin, templateKey: key, input: { op: { type: "renameKey", path: "basic.address", newKey: "addr" } } })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(getMigration({ actor: agent, templateKey: key, jobId: job.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
