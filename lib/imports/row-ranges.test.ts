import { describe, expect, it } from "vitest";
import { dictionaries } from "../i18n/dictionaries";
import { RowRanges, rangesText } from "./row-ranges";

const ZH = { separator: dictionaries.zh.imports.rangeSeparator, more: dictionaries.zh.imports.rangesMore };
const EN = { separator: dictionaries.en.imports.rangeSeparator, more: dictionaries.en.imports.rangesMore };

describe("RowRanges: hidden rows kept as ranges, never one entry per row", () => {
  it("joins rows in file order into ranges and counts every row", () => {
    const r = new RowRanges();
    for (const n of [9, 12, 13, 14, 40, 41]) r.add(n);
    expect(r.toJSON()).toEqual({ count: 6, ranges: [{ from: 9, to: 9 }, { from: 12, to: 14 }, { from: 40, to: 41 }] });
  });

  it("joins rows that come out of order (a joined sheet's rows between the records' sheet's)", () => {
    const r = new RowRanges();
    for (const n of [5, 7, 6, 3, 4]) r.add(n);
    expect(r.toJSON()).toEqual({ count: 5, ranges: [{ from: 3, to: 7 }] });
  });

  it("keeps at most its limit of ranges (the first ones), says there are more, and still counts all", () => {
    const r = new RowRanges(3);
    for (let n = 2; n <= 200_000; n += 2) r.add(n);
    expect(r.toJSON()).toEqual({ count: 99_999 + 1, ranges: [{ from: 2, to: 2 }, { from: 4, to: 4 }, { from: 6, to: 6 }], more: true });
  });

  it("a row added twice counts once", () => {
    const r = new RowRanges();
    for (const n of [3, 3, 4]) r.add(n);
    expect(r.toJSON()).toEqual({ count: 2, ranges: [{ from: 3, to: 4 }] });
  });
});

describe("rangesText", () => {
  it("says ranges the way people read them", () => {
    expect(rangesText({ count: 31, ranges: [{ from: 9, to: 9 }, { from: 12, to: 40 }] }, ZH, [])).toBe("9、12–40");
    expect(rangesText({ count: 31, ranges: [{ from: 9, to: 9 }, { from: 12, to: 40 }] }, EN, [])).toBe("9, 12–40");
    expect(rangesText({ count: 99, ranges: [{ from: 9, to: 9 }], more: true }, ZH, [])).toBe("9 等");
    expect(rangesText({ count: 99, ranges: [{ from: 9, to: 9 }], more: true }, EN, [])).toBe("9, …");
  });

  it("names a joined sheet's rows by their sheet", () => {
    expect(rangesText({ count: 3, ranges: [{ from: 4, to: 4 }, { from: 20_000_002, to: 20_000_003 }] }, ZH, [{ sheet: "缴费记录" }, { sheet: "理赔记录" }])).toBe("4、理赔记录!2–3");
  });
});
