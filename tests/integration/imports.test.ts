import { createReadStream } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { ImportRowModel } from "@/lib/db/models/import";
import { JobModel } from "@/lib/db/models/job";
import { RecordModel } from "@/lib/db/models/record";
import { createImport } from "@/lib/imports/create-import";
import { listImports } from "@/lib/imports/list-imports";
import { getImport } from "@/lib/imports/load-import";
import { IMPORT_KIND, importJob, importJobId, type ImportJobParams, type ImportJobState } from "@/lib/imports/import-job";
import { ImportModel } from "@/lib/db/models/import";
import { createJob } from "@/lib/jobs/create-job";
import type { Job } from "@/lib/jobs/job-kind";
import { jobId } from "@/lib/jobs/job-kind";
import { runJob } from "@/lib/jobs/run-job";
import { requestJobCancel } from "@/lib/jobs/cancel-job";
import { readdirSync, readlinkSync } from "node:fs";
import { startImport } from "@/lib/imports/start-import";
import { setTemplateArchived } from "@/lib/templates/set-template-archived";
import { updateImport } from "@/lib/imports/update-import";
import type { Actor } from "@/lib/auth/roles";
import { createRecord } from "@/lib/records/create-record";
import { updateRecord } from "@/lib/records/update-record";
import { publishDraft } from "@/lib/migrations/publish-draft";
import { updateField } from "@/lib/template-model/model-paths";
import { getTemplateForEdit } from "@/lib/templates/get-template-for-edit";
import { saveDraft } from "@/lib/templates/save-draft";
import { importEnded } from "./support/import-jobs";
import { Cleanup, cloneArchive, customerData, expectDomainError, makeActor, residentId, TEMPLATE, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

/** The seed's one-row-per-customer sheet (issue 7), as an office would have it. */
const SEED_HEADER = ["客户姓名", "身份证号码", "联系方式", "地址", "保单号", "保险产品名称", "保险金额", "保险起始日期", "保险到期日期", "缴费方式", "缴费金额", "缴费日期", "缴费状态", "理赔申请日期", "理赔金额", "理赔状态", "沟通日期", "沟通方式", "沟通内容", "后续跟进"];

async function xlsx(rows: unknown[][], header = SEED_HEADER): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "dossier-import-"));
  const file = path.join(dir, "客户.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("客户档案");
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A UTF-8 .csv of these rows (no cell holds a comma or a quote). */
async function csvFile(rows: unknown[][]): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "dossier-import-")), "客户.csv");
  await writeFile(file, rows.map((r) => r.join(",")).join("\n"));
  return file;
}

const upload = (actor: Actor, templateKey: string, file: string, fileName = path.basename(file)) =>
  createImport({ actor, templateKey, fileName, body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array> });


/**
 * An upsert import by 保单号 of `total` customers with a paid payment, the first `stored` of them
 * imported before with it unpaid: its run's job set up but not started (tests drive its batches).
 */
async function stagedUpdates(label: string, stored: number, total: number) {
  const admin = await makeActor("admin", cleanup);
  const agent = await makeActor("agent", cleanup);
  const key = await cloneArchive(admin, cleanup);
  const P = unique(label);
  const header = ["客户姓名", "身份证号码", "保单号", "保险类型", "缴费日期", "缴费金额", "缴费状态"];
  const rows = (n: number, status: string) => Array.from({ length: n }, (_, i) => [`客户${i}`, residentId("19800101", (i % 900) + 1), `${P}-${i}`, "人寿险", "2024-01-15", 12000, status]);
  const first = await upload(agent, key, await xlsx(rows(stored, "未缴费"), header));
  await updateImport({ actor: agent, templateKey: key, id: first.id, input: { keyField: "policy.policyNo", mode: "upsert" } });
  await startImport({ actor: agent, templateKey: key, id: first.id, phase: "check" });
  await importEnded(agent, key, first.id, "check");
  await startImport({ actor: agent, templateKey: key, id: first.id, phase: "run" });
  expect((await importEnded(agent, key, first.id, "run")).run!.records).toMatchObject({ created: stored });
  const view = await upload(agent, key, await xlsx(rows(total, "已缴费"), header));
  await updateImport({ actor: agent, templateKey: key, id: view.id, input: { keyField: "policy.policyNo", mode: "upsert" } });
  await ImportModel.updateOne({ _id: view.id }, { $set: { runJobId: jobId(IMPORT_KIND, importJobId(view.id, "run")) } });
  await createJob({ kind: IMPORT_KIND, id: importJobId(view.id, "run"), templateKey: key, params: { importId: view.id, phase: "run", locale: "zh" }, total: 0, createdBy: agent });
  return { admin, key, P, view, id: jobId(IMPORT_KIND, importJobId(view.id, "run")) };
}

