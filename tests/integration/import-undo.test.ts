import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { ImportModel } from "@/lib/db/models/import";
import { JobModel } from "@/lib/db/models/job";
import { RecordModel, RevisionClaimModel, UniqueClaimModel } from "@/lib/db/models/record";
import { createImport } from "@/lib/imports/create-import";
import { getImport } from "@/lib/imports/load-import";
import { startImport } from "@/lib/imports/start-import";
import { undoImport } from "@/lib/imports/undo-import";
import { UNDO_KIND, undoJob, type UndoJobState } from "@/lib/imports/undo-job";
import { createJob } from "@/lib/jobs/create-job";
import { jobId } from "@/lib/jobs/job-kind";
import { runJob } from "@/lib/jobs/run-job";
import { deleteRecord } from "@/lib/records/delete-record";
import { recoverRecordEvents } from "@/lib/records/write/record-events";
import type { Actor } from "@/lib/auth/roles";
import { updateImport } from "@/lib/imports/update-import";
import { createRecord } from "@/lib/records/create-record";
import { updateRecord } from "@/lib/records/update-record";
import { importEnded } from "./support/import-jobs";
import { importFile, importSetup, seedRow, xlsxFile } from "./support/import-files";
import { Cleanup, cloneArchive, customerData, expectDomainError, makeActor, residentId, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

const HEADER = ["客户姓名", "身份证号码", "保单号", "保险类型", "保险金额", "缴费日期", "缴费金额", "缴费状态"];

async function xlsx(rows: unknown[][]): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "dossier-undo-")), "客户.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("客户");
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
  return file;
}


