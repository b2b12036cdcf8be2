import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import archive from "@/schemas/customer-archive.json";
import { listFields } from "../schema/fields";
import type { JsonSchema, UiSchema } from "../schema/types";
import type { TableSource } from "./read-table";
import { scanGroups, type GroupingSettings } from "./scan-groups";
import { importTargets } from "./targets";

const targets = importTargets(listFields(archive.schema as unknown as JsonSchema, archive.uiSchema as UiSchema));
const target = (p: string) => targets.find((t) => t.path === p)!;
const settings: GroupingSettings = { columns: [target("basic.name"), target("policy.policyNo"), target("payments.amount")], keyTarget: target("policy.policyNo"), locale: "zh" };

// Rows of one policy apart (P1 at rows 1 and 4), a table-only row continuing the record above
// (row 3), and a blank line the reader skips.
const CSV = "客户姓名,保单号,缴费金额\n张一,P1,100\n李二,P2,200\n,,300\n\n张一,P1,400\n王三,P3,\n";

async function csv(text: string) {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "scan-")), "a.csv");
  await writeFile(file, text);
  return { path: file, format: "csv" as const, encoding: "utf-8" as never };
}

async function all(scan: Awaited<ReturnType<typeof scanGroups>>) {
  const out: { key: string | null; rows: number[]; totals?: true }[] = [];
  for await (const g of scan.groups) out.push({ key: g.key, rows: g.rows.map((r) => r.row), ...(g.totals ? { totals: true as const } : {}) });
  return out;
}

