/**
 * How an uploaded spreadsheet is read, end to end (continued): formulas whose saved result is 0,
 * sheets whose cells carry no references, headers repeated down the sheet and rows that hold only
 * a note — each said, none lost without a word.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/roles";
import { startImport } from "@/lib/imports/start-import";
import { updateImport } from "@/lib/imports/update-import";
import { importRead, importSetup, patchPart, SEED_CONSTANTS, SEED_HEADER, seedRow, storedPolicy, upload, xlsxFile } from "./support/import-files";
import { importEnded } from "./support/import-jobs";
import { Cleanup, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

const setup = () => importSetup(cleanup);
/** Upload → settings → check: the check as the import page shows it (verdicts, skipped rows, progress). */
async function checked(actor: Actor, key: string, file: string) {
  const view = await upload(actor, key, file);
  await updateImport({ actor, templateKey: key, id: view.id, input: SEED_CONSTANTS });
  await startImport({ actor, templateKey: key, id: view.id, phase: "check" });
  const job = (await importEnded(actor, key, view.id, "check")).check!;
  return { rows: job.rows, skipped: job.skipped, skippedRows: job.skippedRows, progress: [job.progress.status, job.progress.done, job.progress.total] };
}
const amounts = (data: Record<string, Record<string, unknown>> | undefined) => (data?.payments as unknown as { amount?: number }[] | undefined)?.map((p) => p.amount);

/** Replaces the number a cell holds (written by exceljs as `<c r="K2" …><v>n</v></c>`) by a formula with the saved result given. */
const withFormula = (xml: string, ref: string, marker: number, formula: string, result: string) => {
  const out = xml.replace(new RegExp(`<c r="${ref}"([^>]*)><v>${marker}</v></c>`), `<c r="${ref}"$1><f>${formula}</f><v>${result}</v></c>`);
  expect(out).not.toBe(xml);
  return out;
};

describe("formulas whose saved result is 0", () => {
  it("reads 缴费金额 =B2*0 as 0, not blank; a table's cells of nothing but a formula's 0 make no table row; a record's later row with a formula's 0 in a record column still continues it; formulas filled down past the data make no rows", async () => {
    const { agent, key } = await setup();
    const P = unique("F");
    const later = seedRow("", { 0: null, 1: null, 2: null, 3: null, 4: null, 5: null, 6: 700001, 7: null, 8: null, 9: null, 10: 8000, 11: "2024-01-15" });
    // 理赔金额 =IFERROR(…,0) on every row: a customer without claims has no claim row of a 0.
    const file = await xlsxFile([seedRow(`${P}-1`, { 10: 700000, 14: 700003 }), seedRow(`${P}-2`), later, [null, null, null, null, null, null, null, null, null, null, 700002]]);
    await patchPart(file, "xl/worksheets/sheet1.xml", (xml) =>
      withFormula(withFormula(withFormula(withFormula(xml, "K2", 700000, "G2*0", "0"), "G4", 700001, "E4*0", "0"), "K5", 700002, "G5*0", "0"), "O2", 700003, "IFERROR(1/0,0)", "0"),
    );
    const r = await importRead(agent, key, file, true);
    expect(r.check.kept).toEqual([]);
    expect(r.run?.rows).toEqual({ create: 3 });
    const first = await storedPolicy(key, `${P}-1`);
    expect([amounts(first), first?.claims]).toEqual([[0], undefined]);
    const second = await storedPolicy(key, `${P}-2`);
    expect(amounts(second)).toEqual([12000, 8000]);
    expect(second?.policy.sumInsured).toBe(500000);
  });
});

describe("a sheet whose rows and cells carry no references", () => {
  it("is read by position, as Excel opens it (<row><c><v>…</v></c>, as some libraries write it), not refused as damaged", async () => {
    const { agent, key } = await setup();
    const P = unique("R");
    const file = await xlsxFile([seedRow(`${P}-1`), seedRow(`${P}-2`, { 0: "李四", 6: 300000 })]);
    await patchPart(file, "xl/worksheets/sheet1.xml", (xml) => {
      const out = xml.replace(/(<(?:row|c)\b[^>]*?)\sr="[^"]*"/g, "$1");
      expect(out).not.toMatch(/<(?:row|c)\s[^>]*\br="/);
      return out;
    });
    const r = await importRead(agent, key, file, true);
    expect(r.check.kept).toEqual([]);
    expect(r.run?.rows).toEqual({ create: 2 });
    const second = await storedPolicy(key, `${P}-2`);
    expect([second?.basic.name, second?.policy.policyNo, second?.policy.sumInsured]).toEqual(["李四", `${P}-2`, 300000]);
  });
});

describe("rows that are no data", () => {
  it("skips a header repeated in the same order (sheets pasted from several exports) and says so, naming its row — not refused, not dropped without a word", async () => {
    const { agent, key } = await setup();
    const P = unique("H");
    const file = await xlsxFile([seedRow(`${P}-1`), SEED_HEADER, seedRow(`${P}-2`), seedRow(`${P}-3`)]);
    expect(await checked(agent, key, file)).toEqual({
      rows: { create: 3 },
      skipped: 1,
      skippedRows: [{ row: 3, reason: "第 3 行是重复的表头，已跳过" }],
      progress: ["done", 4, 4],
    });
  });

  it("counts a row holding only a note (in a column nobody maps, or past the header) in the progress and says it was skipped, so that the progress, the verdicts and the skipped rows add up to the rows shown", async () => {
    const { agent, key } = await setup();
    const P = unique("N");
    const note = Array<unknown>(SEED_HEADER.length).fill(null);
    note[19] = "以上为 2024 年的数据";
    const outside = [...Array<unknown>(SEED_HEADER.length + 1).fill(null), "制表人：王五"];
    const file = await xlsxFile([seedRow(`${P}-1`), seedRow(`${P}-2`), [], note, outside]);
    const r = await checked(agent, key, file);
    expect(r).toEqual({
      rows: { create: 2 },
      skipped: 2,
      skippedRows: [
        { row: 5, reason: "第 5 行只在不导入的列（「后续跟进」）中有内容，已跳过" },
        { row: 6, reason: "第 6 行只在表头以外的列中有内容，已跳过" },
      ],
      progress: ["done", 4, 4],
    });
  });
});

describe("negative amounts", () => {
  it("reads -￥500 (the sign before the currency mark) and an accountant's (1,000) as negatives, refused by the template's minimum, not as no number (round 8, P2-2; round 8's leftovers)", async () => {
    const { agent, key } = await setup();
    const P = unique("NG");
    const file = await xlsxFile([seedRow(`${P}-1`, { 6: "-￥500" }), seedRow(`${P}-2`, { 6: "－500元" }), seedRow(`${P}-3`, { 10: "(1,000)" }), seedRow(`${P}-4`, { 6: "￥500,000" })]);
    const r = await importRead(agent, key, file, false);
    expect(r.check.rows).toEqual({ create: 1, reject: 3 });
    // Before the fix: row 2 said 保险金额必须是数字 — it is a number; its sign is the fault.
    expect(r.check.kept).toEqual([
      { row: 2, reason: "保险金额不能小于 0" },
      { row: 3, reason: "保险金额不能小于 0" },
      // Before: 缴费金额必须是数字.
      { row: 4, reason: "缴费金额不能小于 0" },
    ]);
  });
});
