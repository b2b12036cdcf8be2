import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type { OutCell } from "./export-cell";
import { columnLetters, sheetRows } from "./xlsx-rows";

type Style = Partial<ExcelJS.Style>;

/** A workbook as the export writes it: per sheet, a bold header row and data rows, each column with one style; `fast` writes the data rows through sheetRows, else through exceljs's rows. */
async function workbook(sheets: { styles: Style[]; rows: OutCell[][] }[], fast: boolean): Promise<Record<string, string>> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  // docProps/core.xml holds the workbook's times: the two workbooks compared, made a second apart, differed there.
  wb.created = wb.modified = new Date(Date.UTC(2024, 0, 1));
  for (const [n, sheet] of sheets.entries()) {
    const ws = wb.addWorksheet(`表${n}`, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = sheet.styles.map((style) => ({ width: 12, style }));
    const header = ws.addRow(sheet.styles.map((_, i) => `列${i}`));
    header.font = { bold: true };
    header.commit();
    const fastRows = fast ? sheetRows(wb, ws, sheet.styles, 2) : null;
    const add = fastRows
      ? fastRows.add
      : (cells: OutCell[]) => {
          const row = ws.addRow(cells);
          for (let i = 0; i < sheet.styles.length; i++) row.getCell(i + 1).style = sheet.styles[i];
          row.commit();
        };
    for (const row of sheet.rows) add(row);
    fastRows?.flush();
    ws.commit();
  }
  await wb.commit();
  const zip = await JSZip.loadAsync(Buffer.concat(chunks));
  const files: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) files[name] = await zip.files[name].async("string");
  return files;
}

const date = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe("sheetRows", () => {
  it("writes the same workbook as exceljs's rows, byte for byte", async () => {
    const plain: Style = {};
    const day: Style = { numFmt: "yyyy-mm-dd" };
    const text = ["张三", "<&>\"'", "a\u0001b\u0008c\u000bd\u001fe\u007ff", "tab\tline\nreturn\r", "'=1+1", "🙂 𠀀 e\u0301", " spaces ", "x".repeat(3000), "\u0000"];
    const numbers = [0, -0, 1, -1, 12.5, 0.1 + 0.2, 1e21, 1e-7, -5e-324, 123456789012345, 2 ** 53 + 2];
    const dates = [date(2024, 1, 5), date(1999, 12, 31), date(1900, 3, 1), date(1960, 6, 15), date(2099, 12, 31)];
    const wide = Array.from({ length: 30 }, (_, i) => (i % 5 === 3 ? day : plain));
    const rows: OutCell[][] = [];
    for (let r = 0; r < 60; r++)
      rows.push(
        wide.map((style, c): OutCell => {
          const k = (r * 7 + c * 3) % 11;
          if (k === 0) return null;
          if (style === day) return k < 6 ? dates[k % dates.length] : k < 8 ? text[k % text.length] : numbers[k % numbers.length];
          return k < 6 ? text[(r + c) % text.length] : numbers[(r + c) % numbers.length];
        }),
      );
    rows.push(wide.map(() => null)); // a row of blanks: exceljs leaves it out
    rows.push([null, "after the blank row"]); // fewer cells than columns
    const sheets = [
      { styles: wide, rows },
      { styles: [plain, day, plain], rows: [["key", date(2024, 2, 29), 3], ["key", null, null], [null, "2024-13-01", -2.5]] },
    ];
    const [theirs, ours] = await Promise.all([workbook(sheets, false), workbook(sheets, true)]);
    expect(theirs["docProps/core.xml"]).toContain("2024-01-01T00:00:00");
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    for (const name of Object.keys(theirs)) expect(ours[name], name).toBe(theirs[name]);
    // The comparison covers what it should: escapes, dropped control characters, dates, wide columns.
    const sheet = theirs["xl/worksheets/sheet1.xml"];
    for (const part of ["&lt;&amp;&gt;&quot;&apos;", "abcdef", '<v>45296</v>', 'r="AD', "<v>1e+21</v>", 't="str"'])
      expect(sheet).toContain(part);
    expect(sheet).not.toContain('<row r="62"'); // the row of blanks
    expect(sheet).toContain('<row r="63"');
  });

  it("names columns as spreadsheets do", () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnLetters)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]);
  });
});