/** An admin publishes the template again with 身份证号码 unique. */
async function idNumberMadeUnique(admin: Actor, key: string) {
  const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
  const draft = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: updateField(opened.model, "basic.idNumber", (f) => ({ ...f, unique: true })) } });
  await publishDraft({ actor: admin, templateKey: key, input: { revision: draft.template.revision } });
}

/** An admin publishes the template again with 手机号码 required (the staged files give none). */
async function mobileMadeRequired(admin: Actor, key: string) {
  const opened = await getTemplateForEdit({ actor: admin, templateKey: key });
  const draft = await saveDraft({ actor: admin, templateKey: key, input: { revision: opened.template.revision, model: updateField(opened.model, "basic.mobile", (f) => ({ ...f, required: true })) } });
  await publishDraft({ actor: admin, templateKey: key, input: { revision: draft.template.revision } });
}

/**
 * An import of 450 records (batches of 200, 200 and 50) keyed by 保单号, with its run's job set up
 * as startImport does but not started in the background: tests drive its batches themselves.
 */
async function stagedRun(
  label: string,
  options: { edit?: (rows: unknown[][]) => void; set?: Record<string, unknown>; count?: number; csv?: boolean; sheet?: (prefix: string) => { header: string[]; rows: unknown[][] } } = {},
) {
  const admin = await makeActor("admin", cleanup);
  const agent = await makeActor("agent", cleanup);
  const key = await cloneArchive(admin, cleanup);
  const prefix = unique(label);
  const { header, rows } = options.sheet?.(prefix) ?? {
    header: ["客户姓名", "身份证号码", "保单号", "保险类型"],
    rows: Array.from({ length: options.count ?? 450 }, (_, i) => [`客户${i}`, residentId("19800101", (i % 900) + 1), `${prefix}-${i}`, "人寿险"]),
  };
  options.edit?.(rows);
  const file = options.csv ? await csvFile([header, ...rows]) : await xlsx(rows, header);
  const view = await upload(agent, key, file);
  expect(view.keyField).toBe("policy.policyNo");
  await ImportModel.updateOne({ _id: view.id }, { $set: { runJobId: jobId(IMPORT_KIND, importJobId(view.id, "run")), ...options.set } });
  await createJob({ kind: IMPORT_KIND, id: importJobId(view.id, "run"), templateKey: key, params: { importId: view.id, phase: "run", locale: "zh" }, total: 0, createdBy: agent });
  const id = jobId(IMPORT_KIND, importJobId(view.id, "run"));
  const fresh = (await JobModel.findById(id).lean()) as unknown as Job<ImportJobParams, ImportJobState>;
  return { admin, agent, key, prefix, id, fresh, importId: view.id };
}