describe("reading a file's rows into records", () => {
  it("yields each record at its last row, and the same records again from the row ends it found, without a first pass", async () => {
    const source = await csv(CSV);
    const first = await scanGroups(source, settings);
    const records = await all(first);
    expect(records.map((r) => r.key)).toEqual(["P2", "P1", "P3"]);
    expect(records.find((r) => r.key === "P2")!.rows).toHaveLength(2);
    expect(records.find((r) => r.key === "P1")!.rows).toHaveLength(2);
    expect(first.rowEnds.rows).toBe(5);
    const again = await scanGroups(source, settings, 0, first.rowEnds);
    expect(await all(again)).toEqual(records);
    // Resumed after the first record, from the kept row ends.
    expect((await all(await scanGroups(source, settings, 1, first.rowEnds))).map((r) => r.key)).toEqual(["P1", "P3"]);
  });

  it("a sheet whose records' rows lie far apart (sorted by date) is refused at the first pass, naming the oldest record waiting and its late row; within the bound every record is whole", async () => {
    // 4 policies × 3 payments, sorted by payment: every policy open until its third payment.
    const lines = ["客户姓名,保单号,缴费金额"];
    for (let k = 1; k <= 3; k++) for (let p = 1; p <= 4; p++) lines.push(`客户${p},P${p},${k * 100 + p}`);
    const source = await csv(lines.join("\n") + "\n");
    // Before: read whole however many rows waited (a date-sorted sheet of 40,000 policies outgrew the server's heap).
    await expect(scanGroups(source, { ...settings, maxOpenRows: 5 })).rejects.toThrow(
      "同一条记录的行在文件中相隔太远：从第 2 行开始的记录（保单号 P1）到第 10 行还有它的行，读到那里时等待各自记录后面几行的行已超过 5 行，一次读不下。请先在 Excel 中按「保单号」排序（让同一保单号的行挨在一起）后再导入",
    );
    const out: [string | null, unknown[]][] = [];
    for await (const g of (await scanGroups(source, { ...settings, maxOpenRows: 12 })).groups) out.push([g.key, g.rows.map((r) => r.tables.get("payments")?.amount)]);
    expect(out).toEqual([1, 2, 3, 4].map((p) => [`P${p}`, [100 + p, 200 + p, 300 + p]]));
  });

  it("resumed past the first row of a record that ends after the skipped part, yields that record whole, its cells read", async () => {
    const source = await csv(CSV);
    const { rowEnds } = await scanGroups(source, settings);
    // Skipping P2 (sheet rows 3-4) reads P1's first row (row 2) too: before, P1 came out with that row
    // as a placeholder without fields or cells, and judging it threw.
    const out = [];
    for await (const g of (await scanGroups(source, settings, 1, rowEnds)).groups) out.push(g);
    const p1 = out.find((g) => g.key === "P1")!;
    expect(p1.rows.map((r) => [r.row, r.fields.get("basic.name"), r.tables.get("payments")])).toEqual([
      [2, "张一", { amount: 100 }],
      [6, "张一", { amount: 400 }],
    ]);
    expect([...p1.cells.keys()]).toEqual([2, 6]);
    expect(p1.rowsBefore).toBe(2);
  });

  it("refuses row ends that do not fit the file instead of yielding wrong records", async () => {
    const source = await csv(CSV);
    const { rowEnds } = await scanGroups(source, settings);
    const longer = await csv(CSV + "赵四,P4,\n");
    await expect(all(await scanGroups(longer, settings, 0, rowEnds))).rejects.toThrow(/more than the 5 data rows/);
    const shorter = await csv("客户姓名,保单号,缴费金额\n张一,P1,100\n李二,P2,200\n,,300\n张一,P1,400\n");
    await expect(all(await scanGroups(shorter, settings, 0, rowEnds))).rejects.toThrow(/4 data rows, not the 5/);
  });

  it("reads a semicolon file's numbers with the comma as a possible decimal mark: 1,500 is refused as 1.5 or 1500, 12,5 is 12.5", async () => {
    const text = "客户姓名;保单号;缴费金额\n张一;P1;1,500\n李二;P2;12,5\n王三;P3;1.234,56\n";
    const amounts = async (source: TableSource) => {
      const out: unknown[] = [];
      for await (const g of (await scanGroups(source, settings)).groups) out.push(g.rows[0].problems.length ? g.rows[0].problems[0] : g.rows[0].tables.get("payments")?.amount);
      return out;
    };
    // Before: [1500, "12,5" (left for validation to refuse as no number), "1.234,56" (the same)].
    expect(await amounts({ ...(await csv(text)), delimiter: ";" })).toEqual([{ column: 2, message: expect.stringMatching(/^「1,500」是 1.5 还是 1500/) }, 12.5, 1234.56]);
    // A comma-separated file keeps the comma as the thousands separator.
    expect(await amounts({ ...(await csv('客户姓名,保单号,缴费金额\n张一,P1,"1,500"\n')), delimiter: "," })).toEqual([1500]);
  });

  describe("a workbook read with its table sheets (a sheet per table)", () => {
    const joined: GroupingSettings = { columns: [target("policy.policyNo"), target("basic.name"), target("payments.amount")], keyTarget: target("policy.policyNo"), locale: "zh" };
    async function workbook(keys: string[], payments: [string, number][]): Promise<TableSource> {
      const file = path.join(await mkdtemp(path.join(tmpdir(), "scan-")), "a.xlsx");
      const wb = new ExcelJS.Workbook();
      const main = wb.addWorksheet("客户档案");
      main.addRow(["保单号", "客户姓名"]);
      for (const k of keys) main.addRow([k, `客户${k}`]);
      const pay = wb.addWorksheet("缴费记录");
      pay.addRow(["保单号", "缴费金额"]);
      for (const p of payments) pay.addRow(p);
      await wb.xlsx.writeFile(file);
      return { path: file, format: "xlsx", sheet: "客户档案", joins: [{ sheet: "缴费记录", table: "payments", key: 0, width: 2 }], joinKey: 0 };
    }
    const keys = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `P${String(from + i).padStart(4, "0")}`);

    it("one payment row typed late keeps only its own record open: every record gets its rows, none lost or misplaced", async () => {
      const k = keys(8);
      // P0002's payment comes after P0006's.
      const pays: [string, number][] = [[k[0], 1], [k[2], 3], [k[3], 4], [k[4], 5], [k[5], 6], [k[1], 2], [k[6], 7], [k[7], 8]];
      const scan = await scanGroups(await workbook(k, pays), { ...joined, maxOpenRecords: 2 });
      const out: [string | null, unknown[]][] = [];
      for await (const g of scan.groups) out.push([g.key, g.rows.flatMap((r) => (r.tables.get("payments") ? [r.tables.get("payments")!.amount] : []))]);
      expect(out.sort()).toEqual(k.map((key, i) => [key, [i + 1]]));
    });

    it("a table sheet far out of the records' sheet's order is refused at the first pass, naming the sheet, the late row and its record", async () => {
      // The 缴费记录 sheet's halves swapped: the second half's rows fill the read-ahead, the first half's come after.
      const k = keys(2400);
      const pays = [...k.slice(1200), ...k.slice(0, 1200)].map((key, i) => [key, i] as [string, number]);
      const source = await workbook(k, pays);
      // Before: read whole, every record of the first half open until the end (no bound).
      await expect(scanGroups(source, { ...joined, maxOpenRecords: 50 })).rejects.toThrow(
        "「缴费记录」工作表的行与记录工作表的次序相差太远：「缴费记录」表第 1202 行属于第 2 行的记录（保单号 P0001），读到它之前已有 50 条以上的记录在等待各自后面的行。请把「缴费记录」工作表按记录工作表的次序排序（如两张表都按保单号排序）后再导入，或不再一并读取表格工作表",
      );
      // Within the bound it is read, every payment with its record.
      const scan = await scanGroups(source, joined);
      let records = 0;
      for await (const g of scan.groups) {
        expect(g.rows.filter((r) => r.tables.get("payments")).length).toBe(1);
        records++;
      }
      expect(records).toBe(2400);
    }, 30_000);
  });

  describe("which rows continue the record above", () => {
    const wide: GroupingSettings = {
      columns: [target("basic.name"), target("policy.policyNo"), target("policy.paymentMethod"), target("payments.amount"), target("payments.date")],
      keyTarget: target("policy.policyNo"),
      locale: "zh",
    };
    const records = async (text: string, s = wide) => all(await scanGroups(await csv(text), s));

    it("a blank row ends the record: a table-only row after it is a record of its own, not a payment of the customer above", async () => {
      // Before the fix: [{P1, rows [2, 4]}] — the 8888 payment of an unknown customer went to 张一.
      expect(await records("客户姓名,保单号,缴费方式,缴费金额,缴费日期\n张一,P1,年缴,100,2024-01-01\n\n,,,8888,2024-03-03\n")).toEqual([
        { key: "P1", rows: [2] },
        { key: null, rows: [4] },
      ]);
    });

    it("a row without a key whose record cells repeat the record above (缴费方式 on every row of merged customer cells) continues it", async () => {
      // Before the fix: rows 3 and 4 were records of their own (no 保单号), refused.
      expect(await records("客户姓名,保单号,缴费方式,缴费金额,缴费日期\n张一,P1,年缴,100,2024-01-01\n,,年缴,200,2025-01-01\n张一,,年交,300,2026-01-01\n")).toEqual([{ key: "P1", rows: [2, 3, 4] }]);
    });

    it("a row whose key cell is an error value (#N/A of a failed VLOOKUP) is a record of its own, without a key: never one with other such rows, nor a continuation of the record above", async () => {
      // Before the fix: rows 2, 3 and 5 were one record keyed "#N/A" (rows 3 and 5 refused as
      // differing from row 2 in 客户姓名 instead of for their own #N/A); row 6 too (#n/a).
      const text = "客户姓名,保单号,缴费方式,缴费金额,缴费日期\n邓一,#N/A,年缴,100,2024-01-01\n邓二,#N/A,年缴,200,2024-01-01\n邓四,P1,年缴,400,2024-01-01\n邓三,#N/A,年缴,300,2024-01-01\n邓四,#n/a,年缴,500,2025-01-01\n,,年缴,600,2026-01-01\n";
      expect(await records(text)).toEqual([
        { key: null, rows: [2] },
        { key: null, rows: [3] },
        { key: "P1", rows: [4] },
        { key: null, rows: [5] },
        // Row 6 repeats P1's customer cells under it, but its key is no blank: not P1's payment.
        // Row 7 (no key, 缴费方式 repeated: merged cells under row 6) continues row 6's record.
        { key: null, rows: [6, 7] },
      ]);
    });

    it("a row without a key whose record cells differ from the record above (another customer, another 缴费方式) is not merged into it", async () => {
      expect(await records("客户姓名,保单号,缴费方式,缴费金额,缴费日期\n张一,P1,年缴,100,2024-01-01\n李二,,年缴,200,2025-01-01\n,,月缴,300,2026-01-01\n张一,P2,年缴,400,2026-01-01\n")).toEqual([
        { key: "P1", rows: [2] },
        { key: null, rows: [3] },
        { key: null, rows: [4] },
        { key: "P2", rows: [5] },
      ]);
    });

    it("a row whose only cells sum the column above (an unlabelled SUM under 缴费金额) is a totals row, not a payment of the last customer", async () => {
      // Before the fix: row 5 joined P2, whose record was then refused with it.
      expect(await records("客户姓名,保单号,缴费方式,缴费金额,缴费日期\n张一,P1,年缴,100,2024-01-01\n,,,200,2025-01-01\n李二,P2,年缴,300,2024-01-01\n,,,600,\n")).toEqual([
        { key: "P1", rows: [2, 3] },
        { key: "P2", rows: [4] },
        { key: null, rows: [5], totals: true },
      ]);
      // A subtotal of the record's own rows too; a lone amount that sums nothing still continues the record.
      expect(await records("客户姓名,保单号,缴费方式,缴费金额,缴费日期\n张一,P1,年缴,100,2024-01-01\n,,,200,2025-01-01\n,,,300,\n李二,P2,年缴,300,2024-01-01\n,,,250,\n")).toEqual([
        { key: "P1", rows: [2, 3] },
        { key: null, rows: [4], totals: true },
        { key: "P2", rows: [5, 6] },
      ]);
    });

    it("a subtotal under a customer whose 保单号 is on every row sums that customer's rows (fresh-eyes round 4, P2)", async () => {
      // Before the fix: [P1 [2, 3], P2 [4, 5, 6]] — every keyed row restarted the record's sum, so it never held two rows.
      expect(await records("客户姓名,保单号,缴费方式,缴费金额,缴费日期\n张一,P1,年缴,100,2024-01-01\n张一,P1,年缴,100,2024-07-01\n李二,P2,年缴,50,2024-01-01\n李二,P2,年缴,50,2024-07-01\n,,,100,\n")).toEqual([
        { key: "P1", rows: [2, 3] },
        { key: "P2", rows: [4, 5] },
        { key: null, rows: [6], totals: true },
      ]);
    });

    describe("a SUM row that also sums a record column (保险金额) (fresh-eyes round 4, P3)", () => {
      const insured: GroupingSettings = {
        columns: [target("basic.name"), target("policy.policyNo"), target("policy.sumInsured"), target("payments.amount"), target("payments.date")],
        keyTarget: target("policy.policyNo"),
        locale: "zh",
      };
      const H = "客户姓名,保单号,保险金额,缴费金额,缴费日期\n";

      it("under one customer's merged cells (its 保险金额 repeated) is a totals row", async () => {
        // Before the fix: [P1 [2, 3, 4]] — the row repeated the record's 保险金额, so it continued the record.
        expect(await records(`${H}张一,P1,500000,100,2024-01-01\n,,,100,2024-07-01\n,,500000,200,\n`, insured)).toEqual([
          { key: "P1", rows: [2, 3] },
          { key: null, rows: [4], totals: true },
        ]);
      });

      it("after two customers (保险金额 summed over them) is a totals row", async () => {
        // Before the fix: row 4 a key-less record, not known as a totals row (refused as 缺少保单号).
        expect(await records(`${H}张一,P1,500000,100,2024-01-01\n李二,P2,500000,100,2024-01-01\n,,1000000,200,\n`, insured)).toEqual([
          { key: "P1", rows: [2] },
          { key: "P2", rows: [3] },
          { key: null, rows: [4], totals: true },
        ]);
      });

      it("a payment row with its date, repeating 保险金额, whose amount equals a sum, still continues the record", async () => {
        expect(await records(`${H}张一,P1,500000,100,2024-01-01\n,,,100,2024-07-01\n,,500000,200,2025-01-01\n`, insured)).toEqual([{ key: "P1", rows: [2, 3, 4] }]);
      });
    });

    describe("Excel's 分类汇总 and a table's totals row (tester round 6, P10)", () => {
      it("a row labelled '<the group above> 汇总' (or 计数, Total…) is a totals row, as is a lone 汇总", async () => {
        // Before the fix: rows 4 and 6 records of their own (refused as merged cells), row 7 a record missing its 保单号.
        expect(await records("客户姓名,保单号,缴费方式,缴费金额,缴费日期\n张一,P1,年缴,100,2024-01-01\n张一,P1,年缴,100,2025-01-01\n,P1 汇总,,200,\n李二,P2,年缴,50,2024-01-01\n,P2 Total,,50,\n汇总,,,250,\n")).toEqual([
          { key: "P1", rows: [2, 3] },
          { key: null, rows: [4], totals: true },
          { key: "P2", rows: [5] },
          { key: null, rows: [6], totals: true },
          { key: null, rows: [7], totals: true },
        ]);
        // Under merged cells (the group's value only on its first row), and in a table column (grouped by 缴费日期).
        expect(await records("客户姓名,保单号,缴费方式,缴费金额,缴费日期\n张一,P1,年缴,100,2024-01-01\n,,,100,2025-01-01\n,P1 汇总,,200,\n李二,P2,年缴,50,2024-01-01\n,,,50,2024-01-01 计数\n")).toEqual([
          { key: "P1", rows: [2, 3] },
          { key: null, rows: [4], totals: true },
          { key: "P2", rows: [5] },
          { key: null, rows: [6], totals: true },
        ]);
      });

      it("a '… 汇总' that names no group above is the data it is", async () => {
        expect(await records("客户姓名,保单号,缴费方式,缴费金额,缴费日期\n张一,P1,年缴,100,2024-01-01\n李二,季度 汇总,年缴,50,2024-01-01\n")).toEqual([
          { key: "P1", rows: [2] },
          { key: "季度 汇总", rows: [3] },
        ]);
      });
      it("a row under its group's value with a customer's own cells is data, whatever its key ends with", async () => {
        // Before: "P1 Max" under P1 was taken for Excel's subtotal (最大值) and refused as a totals row.
        expect(await records("客户姓名,保单号,缴费方式,缴费金额,缴费日期\n张一,P1,年缴,100,2024-01-01\n李二,P1 Max,年缴,50,2024-01-01\n")).toEqual([
          { key: "P1", rows: [2] },
          { key: "P1 Max", rows: [3] },
        ]);
      });
    });

    describe("a row with nothing in the mapped columns (a note in an unmapped column or past the header) (fresh-eyes round 4, P40)", () => {
      const noted: GroupingSettings = { ...wide, columns: [...wide.columns, null] };
      const H = "客户姓名,保单号,缴费方式,缴费金额,缴费日期,后续跟进\n";

      it("neither starts a record nor breaks the continuation below it, and is not counted", async () => {
        // Before the fix: [P1 [2], null [3], null [4]] — the note row was a record, the payment row under it an orphan.
        const scan = await scanGroups(await csv(`${H}张一,P1,年缴,100,2024-01-01,\n,,,,,下月回访\n,,,200,2025-01-01,\n`), noted);
        expect(await all(scan)).toEqual([{ key: "P1", rows: [2, 4] }]);
        expect(scan.rowEnds.rows).toBe(2);
        expect(await records(`${H}张一,P1,年缴,100,2024-01-01,\n,,,,,,,已核对\n,,,200,2025-01-01,\n`, noted)).toEqual([{ key: "P1", rows: [2, 4] }]);
      });

      it("does not hide a blank row above it: a payment row after both belongs to no record", async () => {
        expect(await records(`${H}张一,P1,年缴,100,2024-01-01,\n\n,,,,,下月回访\n,,,200,2025-01-01,\n`, noted)).toEqual([
          { key: "P1", rows: [2] },
          { key: null, rows: [5] },
        ]);
      });
    });
  });
});