describe("undoing an import", () => {
  it("moves its new records to the recycle bin and sets its updates back, leaving records edited since alone and listed", async () => {
    const admin = await makeActor("admin", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const [p1, p2, pS, pT] = [unique("UN"), unique("UN"), unique("UN"), unique("UN")];
    const s = await createRecord({ actor: agent, templateKey: key, input: customerData({ basic: { name: "老客户甲", idNumber: residentId("19800101", 11) }, policy: { policyNo: pS, sumInsured: 300000 } }) });
    const t = await createRecord({ actor: agent, templateKey: key, input: customerData({ basic: { name: "老客户乙", idNumber: residentId("19800202", 13) }, policy: { policyNo: pT, sumInsured: 100000 } }) });
    const before = await RecordModel.findById(s.id).lean();

    const file = await xlsx([
      ["新客户一", residentId("19900101", 21), p1, "人寿险", 500000, "2024-01-01", 1000, "已缴费"],
      ["新客户一", residentId("19900101", 21), p1, "人寿险", 500000, "2025-01-01", 1000, "未缴费"],
      ["新客户二", residentId("19910101", 23), p2, "健康险", 200000, null, null, null],
      ["老客户甲", residentId("19800101", 11), pS, "人寿险", 600000, "2024-06-01", 12000, "已缴费"],
      ["老客户乙", residentId("19800202", 13), pT, "人寿险", 150000, null, null, null],
    ]);
    const created = await createImport({ actor: agent, templateKey: key, fileName: "客户.xlsx", body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array> });
    await updateImport({ actor: agent, templateKey: key, id: created.id, input: { keyField: "policy.policyNo", mode: "upsert" } });
    // Not before the run has ended.
    await expectDomainError(undoImport({ actor: agent, templateKey: key, id: created.id }), "CONFLICT");
    await startImport({ actor: agent, templateKey: key, id: created.id, phase: "check" });
    await importEnded(agent, key, created.id, "check");
    await startImport({ actor: agent, templateKey: key, id: created.id, phase: "run" });
    const ran = await importEnded(agent, key, created.id, "run");
    expect(ran.run!.records).toEqual({ created: 2, updated: 2 });
    const new1 = await RecordModel.findOne({ templateKey: key, "data.policy.policyNo": p1 }).lean();
    const afterImport = await RecordModel.findById(s.id).lean();
    expect((afterImport!.data as { payments?: unknown[] }).payments).toHaveLength(1);

    // Someone edits 老客户乙 after the import: the undo must not throw that away.
    const tNow = await RecordModel.findById(t.id).lean();
    await updateRecord({ actor: admin, templateKey: key, recordId: t.id, expectedRevision: tNow!.revision, input: { ...(tNow!.data as object), notes: { remarks: "导入后人工修改" } } });

    // A viewer or a reviewer may not undo (they cannot create, delete or both).
    await expectDomainError(undoImport({ actor: await makeActor("reviewer", cleanup), templateKey: key, id: created.id }), "FORBIDDEN");
    // Another agent may not undo it either: the import is outside their data scope (agents work
    // their own), so for them it does not exist.
    await expectDomainError(undoImport({ actor: await makeActor("agent", cleanup), templateKey: key, id: created.id }), "NOT_FOUND");
    await undoImport({ actor: agent, templateKey: key, id: created.id });
    const undone = await importEnded(agent, key, created.id, "undo");
    expect(undone.undo).toMatchObject({ trashed: 2, reverted: 1, kept: 1, keptIds: [t.id] });
    // The kept record is named by its title as the reader sees it: its owner in full, an admin masked.
    expect(undone.undo!.keptTitles).toEqual({ [t.id]: "老客户乙" });
    const adminTitle = (await getImport({ actor: admin, templateKey: key, id: created.id })).undo!.keptTitles![t.id];
    expect(adminTitle.startsWith("老")).toBe(true);
    expect(adminTitle).not.toContain("客户乙");
    // Masked titles alike (客**, 客**) are told apart by the import's key when that is no personal data (tester9 P2-7).
    expect(adminTitle).toMatch(new RegExp(`^老\\*+ · ${pT}$`));
    expect(undone.undone).toBe(true);

    // New records in the bin (restorable), the updated one back to what it held, revision on.
    expect(await RecordModel.countDocuments({ templateKey: key, "data.policy.policyNo": { $in: [p1, p2] }, deletedAt: { $ne: null } })).toBe(2);
    const reverted = await RecordModel.findById(s.id).lean();
    expect(reverted!.data).toEqual(before!.data);
    expect(reverted!.revision).toBe(afterImport!.revision + 1);
    const tAfter = await RecordModel.findById(t.id).lean();
    expect((tAfter!.data as { policy: { sumInsured: number }; notes: { remarks: string } }).policy.sumInsured).toBe(150000);
    expect((tAfter!.data as { notes: { remarks: string } }).notes.remarks).toBe("导入后人工修改");
    // Audited: the deletes, the revert (saying which import it undid) and the undo itself.
    expect(await AuditEventModel.countDocuments({ entityId: String(new1!._id), action: "record.delete" })).toBe(1);
    // The delete says which import it undid, as the revert does (tester round 7: it read as a delete by hand).
    expect((await AuditEventModel.findOne({ entityId: String(new1!._id), action: "record.delete" }).lean())!.meta).toMatchObject({ undoOfImport: created.id });
    const revert = await AuditEventModel.findById(`record:${s.id}:${reverted!.revision}`).lean();
    expect(revert!.meta).toMatchObject({ undoOfImport: created.id });
    expect(await AuditEventModel.countDocuments({ _id: `import-undo:${created.id}` })).toBe(1);

    // Once.
    await expectDomainError(undoImport({ actor: agent, templateKey: key, id: created.id }), "CONFLICT");
  });

  it("leaves a record it created alone when a colleague has added to it since, and lists it", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("UQ");
    const first = await importFile(agent, key, await xlsxFile([seedRow(P)]));
    const doc = await RecordModel.findOne({ templateKey: key, "data.policy.policyNo": P, deletedAt: null }).lean();
    expect(doc!.revision).toBe(1);
    const data = { ...(doc!.data as object), communications: [{ date: "2024-05-01", method: "电话", content: "同事补充的回访记录" }] };
    await updateRecord({ actor: agent, templateKey: key, recordId: String(doc!._id), input: data, expectedRevision: doc!.revision });
    await undoImport({ actor: agent, templateKey: key, id: first.view.id });
    const undone = await importEnded(agent, key, first.view.id, "undo");
    // Before the fix: { trashed: 1, kept: 0 } — the colleague's 沟通记录 went to the bin with the record.
    expect(undone.undo).toMatchObject({ trashed: 0, kept: 1, keptIds: [String(doc!._id)] });
    const after = await RecordModel.findById(doc!._id).lean();
    expect(after!.deletedAt ?? null).toBeNull();
    expect((after!.data as { communications?: unknown[] }).communications).toHaveLength(1);
  });
});

