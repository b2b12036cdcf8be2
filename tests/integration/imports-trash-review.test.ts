/**
 * Review of 5a5cada (a new record whose key a record in the recycle bin holds): the notice is
 * computed without the importer's data scope or role. Fails on 8100936.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRecord } from "@/lib/records/create-record";
import { deleteRecord } from "@/lib/records/delete-record";
import { importFile, seedRow, xlsxFile } from "./support/import-files";
import { importEnded } from "./support/import-jobs";
import { Cleanup, cloneArchive, customerData, makeActor, residentId, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

describe("review: the recycle-bin notice for an importer who cannot see the recycle bin", () => {
  it("does not tell an agent who deleted another agent's customer and when, nor to restore it from a recycle bin the agent cannot open", async () => {
    const admin = await makeActor("admin", cleanup);
    const other = await makeActor("agent", cleanup);
    const agent = await makeActor("agent", cleanup);
    const key = await cloneArchive(admin, cleanup);
    // Another agent's customer (outside the importing agent's own-records scope), deleted by an admin.
    const gone = unique("TS");
    const made = await createRecord({ actor: other, templateKey: key, input: customerData({ basic: { name: "李四", idNumber: residentId("19800101", 3) }, policy: { policyNo: gone } }) });
    await deleteRecord({ actor: { ...admin, name: "回收站管理员" }, templateKey: key, recordId: made.id, expectedRevision: made.revision });

    const r = await importFile(agent, key, await xlsxFile([seedRow(gone)]), undefined, false);
    expect(r.check.rows).toEqual({ create: 1 });
    const checked = (await importEnded(agent, key, r.view.id, "check")).check!;
    const said = checked.noticeRows?.map((n) => n.reason).join("\n") ?? "";
    // 8100936: "回收站中有一条「保单号」为 TS… 的记录（回收站管理员 2026-… 删除）：本行将新建一条记录，回收站中的那条之后
    // 不能再恢复；若要保留它，请先在回收站恢复，再导入即为更新" — to an agent, who has no record.restore and whose
    // recycle bin does not list the record (recordsFilter "openable" is live-only without record.restore).
    expect(said).not.toMatch(/回收站管理员/);
    expect(said).not.toMatch(/请先在回收站恢复/);
  });
});