describe("rows that are no data", () => {
  it("hands each skipped row (a repeated header, a note in a column nobody maps) to the batch of the next record, once — a resumed pass only those after the records it skips", async () => {
    const text = "客户姓名,保单号,缴费金额,备注\n张一,P1,100,\n,,,核对过\n客户姓名,保单号,缴费金额,备注\n李二,P2,200,\n王三,P3,300,\n,,,制表：王五\n";
    const cols: GroupingSettings = { ...settings, columns: [...settings.columns, null] };
    const source = await csv(text);
    const scan = await scanGroups(source, cols);
    expect([scan.rows, scan.skipped]).toEqual([3, 3]);
    const seen: unknown[] = [];
    for await (const g of scan.groups) seen.push([g.key, scan.takeSkipped()]);
    seen.push(["end", scan.takeSkipped()]);
    expect(seen).toEqual([
      ["P1", []],
      [
        "P2",
        [
          { row: 3, columns: [3] },
          { row: 4, header: true },
        ],
      ],
      ["P3", []],
      ["end", [{ row: 7, columns: [3] }]],
    ]);
    // Resumed after P2: the rows before it were said by the batches before the stop.
    const resumed = await scanGroups(source, cols, 2, scan.rowEnds);
    const after: unknown[] = [];
    for await (const g of resumed.groups) after.push([g.key, resumed.takeSkipped()]);
    after.push(["end", resumed.takeSkipped()]);
    expect(after).toEqual([
      ["P3", []],
      ["end", [{ row: 7, columns: [3] }]],
    ]);
  });
});