/** `n` new customers of one import, their records by 保单号 in row order. */
async function imported(agent: Actor, key: string, n: number) {
  const P = unique("UB");
  const policies = Array.from({ length: n }, (_, i) => `${P}-${i}`);
  const { view } = await importFile(agent, key, await xlsxFile(policies.map((p, i) => seedRow(p, { 0: `客户${i}`, 1: residentId("19800101", (i % 900) + 1) }))));
  const docs = await RecordModel.find({ templateKey: key, deletedAt: null }).lean();
  const byPolicy = new Map(docs.map((d) => [(d.data as { policy: { policyNo: string } }).policy.policyNo, d]));
  return { importId: view.id, policies, records: policies.map((p) => byPolicy.get(p)!) };
}

/** A colleague adds to a record after the import (its revision moves on). */
async function editedSince(actor: Actor, key: string, doc: { _id: unknown; revision: number; data: unknown }) {
  const data = { ...(doc.data as object), communications: [{ date: "2024-05-01", method: "电话", content: "导入后补充的回访" }] };
  await updateRecord({ actor, templateKey: key, recordId: String(doc._id), input: data, expectedRevision: doc.revision });
}

/** The undo's job set up as undoImport does, not started: the test runs it (in another process, or here). */
async function stagedUndo(agent: Actor, key: string, importId: string) {
  await ImportModel.updateOne({ _id: importId }, { $set: { undoJobId: jobId(UNDO_KIND, importId) } });
  await createJob({ kind: UNDO_KIND, id: importId, templateKey: key, params: { importId, templateKey: key, locale: "zh" }, total: 0, createdBy: agent });
  return jobId(UNDO_KIND, importId);
}

/** An import of 250 new records, the 151st edited by a colleague since, its undo staged. */
async function stagedUndoOf250() {
  const { admin, agent, key } = await importSetup(cleanup);
  const { importId, records } = await imported(agent, key, 250);
  await editedSince(admin, key, records[150]);
  return { importId, ids: records.map((r) => String(r._id)), id: await stagedUndo(agent, key, importId) };
}

/** Runs the undo job in a process of its own that kills itself where `env` says (support/run-undo-child.ts); its end signal. */
async function runUndoChild(id: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/integration/support/run-undo-child.ts"], {
    env: { ...process.env, UNDO_JOB: id, ...env },
    stdio: "inherit",
  });
  return new Promise((resolve) => child.on("exit", (_code, sig) => resolve(sig)));
}

/** How the records ended: live ids, the undo's delete events per record, and the revision claims left. */
async function outcome(importId: string, ids: string[]) {
  const live = (await RecordModel.find({ _id: { $in: ids }, deletedAt: null }, { _id: 1 }).lean()).map((d) => String(d._id));
  const events = await AuditEventModel.find({ entityId: { $in: ids }, action: "record.delete" }, { entityId: 1, meta: 1 }).lean();
  const undoEvents = events.filter((e) => (e.meta as { undoOfImport?: string } | undefined)?.undoOfImport === importId);
  const perRecord = new Map<string, number>();
  for (const e of undoEvents) perRecord.set(e.entityId, (perRecord.get(e.entityId) ?? 0) + 1);
  const claims = await RevisionClaimModel.countDocuments({ entityId: { $in: ids } });
  return { live: live.sort(), undoEvents: undoEvents.length, twice: [...perRecord.values()].filter((n) => n > 1).length, claims };
}

