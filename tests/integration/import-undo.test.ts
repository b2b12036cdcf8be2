import { createReadStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel } from "@/lib/db/models/record";
import { createImport } from "@/lib/imports/create-import";
import { getImport } from "@/lib/imports/load-import";
import { startImport } from "@/lib/imports/start-import";
import { undoImport } from "@/lib/imports/undo-import";
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