describe("spreadsheet import", () => {
  it("an import is seen only within the reader's data scope: its sample holds the file's cells in full", async () => {
    const a = await makeActor("agent", cleanup);
    const b = await makeActor("agent", cleanup);
    const admin = await makeActor("admin", cleanup);
    const file = await xlsx([["张甲", residentId("19850312", 31), "13800138000", "北京", unique("IMP"), "金福年金险", "100万", "2023/1/1", "2033年1月1日", "年缴", 12000, "2024-01-01", "已缴费", null, null, null, null, null, null, null]]);
    const view = await upload(a, TEMPLATE, file);
    expect((await listImports({ actor: a, templateKey: TEMPLATE })).map((i) => i.id)).toContain(view.id);
    // The archive scopes agents to their own: another agent neither lists nor opens it.
    expect((await listImports({ actor: b, templateKey: TEMPLATE })).map((i) => i.id)).not.toContain(view.id);
    await expectDomainError(getImport({ actor: b, templateKey: TEMPLATE, id: view.id }), "NOT_FOUND");
    expect((await getImport({ actor: admin, templateKey: TEMPLATE, id: view.id })).id).toBe(view.id);
  });

  it("maps the seed's columns, gives every row a verdict without writing, then runs, merges rows by 保单号 and never writes twice", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const [p1, p2, p3, p4, p5] = [unique("IMP"), unique("IMP"), unique("IMP"), unique("IMP"), unique("IMP")];
    const stored = await createRecord({ actor: agent, templateKey: key, input: customerData({ basic: { name: "老客户", idNumber: residentId("19800101", 11) }, policy: { policyNo: p4, sumInsured: 300000 } }) });
    const id1 = residentId("19850312", 21);
    const file = await xlsx([
      ["张一", id1, "１３８００１３８０００", "北京", p1, "金福年金险", "100万", "2023/1/1", "2033年1月1日", "年缴", 12000, 45000, "已缴费", null, null, null, null, null, null, null],
      ["张一", id1, "13800138000", "北京", p1, "金福年金险", "100万", "2023/1/1", "2033年1月1日", "年缴", 12000, "2024-01-01", "已缴费", null, null, null, "2024-02-01", "电话", "回访", null],
      ["张一", id1, "13800138000", "北京", p1, "金福年金险", "100万", "2023/1/1", "2033年1月1日", "年缴", 12000, "2024-01-01", "已缴费", null, null, null, "2024-02-01", "电话", "回访", null],
      ["李二", "110105199001011234", "13900139000", "上海", p2, "安康医疗险", 50000, "2024-01-01", "2025-01-01", "年缴", null, null, null, null, null, null, null, null, null, null],
      ["王三", 1.23457e17, "13700137000", "广州", p3, "安康医疗险", 50000, "2024-01-01", "2025-01-01", "年缴", null, null, null, null, null, null, null, null, null, null],
      ["老客户", residentId("19800101", 11), "13800138000", null, p4, null, "60万", null, null, null, null, null, null, null, null, null, null, null, null, null],
      ["赵五", residentId("19700505", 31), "13600136000", "深圳", p5, "平安寿险", 200000, "2022-03-01", "2032-03-01", "年缴", null, null, null, "2024-05-06", 8000, "待审核", null, null, null, null],
    ]);

    const created = await upload(agent, key, file);
    expect(created.format).toBe("xlsx");
    expect(created.sheets).toEqual(["客户档案"]);
    const mapped = Object.fromEntries(created.headers.map((h, i) => [h, created.mapping[i]]));
    expect(mapped).toMatchObject({ 客户姓名: "basic.name", 联系方式: "basic.mobile", 保单号: "policy.policyNo", 缴费方式: "policy.paymentMethod", 缴费金额: "payments.amount", 缴费日期: "payments.date", 理赔状态: "claims.status", 沟通方式: "communications.method" });
    expect(created.keyField).toBe("policy.policyNo");
    expect(created.mode).toBe("upsert");

    // The sheet has no 保险类型 (required): a fixed value fills it.
    await updateImport({ actor: agent, templateKey: key, id: created.id, input: { constants: { "policy.insuranceType": "人寿险" } } });
    await expectDomainError(startImport({ actor: agent, templateKey: key, id: created.id, phase: "run" }), "CONFLICT");
    const before = await RecordModel.countDocuments({ templateKey: key });
    await startImport({ actor: agent, templateKey: key, id: created.id, phase: "check" });
    const checked = await importEnded(agent, key, created.id, "check");
    expect(checked.check!.progress.status).toBe("done");
    expect(checked.check!.rows).toEqual({ create: 3, duplicate: 1, reject: 2, update: 1 });
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(before);
    const problems = await ImportRowModel.find({ importId: created.id, phase: "check" }).sort({ row: 1 }).lean();
    expect(problems.map((p) => [p.row, p.verdict])).toEqual([
      [4, "duplicate"],
      [5, "reject"],
      [6, "reject"],
    ]);
    expect(problems[1].reason).toMatch(/身份证号码/);
    expect(problems[2].reason).toMatch(/科学计数法/);

    const started = await startImport({ actor: agent, templateKey: key, id: created.id, phase: "run" });
    // The run knows its rows from the check before its first batch (before: 0 / 0 行 until it had read the file).
    expect(checked.check!.progress.total).toBeGreaterThan(0);
    expect(started.run!.progress.total).toBe(checked.check!.progress.total);
    const ran = await importEnded(agent, key, created.id, "run");
    expect(ran.run!.progress.status).toBe("done");
    expect(ran.run!.progress.total).toBe(checked.check!.progress.total);
    expect(ran.run!.records).toEqual({ created: 2, updated: 1 });
    expect(checked.check!.records).toEqual({ created: 2, updated: 1 });
    const one = await RecordModel.findOne({ templateKey: key, "data.policy.policyNo": p1 }).lean();
    const data = one!.data as Record<string, Record<string, unknown> & unknown[]>;
    expect(data.basic).toMatchObject({ name: "张一", mobile: "13800138000" });
    expect(data.policy).toMatchObject({ sumInsured: 1000000, startDate: "2023-01-01", endDate: "2033-01-01", insuranceType: "人寿险" });
    expect(data.payments).toEqual([
      { amount: 12000, date: "2023-03-15", status: "已缴费" },
      { amount: 12000, date: "2024-01-01", status: "已缴费" },
    ]);
    expect(data.communications).toHaveLength(1);
    const updated = await RecordModel.findById(stored.id).lean();
    expect(updated!.revision).toBe(2);
    expect((updated!.data as { policy: { sumInsured: number; productName?: string } }).policy.sumInsured).toBe(600000);
    const audit = await AuditEventModel.find({ entityId: { $in: [String(one!._id), stored.id] } }).lean();
    // The stored record's own create, then the import's create and update, each saying which import.
    expect(audit.map((e) => [e.action, (e.meta as { importId?: string } | undefined)?.importId]).sort()).toEqual([
      ["record.create", undefined],
      ["record.create", created.id],
      ["record.update", created.id],
    ]);

    // The same file again, as a new import: nothing to add or change.
    const again = await upload(agent, key, file);
    expect(again.constants).toEqual({ "policy.insuranceType": "人寿险" });
    await startImport({ actor: agent, templateKey: key, id: again.id, phase: "check" });
    const rechecked = await importEnded(agent, key, again.id, "check");
    expect(rechecked.check!.rows).toEqual({ unchanged: 4, duplicate: 1, reject: 2 });
    const count = await RecordModel.countDocuments({ templateKey: key });
    await startImport({ actor: agent, templateKey: key, id: again.id, phase: "run" });
    const reran = await importEnded(agent, key, again.id, "run");
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(count);
    // Its result says so: three records (four rows) unchanged; it used to count none.
    expect(reran.run!.records).toMatchObject({ created: 0, unchanged: 3 });
  });

  it("refuses what is not a spreadsheet, an old .xls, and an empty sheet, keeping nothing", async () => {
    const agent = await makeActor("agent", cleanup);
    const dir = await mkdtemp(path.join(tmpdir(), "dossier-import-"));
    const { writeFile } = await import("node:fs/promises");
    const bin = path.join(dir, "a.png");
    await writeFile(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const ole = path.join(dir, "b.xlsx");
    await writeFile(ole, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]));
    const empty = path.join(dir, "c.csv");
    await writeFile(empty, "\n\n");
    const key = "customer-archive";
    expect((await expectDomainError(upload(agent, key, bin), "BAD_REQUEST")).message).toMatch(/不是表格文件/);
    expect((await expectDomainError(upload(agent, key, ole), "BAD_REQUEST")).message).toMatch(/另存为/);
    expect((await expectDomainError(upload(agent, key, empty), "BAD_REQUEST")).message).toMatch(/第一行应为列名/);
    const viewer = await makeActor("viewer", cleanup);
    await expectDomainError(upload(viewer, key, empty), "FORBIDDEN");
  });

  it("reads a GBK CSV and shows the encoding it detected", async () => {
    const agent = await makeActor("agent", cleanup);
    const iconv = (await import("iconv-lite")).default;
    const dir = await mkdtemp(path.join(tmpdir(), "dossier-import-"));
    const file = path.join(dir, "gbk.csv");
    const { writeFile } = await import("node:fs/promises");
    await writeFile(file, iconv.encode("客户姓名,保单号,保险类型\n张三,GBK-1,人寿险\n", "gbk"));
    const view = await upload(agent, "customer-archive", file);
    expect(view.format).toBe("csv");
    expect(view.detectedEncoding).toBe("gb18030");
    expect(view.headers).toEqual(["客户姓名", "保单号", "保险类型"]);
    expect(view.sample).toEqual([["张三", "GBK-1", "人寿险"]]);
    expect(await JobModel.countDocuments({ _id: new RegExp(`^import:${view.id}`) })).toBe(0);
  });

  it("a run that died after writing a batch but before saving its place resumes without writing anything twice", async () => {
    const { key, prefix, id, fresh } = await stagedRun("RES");
    // The crash: the first batch writes its 200 records, and its place is never saved.
    const lost = await importJob.batch(fresh);
    expect(lost.done).toBe(200);
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(200);
    // After the restart the job starts from the top again: the first batch finds its records.
    const done = await runJob(importJob, id);
    expect(done!.status).toBe("done");
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(450);
    expect(await RecordModel.countDocuments({ templateKey: key, "data.policy.policyNo": `${prefix}-0` })).toBe(1);
    expect((done!.state as ImportJobState).rows).toEqual({ create: 450 });
    const creates = await AuditEventModel.countDocuments({ templateKey: key, action: "record.create" });
    expect(creates).toBe(450);
  });

  it("a run killed between storing a batch's records and their audit events writes the events when it resumes", async () => {
    const { key, id, fresh } = await stagedRun("AUD");
    // The crash (a server killed at that moment, seen by an end-to-end test): 200 records stored,
    // their creation events not, the place not saved.
    const lost = await importJob.batch(fresh);
    expect(lost.done).toBe(200);
    const written = await RecordModel.find({ templateKey: key }, { createdAt: 1 }).lean();
    await AuditEventModel.deleteMany({ templateKey: key, action: "record.create" });
    const done = await runJob(importJob, id);
    expect(done!.status).toBe("done");
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(450);
    expect((done!.state as ImportJobState).records).toMatchObject({ created: 450 });
    // Every record has its one creation event again, dated when it was stored (before: 250 of 450).
    const events = await AuditEventModel.find({ templateKey: key, action: "record.create" }, { entityId: 1, at: 1 }).lean();
    expect(new Set(events.map((e) => e.entityId)).size).toBe(450);
    expect(events).toHaveLength(450);
    const at = new Map(events.map((e) => [e.entityId, (e.at as Date).getTime()]));
    expect(written.every((r) => at.get(String(r._id)) === (r.createdAt as Date).getTime())).toBe(true);
  });

  it("a record created before the crash and edited before the resume gets its creation event and keeps the edit", async () => {
    const { admin, key, id, fresh } = await stagedRun("AUDED");
    await importJob.batch(fresh);
    await AuditEventModel.deleteMany({ templateKey: key, action: "record.create" });
    // Someone corrects a name in one of those records before the run resumes: the file now differs
    // from it, and the file's older name must not come back as an update.
    const edited = (await RecordModel.findOne({ templateKey: key }).lean())!;
    await updateRecord({ actor: admin, templateKey: key, recordId: String(edited._id), expectedRevision: edited.revision, input: { ...(edited.data as object), basic: { ...(edited.data as { basic: object }).basic, name: "崩溃后改名" } } });
    const done = await runJob(importJob, id);
    expect(done!.status).toBe("done");
    expect((done!.state as ImportJobState).records).toMatchObject({ created: 450 });
    // Before: the edited record was judged an update, its creation event never written (449 of 450).
    const events = await AuditEventModel.find({ templateKey: key, action: "record.create" }, { entityId: 1 }).lean();
    expect(new Set(events.map((e) => e.entityId)).size).toBe(450);
    const after = (await RecordModel.findById(edited._id).lean())!;
    expect((after.data as { basic: { name: string } }).basic.name).toBe("崩溃后改名");
    expect(after.revision).toBe(edited.revision + 1);
  });

  it("a record created before the crash whose 保单号 was changed before the resume gets its one creation event, and its old 保单号 is free at once", async () => {
    const { admin, agent, key, prefix, id, fresh, importId } = await stagedRun("LEAK");
    await importJob.batch(fresh);
    // The crash came between the batch's records and their events.
    await AuditEventModel.deleteMany({ templateKey: key, action: "record.create" });
    const made = (await RecordModel.findOne({ templateKey: key, "data.policy.policyNo": `${prefix}-0` }).lean())!;
    const data = made.data as { policy: object };
    await updateRecord({ actor: admin, templateKey: key, recordId: String(made._id), expectedRevision: made.revision, input: { ...data, policy: { ...data.policy, policyNo: `${prefix}-0X` } } });
    const done = await runJob(importJob, id);
    expect(done!.status).toBe("done");
    expect((done!.state as ImportJobState).rows).toEqual({ create: 450 });
    expect((done!.state as ImportJobState).records).toEqual({ created: 450 });
    // Its creation event, once, as the import would have written it: the file's 保单号, the import, when it was stored.
    const events = await AuditEventModel.find({ entityId: String(made._id), action: "record.create" }).lean();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ _id: `record:${String(made._id)}:1`, meta: { importId } });
    expect((events[0].at as Date).getTime()).toBe((made.createdAt as Date).getTime());
    expect(JSON.parse(events[0].changes as string)).toContainEqual(expect.objectContaining({ path: "/policy/policyNo", after: `${prefix}-0` }));
    // The old 保单号 is another customer's to take (before: refused — the resume had claimed it
    // again for the edited record, which no longer holds it).
    await createRecord({ actor: agent, templateKey: key, input: customerData({ policy: { policyNo: `${prefix}-0` } }) });
    const after = (await RecordModel.findById(made._id).lean())!;
    expect((after.data as { policy: { policyNo: string } }).policy.policyNo).toBe(`${prefix}-0X`);
    expect(after.revision).toBe(made.revision + 1);
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(451);
  });

  it("a record created before the crash whose old 保单号 another record took before the resume is neither refused nor mistaken for that record", async () => {
    const { admin, agent, key, prefix, id, fresh } = await stagedRun("TOOK");
    await importJob.batch(fresh);
    await AuditEventModel.deleteMany({ templateKey: key, action: "record.create" });
    const made = (await RecordModel.findOne({ templateKey: key, "data.policy.policyNo": `${prefix}-0` }).lean())!;
    const data = made.data as { policy: object };
    await updateRecord({ actor: admin, templateKey: key, recordId: String(made._id), expectedRevision: made.revision, input: { ...data, policy: { ...data.policy, policyNo: `${prefix}-0X` } } });
    const other = await createRecord({ actor: agent, templateKey: key, input: customerData({ basic: { name: "另一位客户", idNumber: residentId("19900101", 5) }, policy: { policyNo: `${prefix}-0` } }) });
    const done = await runJob(importJob, id);
    expect(done!.status).toBe("done");
    // Row 2 made the edited record before the crash: it says so again (before: it updated the
    // other customer's record with the file's row).
    expect((done!.state as ImportJobState).rows).toEqual({ create: 450 });
    expect((done!.state as ImportJobState).records).toEqual({ created: 450 });
    expect(await AuditEventModel.countDocuments({ entityId: String(made._id), action: "record.create" })).toBe(1);
    const untouched = (await RecordModel.findById(other.id).lean())!;
    expect(untouched.revision).toBe(1);
    expect((untouched.data as { basic: { name: string } }).basic.name).toBe("另一位客户");
  });

  it("a record created before the crash without its event or outbox note, whose row a template published since refuses, counts as created and gets its creation event from the stored record", async () => {
    const { admin, key, id, fresh, importId } = await stagedRun("REPUB");
    await importJob.batch(fresh);
    // The crash came between the batch's records and their events, and its outbox note is gone.
    await AuditEventModel.deleteMany({ templateKey: key, action: "record.create" });
    const made = await RecordModel.find({ templateKey: key }, { createdAt: 1, data: 1 }).lean();
    expect(made).toHaveLength(200);
    // An admin makes 手机号码 required: no row of the file passes any more.
    await mobileMadeRequired(admin, key);
    const done = await runJob(importJob, id);
    expect(done!.status).toBe("done");
    const state = done!.state as ImportJobState;
    // Before: its 200 rows read as refused ({ reject: 450 }) and their records had no creation event.
    expect(state.rows).toEqual({ create: 200, reject: 250 });
    expect(state.records).toEqual({ created: 200 });
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(200);
    const events = await AuditEventModel.find({ templateKey: key, action: "record.create" }).lean();
    expect(events).toHaveLength(200);
    const at = new Map(events.map((e) => [e.entityId, e]));
    for (const r of made) {
      const e = at.get(String(r._id))!;
      expect([e._id, e.meta, (e.at as Date).getTime()]).toEqual([`record:${String(r._id)}:1`, { importId }, (r.createdAt as Date).getTime()]);
      expect(JSON.parse(e.changes as string)).toContainEqual(expect.objectContaining({ path: "/policy/policyNo", after: (r.data as { policy: { policyNo: string } }).policy.policyNo }));
    }
  }, 120_000);

  it("a run without a key killed after a batch's writes finds the records it made when it resumes, not their 保单号 taken", async () => {
    const { key, id, fresh } = await stagedRun("NOKEY", { set: { keyField: null, mode: "create" } });
    await importJob.batch(fresh);
    const done = await runJob(importJob, id);
    expect(done!.status).toBe("done");
    expect((done!.state as ImportJobState).rows).toEqual({ create: 450 });
    expect((done!.state as ImportJobState).records).toEqual({ created: 450 });
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(450);
  });

  it("a run resumed after a publish that groups the file's rows otherwise reads the file again from its first record: none skipped, none counted twice", async () => {
    // Added without a key: every customer's row with its policy and first payment has a row under
    // it that repeats the name and 身份证号码 with a second payment (the same record, while no
    // field but 保单号 is unique).
    const header = ["客户姓名", "身份证号码", "保单号", "保险类型", "缴费日期", "缴费金额", "缴费状态"];
    const customer = (p: string, i: number) => [
      [`客户${i}`, residentId("19800101", i + 1), `${p}-${i}`, "人寿险", "2024-01-15", 1000, "已缴费"],
      [`客户${i}`, residentId("19800101", i + 1), null, "人寿险", "2024-02-15", 1000, "已缴费"],
    ];
    const { admin, key, id, importId } = await stagedRun("REGROUP", { set: { keyField: null, mode: "create" }, sheet: (p) => ({ header, rows: Array.from({ length: 450 }, (_, i) => customer(p, i)).flat() }) });
    const first = await runJob(importJob, id, { maxBatches: 1 });
    expect((first!.state as ImportJobState).records).toEqual({ created: 200 });
    // An admin makes 身份证号码 unique while the run goes on: a row that repeats it is a record of
    // its own now (refused: it has no 保单号), and the file has 900 records where it had 450.
    await idNumberMadeUnique(admin, key);
    const done = await runJob(importJob, id);
    expect(done!.status).toBe("done");
    const state = done!.state as ImportJobState;
    // Before: the resume skipped 200 of the new records (100 customers), so customers 100–199 were
    // counted again — {created: 550} for 450 records, 1,100 rows of a 900-row file.
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(450);
    expect(state.records).toEqual({ created: 450 });
    expect(state.rows?.create).toBe(450);
    expect(Object.values(state.rows ?? {}).reduce((a, b) => a + b, 0)).toBe(900);
    expect(done!.progress).toMatchObject({ done: 900, total: 900 });
    // The rows kept for the error sheet are this grouping's, each once.
    const kept = await ImportRowModel.find({ importId, phase: "run" }).lean();
    expect(kept).toHaveLength(450);
    expect(kept.every((r) => r.row % 2 === 1)).toBe(true);
    expect(await AuditEventModel.countDocuments({ templateKey: key, action: "record.create" })).toBe(450);
  }, 120_000);

  it("a run of updates killed after a batch's writes, before its place was saved, still counts those updates as updates when it resumes", async () => {
    const { admin, key, P, view, id } = await stagedUpdates("UPD", 250, 250);
    // The first batch writes its 200 updates; the place after it is never saved (the crash).
    const lost = await importJob.batch((await JobModel.findById(id).lean()) as unknown as Job<ImportJobParams, ImportJobState>);
    expect(lost.done).toBe(200);
    // Someone corrects a name in one of the updated records before the resume: the file's older
    // name must not be written back over it (before: it read as an update and was).
    const edited = (await RecordModel.findOne({ templateKey: key, "data.policy.policyNo": `${P}-0` }).lean())!;
    await updateRecord({ actor: admin, templateKey: key, recordId: String(edited._id), expectedRevision: edited.revision, input: { ...(edited.data as object), basic: { ...(edited.data as { basic: object }).basic, name: "续跑前改名" } } });
    const done = await runJob(importJob, id);
    const state = done!.state as ImportJobState;
    // Before: rows { unchanged: 200, update: 50 } and records { unchanged: 200, updated: 50 }.
    expect(state.rows).toEqual({ update: 250 });
    expect(state.records).toMatchObject({ updated: 250 });
    expect(state.records?.unchanged ?? 0).toBe(0);
    expect(await AuditEventModel.countDocuments({ templateKey: key, action: "record.update", "meta.importId": view.id })).toBe(250);
    expect(((await RecordModel.findById(edited._id).lean())!.data as { basic: { name: string } }).basic.name).toBe("续跑前改名");
  }, 120_000);

  it("a run of updates and creates resumed after a publish reads the file again and counts each record once, writing nothing twice", async () => {
    // 100 of the file's 250 customers are stored (updates), 150 are new (creates).
    const { admin, key, P, view, id } = await stagedUpdates("AGAIN", 100, 250);
    expect(((await runJob(importJob, id, { maxBatches: 1 }))!.state as ImportJobState).records).toEqual({ updated: 100, created: 100 });
    // Someone corrects a name the run has updated; an admin publishes: the run reads the file again from its first record.
    const edited = (await RecordModel.findOne({ templateKey: key, "data.policy.policyNo": `${P}-0` }).lean())!;
    await updateRecord({ actor: admin, templateKey: key, recordId: String(edited._id), expectedRevision: edited.revision, input: { ...(edited.data as object), basic: { ...(edited.data as { basic: object }).basic, name: "重读前改名" } } });
    await idNumberMadeUnique(admin, key);
    const done = await runJob(importJob, id);
    expect(done!.status).toBe("done");
    const state = done!.state as ImportJobState;
    expect(state.rows).toEqual({ update: 100, create: 150 });
    expect(state.records).toEqual({ updated: 100, created: 150 });
    expect(state.again).toBe(true);
    expect(done!.progress).toMatchObject({ done: 250, total: 250 });
    expect(await AuditEventModel.countDocuments({ templateKey: key, action: "record.update", "meta.importId": view.id })).toBe(100);
    expect(await AuditEventModel.countDocuments({ templateKey: key, action: "record.create", "meta.importId": view.id })).toBe(150);
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(250);
    expect(((await RecordModel.findById(edited._id).lean())!.data as { basic: { name: string } }).basic.name).toBe("重读前改名");
  }, 120_000);

  it("a batch that fails after taking its records from the file writes them when it runs again in the same process", async () => {
    const { admin, key, prefix, fresh } = await stagedRun("RETRY");
    const first = await importJob.batch(fresh);
    expect(first.done).toBe(200);
    const second = { ...fresh, cursor: first.cursor, state: first.state } as Job<ImportJobParams, ImportJobState>;
    // The second batch takes records 201-400 from the file, then its write is refused (the
    // template was archived meanwhile): the batch fails and nothing of it is stored.
    await setTemplateArchived({ actor: admin, templateKey: key, archived: true });
    await expect(importJob.batch(second)).rejects.toThrow();
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(200);
    // Run again from the same saved place: the same records, not the ones after them.
    await setTemplateArchived({ actor: admin, templateKey: key, archived: false });
    const again = await importJob.batch(second);
    expect(again.done).toBe(200);
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(400);
    expect(await RecordModel.countDocuments({ templateKey: key, "data.policy.policyNo": `${prefix}-200` })).toBe(1);
    expect(await RecordModel.countDocuments({ templateKey: key, "data.policy.policyNo": `${prefix}-399` })).toBe(1);
    const last = await importJob.batch({ ...second, cursor: again.cursor, state: again.state } as Job<ImportJobParams, ImportJobState>);
    expect(last.finished).toBe(true);
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(450);
  });

  it("a large file is written in fewer, larger batches: a twentieth of its rows, at most 1,000 records each", async () => {
    const { key, prefix, fresh } = await stagedRun("LARGE", { count: 6000, csv: true });
    const first = await importJob.batch(fresh);
    importJob.release?.(fresh._id);
    // Before: 200 records per batch whatever the file's size (30 batches, 30 rounds of writes here).
    expect(first.done).toBe(300);
    expect(first.total).toBe(6000);
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(300);
    expect(await RecordModel.countDocuments({ templateKey: key, "data.policy.policyNo": `${prefix}-299` })).toBe(1);
    expect(await RecordModel.countDocuments({ templateKey: key, "data.policy.policyNo": `${prefix}-300` })).toBe(0);
  }, 120_000);

  it("a 保单号 repeated in a later batch is a duplicate of its first row, however far that row's batch has got with its writes", async () => {
    // Added without a key (every row its own record): row 262 of the sheet (the second batch)
    // repeats the 保单号 of row 12 (the first). The run judges the second batch while the first
    // writes; whether row 12's record is stored yet must not change the verdict, and the dry run,
    // which stores nothing, says 重复 too.
    const { key, prefix, id } = await stagedRun("DUP", {
      edit: (rows) => {
        rows[260][2] = rows[10][2];
      },
      set: { keyField: null, mode: "create" },
    });
    const done = await runJob(importJob, id);
    expect(done!.status).toBe("done");
    expect((done!.state as ImportJobState).rows).toEqual({ create: 449, duplicate: 1 });
    expect(await RecordModel.countDocuments({ templateKey: key })).toBe(449);
    expect(await RecordModel.countDocuments({ templateKey: key, "data.basic.name": "客户260" })).toBe(0);
    expect(await RecordModel.countDocuments({ templateKey: key, "data.policy.policyNo": `${prefix}-10` })).toBe(1);
    const kept = await ImportRowModel.find({ importId: (await ImportModel.findOne({ runJobId: id }).lean())!._id, phase: "run" }).lean();
    expect(kept.map((r) => [r.row, r.verdict])).toEqual([[262, "duplicate"]]);
    expect(kept[0].reason).toContain("与第 12 行相同");
  });

  it("a run cancelled between batches lets go of the file it was reading ahead", async () => {
    // A .csv long enough (2,000 rows, ~90 KB) that the reader has not reached its end after two
    // batches: the file stays open while the run reads ahead.
    const { id } = await stagedRun("CANCEL", { count: 2000, csv: true });
    const imp = (await ImportModel.findOne({ runJobId: id }).lean())!;
    // Open descriptors of this process on the stored upload.
    const open = () =>
      readdirSync("/proc/self/fd").filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === imp.filePath;
        } catch {
          return false;
        }
      }).length;
    // One batch, then the run stops (as a step-wise run does): the session keeps reading ahead.
    expect((await runJob(importJob, id, { maxBatches: 1 }))!.status).toBe("running");
    expect(open()).toBeGreaterThan(0);
    await requestJobCancel({ id, by: { id: "u-cancel" } });
    expect((await runJob(importJob, id))!.status).toBe("cancelled");
    for (let i = 0; i < 40 && open() > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(open()).toBe(0);
  });
});
