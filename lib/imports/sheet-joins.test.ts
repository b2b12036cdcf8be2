import { describe, expect, it } from "vitest";
import { msg } from "../i18n/messages";
import type { TableRow } from "./cells";
import { columnTitled, joinedScopes, joinedTitles, joinRows, ROW_SPAN, rowLabel, rowPhrase, tableOfSheet, type SheetJoin } from "./sheet-joins";

async function* rows(list: TableRow[]): AsyncGenerator<TableRow> {
  yield* list;
}
const r = (row: number, ...cells: TableRow["cells"]): TableRow => ({ row, cells });

async function all(gen: AsyncGenerator<TableRow>) {
  const out: TableRow[] = [];
  for await (const row of gen) out.push(row);
  return out;
}

describe("joinRows", () => {
  // The records' sheet: 保单号, 客户姓名. 缴费记录: 保单号, 客户姓名, 金额. 理赔记录: 金额, 保单号 (key not first).
  const pay: SheetJoin = { sheet: "缴费记录", table: "payments", key: 0, width: 3 };
  const claim: SheetJoin = { sheet: "理赔记录", table: "claims", key: 1, width: 2 };

  it("reads sheets written in the same order in step: each record's table rows right after it, keyed by its key column", async () => {
    const out = await all(
      joinRows({
        main: rows([r(2, "P1", "张一"), r(3, "P2", "李二"), r(4, "P3", "王三")]),
        mainWidth: 2,
        mainKey: 0,
        joins: [
          { join: pay, rows: rows([r(2, "P1", "张一", 100), r(3, "P1", "张一", 200), r(4, "P3", "王三", 300)]) },
          { join: claim, rows: rows([r(2, 50, "P1"), r(3, 60, null), r(4, 70, "P2")]) },
        ],
      }),
    );
    expect(out).toEqual([
      r(2, "P1", "张一", null, null, null),
      r(ROW_SPAN + 2, "P1", null, "张一", 100, null),
      r(ROW_SPAN + 3, "P1", null, "张一", 200, null),
      r(2 * ROW_SPAN + 2, "P1", null, null, null, 50),
      // A blank key continues the row above it on its sheet.
      r(2 * ROW_SPAN + 3, null, null, null, null, 60),
      r(3, "P2", "李二", null, null, null),
      r(2 * ROW_SPAN + 4, "P2", null, null, null, 70),
      r(4, "P3", "王三", null, null, null),
      r(ROW_SPAN + 4, "P3", null, "王三", 300, null),
    ]);
  });

  it("keeps what the reader said of a row: a refusal, and a formula's 0 at its column's new place", async () => {
    const refusal = msg("imports.otherHeader", { row: 3, header: 1, titles: ["「序号」"] });
    const out = await all(
      joinRows({
        main: rows([{ ...r(2, "P1", "张一"), formulaZeros: [1] }, { ...r(3, "P2", "李二"), refusal }]),
        mainWidth: 2,
        mainKey: 0,
        joins: [
          { join: pay, rows: rows([{ ...r(2, "P1", "张一", 0), formulaZeros: [2] }]) },
          { join: claim, rows: rows([{ ...r(2, 0, "P1"), formulaZeros: [0] }]) },
        ],
      }),
    );
    // Before: every joined row was rebuilt from its cells alone — a claim sheet's =IFERROR(…,0) made
    // a claim of 0 (refused for its date), and a row under a foreign header was imported column-shifted.
    expect(out).toEqual([
      { ...r(2, "P1", "张一", null, null, null), formulaZeros: [1] },
      { ...r(ROW_SPAN + 2, "P1", null, "张一", 0, null), formulaZeros: [3] },
      { ...r(2 * ROW_SPAN + 2, "P1", null, null, null, 0), formulaZeros: [4] },
      { ...r(3, "P2", "李二", null, null, null), refusal },
    ]);
  });

  const payments = (list: TableRow[]) => [{ join: { sheet: "缴费记录", table: "payments", key: 0, width: 2 }, rows: rows(list) }];
  /** Where each table row came out: after which row of the records' sheet (its key), as "key:amount". */
  const placed = (out: TableRow[]) => out.map((x) => (x.row < ROW_SPAN ? String(x.cells[0]) : `${String(x.cells[0] ?? "")}:${String(x.cells[1])}`));

  it("one payment row typed late (after a later record's) does not hold the sheet back: every other record gets its rows in step", async () => {
    const main = rows(["P1", "P2", "P3", "P4", "P5", "P6"].map((k, i) => r(i + 2, k)));
    const out = await all(joinRows({ main, mainWidth: 1, mainKey: 0, lookahead: 1, joins: payments([r(2, "P1", 1), r(3, "P3", 3), r(4, "P4", 4), r(5, "P2", 2), r(6, "P5", 5), r(7, "P6", 6)]) }));
    // Before: P2's row stopped the sheet until the records' sheet ended — P5 and P6 (and every record after
    // them in a real file) had their rows at the end, each record open, and in memory, until then.
    expect(placed(out)).toEqual(["P1", "P1:1", "P2", "P3", "P3:3", "P4", "P4:4", "P2:2", "P5", "P5:5", "P6", "P6:6"]);
    // Read ahead far enough, the late row comes out right after its record.
    const wide = await all(joinRows({ main: rows(["P1", "P2", "P3"].map((k, i) => r(i + 2, k))), mainWidth: 1, mainKey: 0, joins: payments([r(2, "P1", 1), r(3, "P3", 3), r(4, "P2", 2)]) }));
    expect(placed(wide)).toEqual(["P1", "P1:1", "P2", "P2:2", "P3", "P3:3"]);
  });

  it("a late row comes out before the records' sheet's next keyed row, never between a record's rows; a key the records' sheet lacks at the end", async () => {
    // P1 has a second row with a blank key (merged customer cells): the late P0 row must not come between.
    const main = rows([r(2, "P0"), r(3, "P1"), r(4, null), r(5, "P2")]);
    const out = await all(joinRows({ main, mainWidth: 1, mainKey: 0, lookahead: 1, joins: payments([r(2, "P1", 1), r(3, null, 11), r(4, "P0", 0), r(5, "P2", 2), r(6, "P9", 9)]) }));
    expect(placed(out)).toEqual(["P0", "P1", "P1:1", ":11", "null", "P0:0", "P2", "P2:2", "P9:9"]);
    expect(out).toHaveLength(9);
  });

  it("compares keys as text (a number key on one sheet, text on another) and closes every sheet when stopped early", async () => {
    let closed = 0;
    async function* counted(list: TableRow[]) {
      try {
        yield* list;
      } finally {
        closed++;
      }
    }
    const gen = joinRows({
      main: counted([r(2, 1001), r(3, 1002)]),
      mainWidth: 1,
      mainKey: 0,
      joins: [{ join: { sheet: "缴费记录", table: "payments", key: 0, width: 2 }, rows: counted([r(2, "1001", "a"), r(3, "1002", "b")]) }],
    });
    expect((await gen.next()).value).toEqual(r(2, 1001, null));
    expect((await gen.next()).value).toEqual(r(ROW_SPAN + 2, "1001", "a"));
    await gen.return(undefined);
    expect(closed).toBe(2);
  });
});

