/**
 * Workbooks that count days from 1904 (old Mac Excel; 使用 1904 日期系统): a date cell holds the
 * days since 1904-01-01, not since 1899-12-30 (tester round 8 P0-1/P0-2, files in their notes).
 * Their dates must land on the day the sheet shows, whether the workbook says so as
 * date1904="1" or "true", and whether the date cell kept its date format or lost it (a plain number
 * in a date column). Before: "true" was not understood (every date 4 years and a day early), and a
 * plain number was counted from 1899 in either spelling.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { importFile, importRead, importSetup, patchPart, SEED_CONSTANTS, SEED_HEADER, seedRow, storedPolicy, workbookFile } from "./support/import-files";
import { Cleanup, unique, withSeededTemplates } from "./support/fixtures";

const cleanup = new Cleanup();
beforeAll(async () => {
  await withSeededTemplates();
});
afterEach(() => cleanup.run());

/** 2023-01-05 and 2043-01-04 as a 1904 workbook's day numbers. */
const START_1904 = 43469;
const END_1904 = 50773;

/**
 * A 1904 workbook (as `spelling` says it) with two policies: P-1 whose dates are date cells, P-2
 * whose start and end are plain numbers (the cells lost their format).
 */
async function workbook1904(P: string, spelling: "1" | "true") {
  const file = await workbookFile((ws, wb) => {
    wb.properties.date1904 = true;
    ws.addRow(SEED_HEADER);
    ws.addRow(seedRow(`${P}-1`, { 7: new Date(Date.UTC(2023, 0, 5)), 8: new Date(Date.UTC(2043, 0, 4)), 11: new Date(Date.UTC(2023, 0, 15)) }));
    ws.addRow(seedRow(`${P}-2`, { 7: START_1904, 8: END_1904, 11: new Date(Date.UTC(2023, 0, 15)) }));
    for (const col of [8, 9, 12]) ws.getColumn(col).numFmt = "yyyy-mm-dd";
    // Row 3's start and end: plain numbers, no date format.
    ws.getCell("H3").numFmt = "General";
    ws.getCell("I3").numFmt = "General";
  });
  await patchPart(file, "xl/workbook.xml", (xml) => {
    const out = xml.replace(/date1904="[^"]*"/, `date1904="${spelling}"`);
    expect(out).toMatch(new RegExp(`date1904="${spelling}"`));
    return out;
  });
  return file;
}

describe("a workbook that counts days from 1904", () => {
  for (const spelling of ["1", "true"] as const) {
    it(`date1904="${spelling}": date cells and plain day numbers in date columns land on the days the sheet shows`, async () => {
      const { agent, key } = await importSetup(cleanup);
      const P = unique(`D${spelling}`);
      const r = await importRead(agent, key, await workbook1904(P, spelling), true);
      expect(r.check.rows).toEqual({ create: 2 });
      for (const n of [1, 2]) {
        const data = await storedPolicy(key, `${P}-${n}`);
        // Before: 2019-01-04 / 2039-01-03 ("true" for both rows; "1" for the plain numbers of row 2).
        expect(data?.policy).toMatchObject({ startDate: "2023-01-05", endDate: "2043-01-04" });
        expect((data?.payments as unknown as { date: string }[])[0].date).toBe("2023-01-15");
      }
    });
  }

  it("a workbook of the 1900 count reads the same day numbers as before (43469 is 2019-01-04 there)", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("D1900");
    const file = await workbookFile((ws) => {
      ws.addRow(SEED_HEADER);
      ws.addRow(seedRow(`${P}-1`, { 7: START_1904, 8: END_1904 }));
    });
    const r = await importRead(agent, key, file, true);
    expect(r.check.rows).toEqual({ create: 1 });
    expect((await storedPolicy(key, `${P}-1`))?.policy).toMatchObject({ startDate: "2019-01-04", endDate: "2039-01-03" });
  });
});


describe("a 1904 workbook's rows sent back", () => {
  it("the error sheet and the mapping step's sample write digits typed into a date cell as typed (before: 1,462 too high)", async () => {
    const { agent, key } = await importSetup(cleanup);
    const P = unique("D1904E");
    // 保险起始日期 typed as 20230105 into a date cell (Excel shows ########); the row is refused for its phone.
    const file = await workbookFile((ws, wb) => {
      wb.properties.date1904 = true;
      ws.addRow(SEED_HEADER);
      ws.addRow(seedRow(`${P}-1`, { 2: "12345", 7: 20230105 }));
      ws.getCell("H2").numFmt = "yyyy-mm-dd";
    });
    const r = await importFile(agent, key, file, SEED_CONSTANTS, false);
    expect(r.view.sample[0][7]).toBe("20230105");
    expect(r.check.rows).toEqual({ reject: 1 });
    // Read right (the import takes 2023-01-05), and written back as typed.
    expect(r.check.kept[0].reason).not.toMatch(/保险起始日期/);
    expect(r.check.kept[0].cells[7]).toBe("20230105");
  });
});
