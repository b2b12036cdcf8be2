import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { CSV_BOM, csvLine } from "./csv-rows";

// The CSV export writes its lines itself (csv-rows.ts) instead of through csv-stringify's stream:
// the bytes must be csv-stringify's with the export's settings, for every kind of cell it writes.
// Told to quote a lone line break too (its default with a record delimiter set does not: see NEEDS_QUOTES).
const settings = { bom: true, record_delimiter: "\r\n", quoted_match: /[\r\n]/ } as const;
const TEXTS = ["", "plain", "张三", "a,b", 'say "hi"', '"', '""', ",", "line\nbreak", "cr\rhere", "crlf\r\nend", "\n", "\r", " lead and trail ", "'=SUM(A1)", "tab\tin", "🙂 emoji", "e\u0301", "\u0000nul", "、", "a".repeat(5000)];
const DATES = [new Date(0), new Date(Date.UTC(2024, 1, 29, 12, 30)), new Date(-86_400_000)];
const NUMBERS = [0, -0, 1, -1, 0.1, 1 / 3, 123456.789, 1e21, 1e-7, -5e-324, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 100, -0.5];

type Cell = string | number | Date | null;

/** The first byte where two outputs differ, with a little context (an assertion on the whole would print megabytes). */
function firstDifference(a: Buffer, b: Buffer): string | null {
  if (a.equals(b)) return null;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `at byte ${i}: ours ${JSON.stringify(a.subarray(Math.max(0, i - 20), i + 20).toString("utf8"))}, csv-stringify ${JSON.stringify(b.subarray(Math.max(0, i - 20), i + 20).toString("utf8"))}`;
}

function ours(records: Cell[][]): Buffer {
  return Buffer.from(CSV_BOM + records.map(csvLine).join(""), "utf8");
}
function theirs(records: Cell[][]): Buffer {
  return Buffer.from(stringify(records.map((r) => r.map((v) => (v === null ? "" : v))), settings), "utf8");
}

describe("csvLine", () => {
  it("quotes a text with a line break of any kind, so that a spreadsheet reads one record", () => {
    // Before: 第一行\n第二行 went out unquoted, and Excel read two records.
    expect(csvLine(["张三", "第一行\n第二行", "回车\r行"])).toBe('张三,"第一行\n第二行","回车\r行"\r\n');
  });

  it("writes csv-stringify's bytes for every kind of cell", () => {
    const records: Cell[][] = [TEXTS, NUMBERS, DATES, [null, null, null], [null, "x", null, 0, ""], ...TEXTS.map((t, i) => [t, NUMBERS[i % NUMBERS.length], null, t + t, DATES[i % DATES.length]])];
    expect(firstDifference(ours(records), theirs(records))).toBeNull();
  });

  it("writes csv-stringify's bytes for random records of those cells", () => {
    let seed = 12345;
    const r = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const cells: Cell[] = [...TEXTS, ...NUMBERS, ...DATES, null];
    const records = Array.from({ length: 500 }, () => Array.from({ length: 1 + Math.floor(r() * 12) }, () => cells[Math.floor(r() * cells.length)]));
    expect(firstDifference(ours(records), theirs(records))).toBeNull();
  });
});
