import { describe, expect, it } from "vitest";
import { DAYS_1904, fromCsvText, fromExcelValue, isDate1904, shownNumber, typedNumber } from "./cells";

describe("a number cell as its format shows it", () => {
  it("prints percentages as the sheet shows them, never in exponent notation", () => {
    expect(shownNumber(1, "0%")).toBe("100%");
    expect(shownNumber(0.125, "0.0%")).toBe("12.5%");
    expect(shownNumber(1e-9, "0.00%")).toBe("0.0000001%");
    expect(shownNumber(-0.05, "0%")).toBe("-5%");
  });

  it("pads with the format's zeros only numbers Excel still holds in full", () => {
    expect(shownNumber(12345, "0000000")).toBe("0012345");
    // Sixteen digits or more: Excel kept 15, the rest are zeros it made up. The number stays a
    // number, so the import refuses it as lost digits instead of storing the padded text.
    expect(shownNumber(1234567890123450, "00000000000000000000")).toBe(1234567890123450);
    expect(shownNumber(12.5, "0000000")).toBe(12.5);
  });

  it("shows the unit of amount a format names, or keeps the number when the format already shows it in that unit (tester round 5, P5)", () => {
    // The number is counted in the unit: the shown text, which the number fields read (50万元 → 500000).
    expect(shownNumber(50, '0"万元"')).toBe("50万元");
    expect(shownNumber(1.5, '#,##0.00"亿";[Red]-#,##0.00"亿"')).toBe("1.5亿");
    expect(shownNumber(50, "0\\万")).toBe("50万");
    expect(shownNumber(3, '[$-804]0"千元"')).toBe("3千元");
    // The number is the amount, shown smaller: 0!.0000"万" shows 123456 as 12.3456万, 0.0,"千" as 123.5千.
    expect(shownNumber(123456, '0!.0000"万"')).toBe(123456);
    expect(shownNumber(123456, '0.0,"千"')).toBe(123456);
    expect(shownNumber(123456, '0.0,,"百万"')).toBe(123456);
    // Not an amount's unit, or none: the number.
    expect(shownNumber(50, '0"元"')).toBe(50);
    expect(shownNumber(50, '0"件"')).toBe(50);
    expect(shownNumber(50, '0.00" 千克"')).toBe(50);
    // Shows an amount the number is not (50,000 as 50万), or a unit nobody can scale by: refused, naming the format.
    for (const [n, f] of [[50000, '0,"万"'], [5, '0"万元整"']] as const) {
      const cell = shownNumber(n, f) as { error: string; reason: { key: string; params: Record<string, unknown> } };
      expect(cell.reason).toEqual({ key: "imports.unitFormat", params: { value: String(n), format: f } });
    }
  });
});

describe("a formula cell", () => {
  it("counts by its saved result, and is refused saying so when it has none (tester round 5, P6)", () => {
    expect(fromExcelValue({ formula: "A1*2", result: 4 })).toBe(4);
    expect(fromExcelValue({ formula: '"P"&"-1"' })).toEqual({ error: '="P"&"-1"', reason: { key: "imports.formulaNoResult", params: { formula: '"P"&"-1"' } } });
    expect(fromExcelValue({ sharedFormula: "K2", result: Number.NaN })).toMatchObject({ error: "=K2" });
  });
});

describe("a CSV cell", () => {
  it("written as =\"…\" (core systems keep an ID's digits so) is the text Excel shows, \"\" a quote in it (tester round 6, P1)", () => {
    // Before the fix: the wrapper was kept (客户姓名 stored as ="张三", the ID refused as 21 characters).
    expect(fromCsvText('="张三"')).toBe("张三");
    expect(fromCsvText('="11010519491231002X"')).toBe("11010519491231002X");
    expect(fromCsvText(' ="0012" ')).toBe("0012");
    expect(fromCsvText('="他说""好"""')).toBe('他说"好"');
    expect(fromCsvText('=""')).toBeNull();
    expect(fromCsvText('="#N/A"')).toBe("#N/A");
  });

  it("holding any other formula is the text as typed, never run", () => {
    expect(fromCsvText("=1+1")).toBe("=1+1");
    expect(fromCsvText('="a"&"b"')).toBe('="a"&"b"');
    expect(fromCsvText('=HYPERLINK("http://x","y")')).toBe('=HYPERLINK("http://x","y")');
    expect(fromCsvText('="a"b"')).toBe('="a"b"');
    expect(fromCsvText("#N/A")).toEqual({ error: "#N/A" });
  });
});

describe("isDate1904 / typedNumber in a workbook counting days from 1904", () => {
  it("reads date1904 as the file format's booleans say it, on workbookPr only", () => {
    expect(isDate1904('<workbook><workbookPr date1904="1" defaultThemeVersion="124226"/></workbook>')).toBe(true);
    expect(isDate1904('<workbook><workbookPr date1904="true"/></workbook>')).toBe(true);
    expect(isDate1904('<x:workbook><x:workbookPr date1904="true"/></x:workbook>')).toBe(true);
    expect(isDate1904('<workbook><workbookPr date1904="0"/></workbook>')).toBe(false);
    expect(isDate1904('<workbook><workbookPr date1904="false"/></workbook>')).toBe(false);
    expect(isDate1904('<workbook><workbookPr defaultThemeVersion="124226"/></workbook>')).toBe(false);
    expect(isDate1904("<workbook/>")).toBe(false);
  });

  it("gives back the digits typed into a date-formatted cell of either count", () => {
    // 20230105 as the reader made it a date: in the 1900 count, and in the 1904 count (1,462 days later).
    const day = (n: number) => new Date(Date.UTC(1899, 11, 30) + n * 86_400_000);
    expect(typedNumber(day(20230105))).toBe(20230105);
    expect(typedNumber(day(20230105 + DAYS_1904), true)).toBe(20230105);
  });
});
