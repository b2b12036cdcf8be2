/**
 * A policy whose record is in the recycle bin (tester round 6): its 保单号 was released on delete, so
 * an import makes a new record — as the form would — but says so on the row, in the check and the
 * run, instead of creating it silently (restoring the old record afterwards is refused).
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel } from "@/lib/db/models/record";
import { startImport } from "@/lib/imports/start-import";
import { updateImport } from "@/lib/imports/update-import";
import { createRecord } from "@/lib/records/create-record";
import { deleteRecord } from "@/lib/records/delete-record";
import { seedRow, upload, xlsxFile, SEED_CONSTANTS, SEED_HEADER } from "./support/import-files";
import { importEnded } from "./support/import-jobs";
import { Cleanup, cloneArchive, customerData, makeActor, residentId, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

describe("import of a key held by a record in the recycle bin", () => {
  it("creates the record and names the deleted one on the row, in the check, the run and its audit event", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const gone = unique("TR");
    const fresh = unique("TR");
    const made = await createRecord({ actor: admin, templateKey: key, input: customerData({ basic: { name: "李四", idNumber: residentId("19800101", 3) }, policy: { policyNo: gone } }) });
    const deleted = await deleteRecord({ actor: admin, templateKey: key, recordId: made.id, expectedRevision: made.revision });
    expect(deleted.id).toBe(made.id);

    const view = await upload(admin, key, await xlsxFile([seedRow(fresh), seedRow(gone), SEED_HEADER]));
    await updateImport({ actor: admin, templateKey: key, id: view.id, input: { keyField: "policy.policyNo", mode: "upsert", ...SEED_CONSTANTS } });
    await startImport({ actor: admin, templateKey: key, id: view.id, phase: "check" });
    const checked = (await importEnded(admin, key, view.id, "check")).check!;
    expect(checked.rows).toEqual({ create: 2 });
    const note = new RegExp(`^回收站中有一条「保单号」为 ${gone} 的记录（.* \\d{4}-\\d{2}-\\d{2} 删除）：本行将新建一条记录`);
    expect(checked.notices).toBe(1);
    expect(checked.noticeRows).toHaveLength(1);
    expect(checked.noticeRows![0].row).toBe(3);
    expect(checked.noticeRows![0].reason).toMatch(note);

    await startImport({ actor: admin, templateKey: key, id: view.id, phase: "run" });
    const ran = (await importEnded(admin, key, view.id, "run")).run!;
    expect(ran.records).toMatchObject({ created: 2 });
    expect(ran.noticeRows?.map((n) => n.row)).toEqual([3]);
    expect(await RecordModel.countDocuments({ templateKey: key, "data.policy.policyNo": gone })).toBe(2);
    // The import's own audit event counts what it said besides the verdicts: the note, and the repeated header it skipped.
    const event = await AuditEventModel.findById(`import:${view.id}:run`).lean();
    expect(event?.meta).toMatchObject({ records: { created: 2 }, notices: 1, skipped: 1 });
  });
});

describe("import of a key differing from another only in case", () => {
  it("creates the record and says which row or stored record it differs from only in case", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const stored = unique("CASE").toUpperCase();
    const fresh = unique("case").toLowerCase();
    await createRecord({ actor: admin, templateKey: key, input: customerData({ basic: { name: "李四", idNumber: residentId("19800101", 3) }, policy: { policyNo: stored } }) });
    const view = await upload(admin, key, await xlsxFile([seedRow(stored.toLowerCase()), seedRow(fresh), seedRow(fresh.toUpperCase())]));
    await updateImport({ actor: admin, templateKey: key, id: view.id, input: { keyField: "policy.policyNo", mode: "upsert", ...SEED_CONSTANTS } });
    await startImport({ actor: admin, templateKey: key, id: view.id, phase: "check" });
    const checked = (await importEnded(admin, key, view.id, "check")).check!;
    // Before: three 新增 without a word (tester round 7, P1-3: 李四 got a second record for pa2023002).
    expect(checked.rows).toEqual({ create: 3 });
    expect(checked.noticeRows).toEqual([
      { row: 2, reason: `「保单号」${stored.toLowerCase()} 与已有记录的 ${stored} 只有大小写不同：作为另一条记录导入；如是同一个，请改成一致` },
      { row: 4, reason: `「保单号」${fresh.toUpperCase()} 与第 3 行的 ${fresh} 只有大小写不同：作为另一条记录导入；如是同一个，请改成一致` },
    ]);
  });
});