describe("the joined table's names", () => {
  it("names rows by their sheet, titles by their table, and tells which table a sheet holds", () => {
    const joins = [{ sheet: "缴费记录" }, { sheet: "理赔记录" }];
    expect(rowLabel(12, joins)).toBe("12");
    expect(rowLabel(2 * ROW_SPAN + 7, joins)).toBe("理赔记录!7");
    // tester9 P2-4: messages read "与第 缴费记录!3 行…"; they quote a row in words.
    expect(rowPhrase("zh", 2 * ROW_SPAN + 7, joins)).toBe("「理赔记录」表第 7 行");
    expect(rowPhrase("zh", 12, joins)).toBe("第 12 行");
    expect(rowPhrase("en", 2 * ROW_SPAN + 7, joins)).toBe('row 7 of sheet "理赔记录"');
    const long = `一个${"很长".repeat(20)}的子表`;
    const tables = [
      { path: "payments", title: "缴费记录" },
      { path: "beneficiary.list", title: "指定受益人" },
      { path: "x", title: long },
    ];
    expect(tableOfSheet("缴费记录", tables)).toBe("payments");
    expect(tableOfSheet(" 指定 受益人 ", tables)).toBe("beneficiary.list");
    // Excel keeps 31 characters of a sheet's name.
    expect(tableOfSheet(long.slice(0, 31), tables)).toBe("x");
    expect(tableOfSheet("Sheet2", tables)).toBeNull();
    expect(columnTitled(["客户姓名", "保单号 *"], "保单号")).toBe(1);
    expect(columnTitled(["客户姓名"], "保单号")).toBe(-1);
    const join = { sheet: "指定受益人", table: "beneficiary.list", key: 0, width: 3, titles: ["保单号", "指定受益人·姓名", "身份证号码"] };
    expect(joinedTitles(["保单号", "备注"], [join])).toEqual(["保单号", "备注", "指定受益人·姓名", "指定受益人·身份证号码"]);
    expect(joinedScopes(2, [join])).toEqual([null, null, "beneficiary.list", "beneficiary.list"]);
  });
});