describe("undoing a large import in batches", () => {
  it("leaves records edited since alone wherever they are in a batch, counts one put in the bin by hand, releases the others' unique values, one event each", async () => {
    const { admin, agent, key } = await importSetup(cleanup);
    const { importId, policies, records } = await imported(agent, key, 150);
    const ids = records.map((r) => String(r._id));
    // Edited since: in the middle of the first batch of 100, the first of the second, and its last.
    const edited = [10, 100, 149];
    for (const i of edited) await editedSince(admin, key, records[i]);
    // Put in the bin by hand since: counted as in the bin, not moved again.
    await deleteRecord({ actor: agent, templateKey: key, recordId: ids[30], expectedRevision: 1 });

    await undoImport({ actor: agent, templateKey: key, id: importId });
    const undone = await importEnded(agent, key, importId, "undo");
    expect(undone.undo).toMatchObject({ trashed: 147, kept: 3 });
    expect([...undone.undo!.keptIds!].sort()).toEqual(edited.map((i) => ids[i]).sort());
    expect(undone.undo!.progress).toMatchObject({ status: "done", done: 150, total: 150 });
    const end = await outcome(importId, ids);
    expect(end).toEqual({ live: edited.map((i) => ids[i]).sort(), undoEvents: 146, twice: 0, claims: 0 });
    // The edited records keep the colleague's work; the one deleted by hand keeps its own one delete.
    for (const i of edited) expect((await RecordModel.findById(ids[i]).lean())!.data).toMatchObject({ communications: [{ content: "导入后补充的回访" }] });
    expect(await AuditEventModel.countDocuments({ entityId: ids[30], action: "record.delete" })).toBe(1);
    // Every record in the bin was moved by one write: its revision one on, its event that write's.
    const trashed = await RecordModel.find({ _id: { $in: ids }, deletedAt: { $ne: null } }, { revision: 1, lastAudit: 1, deletedBy: 1 }).lean();
    expect(trashed.map((r) => r.revision)).toEqual(trashed.map(() => 2));
    // The 保单号 of the records in the bin are free again; those of the kept ones are not.
    const held = new Set((await UniqueClaimModel.find({ _id: { $in: policies.map((p) => `${key}|policy.policyNo|${p}`) } }).lean()).map((c) => String(c._id).split("|")[2]));
    expect([...held].sort()).toEqual(edited.map((i) => policies[i]).sort());
    const again = await createRecord({ actor: agent, templateKey: key, input: customerData({ basic: { name: "新客户", idNumber: residentId("19900101", 21) }, policy: { policyNo: policies[0], sumInsured: 100000 } }) });
    expect(again.id).toBeTruthy();
  }, 180_000);

  it("a server killed after a batch's records are in the bin and before their events: the resumed undo counts each once, one event each, leaves the edited record", async () => {
    const { importId, ids, id } = await stagedUndoOf250();
    // Killed when the events of records past the first 100 are about to be stored: in the second batch.
    expect(await runUndoChild(id, { UNDO_KILL_AFTER: "100" })).toBe("SIGKILL");
    const killed = await JobModel.findById(id).lean();
    expect(killed!.progress!.done).toBe(100);
    // Its records are in the bin, their events not stored: what the kill left.
    const left = await outcome(importId, ids);
    expect(left.undoEvents).toBe(100);
    // In batches: the second batch's 99 records (all but the edited one) were written before its events' one insert.
    expect(left.live.length).toBe(250 - 100 - 99);

    // The restarted server first stores the events writes left behind (startRecordEventRecovery,
    // before the jobs resume), then resumes the job.
    await recoverRecordEvents();
    const done = await runJob(undoJob, id);
    expect(done!.status).toBe("done");
    expect(done!.state as UndoJobState).toMatchObject({ trashed: 249, reverted: 0, kept: 1, keptIds: [ids[150]] });
    expect(done!.progress).toMatchObject({ done: 250, total: 250 });
    const end = await outcome(importId, ids);
    expect({ ...end, claims: undefined }).toEqual({ live: [ids[150]], undoEvents: 249, twice: 0, claims: undefined });
    // A later recovery finds nothing missing, and no claim is left.
    expect(await recoverRecordEvents()).toBe(0);
    expect((await outcome(importId, ids)).claims).toBe(0);
  }, 240_000);

  it("a server killed in the middle of a batch's writes: the resumed undo (right away, within the claims' lease) moves the rest to the bin, keeps only the edited record", async () => {
    const { importId, ids, id } = await stagedUndoOf250();
    // Killed as it sends the 150th record write: the second batch's claims taken, 49 of its records in the bin.
    expect(await runUndoChild(id, { UNDO_KILL_AT_WRITE: "150" })).toBe("SIGKILL");
    expect((await outcome(importId, ids)).live).toHaveLength(250 - 149);

    await recoverRecordEvents();
    const done = await runJob(undoJob, id);
    expect(done!.status).toBe("done");
    expect(done!.state as UndoJobState).toMatchObject({ trashed: 249, reverted: 0, kept: 1, keptIds: [ids[150]] });
    const end = await outcome(importId, ids);
    expect(end).toEqual({ live: [ids[150]], undoEvents: 249, twice: 0, claims: 0 });
  }, 240_000);
});
