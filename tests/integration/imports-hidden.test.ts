/**
 * Data that goes in or stays out without a word (fresh-eyes round, P2-8 and the seed's 后续跟进):
 * rows and a column hidden in Excel are imported like any other — and said; a column nobody maps
 * that holds something beside a customer's data is not imported — and said, once per column. The
 * verdicts and the records are what they are without those notes.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditEventModel } from "@/lib/db/models/audit-event";
import { RecordModel } from "@/lib/db/models/record";
import { startImport } from "@/lib/imports/start-import";
import { updateImport } from "@/lib/imports/update-import";
import { SEED_HEADER, seedRow, storedPolicy, textFile, upload, xlsxFile, SEED_CONSTANTS } from "./support/import-files";
import { importEnded } from "./support/import-jobs";
import { Cleanup, cloneArchive, makeActor, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

describe("import of a sheet with hidden rows, a hidden mapped column and an unmapped column with content", () => {
  it("checks and imports every row as usual, and says what is hidden and what stays out, in the check, the run and its audit event", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const policies = Array.from({ length: 6 }, () => unique("HID"));
    // Sheet rows 2–7; 后续跟进 (column 20) filled on rows 3 and 6; rows 3, 5, 6 hidden by a filter; 保险金额 (G) hidden.
    const file = await xlsxFile(
      policies.map((p, i) => seedRow(p, i === 1 || i === 4 ? { 19: "下周回访" } : {})),
      undefined,
      (ws) => {
        for (const n of [3, 5, 6]) ws.getRow(n).hidden = true;
        ws.getColumn(7).hidden = true;
        ws.autoFilter = "A1:T7";
      },
    );
    const view = await upload(admin, key, file);
    expect(view.mapping[19]).toBeNull();
    // The mapping step knows which column Excel hides (it marks it there), before any check.
    expect(view.hiddenColumns).toEqual([6]);
    await updateImport({ actor: admin, templateKey: key, id: view.id, input: { keyField: "policy.policyNo", mode: "upsert", ...SEED_CONSTANTS } });
    await startImport({ actor: admin, templateKey: key, id: view.id, phase: "check" });
    const checked = (await importEnded(admin, key, view.id, "check")).check!;
    expect(checked.rows).toEqual({ create: 6 });
    const notes = { hiddenRows: { count: 3, ranges: [{ from: 3, to: 3 }, { from: 5, to: 6 }] }, filtered: true, hiddenColumns: [{ column: 6, rows: 6 }], unmapped: [{ column: 19, rows: 2 }] };
    expect(checked.sheetNotes).toEqual(notes);

    await startImport({ actor: admin, templateKey: key, id: view.id, phase: "run" });
    const ran = (await importEnded(admin, key, view.id, "run")).run!;
    expect(ran.records).toMatchObject({ created: 6 });
    expect(ran.sheetNotes).toEqual(notes);
    expect(await RecordModel.countDocuments({ templateKey: key, "data.policy.policyNo": { $in: policies } })).toBe(6);
    // The hidden row and the hidden column went in as they are.
    expect((await storedPolicy(key, policies[1]))?.policy).toMatchObject({ policyNo: policies[1], sumInsured: 500000 });
    const event = await AuditEventModel.findById(`import:${view.id}:run`).lean();
    expect(event?.meta).toMatchObject({ records: { created: 6 }, hiddenRows: 3, hiddenColumns: 1, unmappedColumns: 1 });
  });

  it("a sheet with nothing hidden and every column with content mapped has no such notes", async () => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const view = await upload(admin, key, await xlsxFile([seedRow(unique("VIS")), seedRow(unique("VIS"))]));
    expect(view.hiddenColumns).toEqual([]);
    await updateImport({ actor: admin, templateKey: key, id: view.id, input: { keyField: "policy.policyNo", mode: "upsert", ...SEED_CONSTANTS } });
    await startImport({ actor: admin, templateKey: key, id: view.id, phase: "check" });
    const checked = (await importEnded(admin, key, view.id, "check")).check!;
    expect(checked.rows).toEqual({ create: 2 });
    expect(checked.sheetNotes).toBeUndefined();
  });
});

describe("content to the right of the header's last titled column (cells under no title)", () => {
  const check = async (file: string) => {
    const admin = await makeActor("admin", cleanup);
    const key = await cloneArchive(admin, cleanup);
    const view = await upload(admin, key, file);
    await updateImport({ actor: admin, templateKey: key, id: view.id, input: { keyField: "policy.policyNo", mode: "upsert", ...SEED_CONSTANTS } });
    await startImport({ actor: admin, templateKey: key, id: view.id, phase: "check" });
    return (await importEnded(admin, key, view.id, "check")).check!;
  };

  it(".xlsx: is said per column letter with how many data rows have something there (before: cut without a word)", async () => {
    const policies = Array.from({ length: 4 }, () => unique("UNT"));
    // The header ends at T (20 titles); V is filled on rows 2 and 4, X on row 4; row 6 has something in V only (skipped, said as such).
    const rows = [seedRow(policies[0], { 21: "老客户" }), seedRow(policies[1]), seedRow(policies[2], { 21: "转介绍", 23: 42 }), seedRow(policies[3])];
    rows.push(Array.from({ length: 22 }, (_, i) => (i === 21 ? "表外备注" : null)));
    const checked = await check(await xlsxFile(rows));
    expect(checked.rows).toEqual({ create: 4 });
    expect(checked.skipped).toBe(1);
    expect(checked.sheetNotes).toEqual({ untitled: [{ column: 21, rows: 2 }, { column: 23, rows: 1 }] });
  });

  it(".csv: rows with more cells than the header are said the same way", async () => {
    const policies = Array.from({ length: 3 }, () => unique("UNC"));
    const line = (cells: unknown[]) => cells.map((c) => (c === null || c === undefined ? "" : String(c))).join(",");
    const text = [line(SEED_HEADER), line([...seedRow(policies[0]), "多出来的"]), line(seedRow(policies[1])), line([...seedRow(policies[2]), "x", "y"])].join("\r\n");
    const checked = await check(await textFile(text));
    expect(checked.rows).toEqual({ create: 3 });
    expect(checked.sheetNotes).toEqual({ untitled: [{ column: 20, rows: 2 }, { column: 21, rows: 1 }] });
  });
});
