import { describe, expect, it } from "vitest";
import type { TableRow } from "./cells";
import { columnTitled, joinedScopes, joinedTitles, joinRows, ROW_SPAN, rowLabel, tableOfSheet, type SheetJoin } from "./sheet-joins";

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

  it("a table row out of its record's place holds its sheet back until the records' sheet ends; nothing is lost", async () => {
    const out = await all(
      joinRows({
        main: rows([r(2, "P1"), r(3, "P2")]),
        mainWidth: 1,
        mainKey: 0,
        joins: [{ join: { sheet: "缴费记录", table: "payments", key: 0, width: 2 }, rows: rows([r(2, "P2", 1), r(3, "P1", 2), r(4, "P9", 3)]) }],
      }),
    );
    expect(out.map((x) => x.row)).toEqual([2, 3, ROW_SPAN + 2, ROW_SPAN + 3, ROW_SPAN + 4]);
    expect(out.slice(1).map((x) => x.cells)).toEqual([
      ["P2", null],
      ["P2", 1],
      ["P1", 2],
      ["P9", 3],
    ]);
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
