import { describe, expect, it } from "vitest";
import { DateCells, isoDateValue } from "./exceljs-date-cells";

async function rewritten(pieces: string[]) {
  const table = new DateCells();
  let out = "";
  for await (const text of table.rewrite((async function* () {
    yield* pieces;
  })()))
    out += text;
  return { out, table };
}

describe("a date cell stored as ISO 8601 text (t=\"d\", as SheetJS and openpyxl write) (tester round 6, P3)", () => {
  it("becomes a shared-string cell whose value is the date itself, even cut across chunks", async () => {
    // Before the fix exceljs read the text with parseFloat: the number 2023.
    const xml = '<row r="2"><c r="A2" s="3" t="d"><v>2023-01-05T00:00:00.000</v></c><c r="B2"><v>7</v></c><c r="C2" t="d"><f>TODAY()</f><v>2024-03-05T15:30:00</v></c></row>';
    for (const cut of [xml.length, 40, 55, 130]) {
      const { out, table } = await rewritten([xml.slice(0, cut), xml.slice(cut)].filter(Boolean));
      const refs = [...out.matchAll(/<c r="([A-Z]+2)"([^>]*)><v>(\d+)<\/v><\/c>/g)].map((m) => [m[1], m[2], Number(m[3])] as const);
      expect(refs.map(([r, a]) => [r, a])).toEqual([["A2", ' s="3" t="s"'], ["B2", ""], ["C2", ' t="s"']]);
      expect(table.lookup(refs[0][2])).toEqual(new Date(Date.UTC(2023, 0, 5)));
      expect(table.lookup(refs[2][2])).toEqual(new Date(Date.UTC(2024, 2, 5, 15, 30)));
      // Each taken once; numbers below the table's are not its own.
      expect(table.lookup(refs[0][2])).toBeUndefined();
      expect(table.lookup(7)).toBeUndefined();
    }
  });

  it("keeps text that is no date as text, and a cell without a value as it is", async () => {
    const { out, table } = await rewritten(['<c r="A2" t="d"><v>2023-02-30</v></c><c r="B2" t="d"/><c r="C2" t="d"><f>NOW()</f></c>']);
    const n = Number(/<v>(\d+)<\/v>/.exec(out)![1]);
    expect(table.lookup(n)).toBe("2023-02-30");
    expect(out).toContain('<c r="B2" t="d"/><c r="C2" t="d"><f>NOW()</f></c>');
  });

  it("reads the ISO forms: a date, a date and time, with a zone (the wall-clock time kept)", () => {
    expect(isoDateValue("2023-01-05")).toEqual(new Date(Date.UTC(2023, 0, 5)));
    expect(isoDateValue("2023-01-05T08:00:00+08:00")).toEqual(new Date(Date.UTC(2023, 0, 5, 8)));
    expect(isoDateValue("2023-01-05T08:00:00.5Z")).toEqual(new Date(Date.UTC(2023, 0, 5, 8, 0, 0, 500)));
    expect(isoDateValue("2023-01-05T24:00:00")).toBeNull();
    expect(isoDateValue("44931")).toBeNull();
  });
});
