import { describe, expect, it } from "vitest";
import archive from "@/schemas/customer-archive.json";
import { listFields } from "../schema/fields";
import type { JsonSchema, UiSchema } from "../schema/types";
import { cellText } from "./cells";
import { convertCell } from "./convert-cells";
import { importTargets } from "./targets";

const targets = importTargets(listFields(archive.schema as unknown as JsonSchema, archive.uiSchema as UiSchema));
const target = (path: string) => targets.find((t) => t.path === path)!;
const march5 = new Date(Date.UTC(2024, 2, 5));
const ID = "110105194912310021";

describe("a date cell in a text column (Excel made a date of 3-5)", () => {
  it("is the date as the sheet shows it in free text", () => {
    expect(convertCell(march5, target("basic.address"), "zh")).toEqual({ value: "2024-03-05" });
    expect(convertCell(march5, target("policy.productName"), "zh")).toEqual({ value: "2024-03-05" });
    expect(convertCell(march5, target("communications.content"), "zh")).toEqual({ value: "2024-03-05" });
  });

  it("is refused, saying it is a date, where the text has a fixed shape", () => {
    for (const path of ["basic.idNumber", "basic.mobile", "policyholder.contact", "policy.policyNo"])
      expect(convertCell(march5, target(path), "zh").problem).toMatch(/^这个单元格是日期 2024-03-05（Excel 会把 3-5/);
  });

  it("is refused with a time of day, which yyyy-mm-dd would lose", () => {
    expect(convertCell(new Date(Date.UTC(2024, 2, 5, 9, 30)), target("basic.address"), "zh").problem).toContain("这个单元格是日期");
  });
});

describe("digits typed into a cell formatted as a date (Excel shows ########)", () => {
  // 20230105 as a day number is in the year 57288 (tester round 7, P2-2): refused as no valid date,
  // and written back in the error sheet as 57288-02-21.
  const typed = new Date(Date.UTC(1899, 11, 30) + 20230105 * 86_400_000);
  it("reads the number typed: a yyyymmdd date in a date column", () => {
    expect(cellText(typed)).toBe("20230105");
    expect(convertCell(typed, target("policy.startDate"), "zh")).toEqual({ value: "2023-01-05" });
  });
  it("leaves a real date alone", () => {
    expect(cellText(march5)).toBe("2024-03-05");
    expect(convertCell(march5, target("policy.startDate"), "zh")).toEqual({ value: "2024-03-05" });
  });
});

describe("a leading apostrophe typed into a CSV (Excel's text mark)", () => {
  it("is dropped before the digits of an ID, a phone number and a policy number", () => {
    expect(convertCell(`'${ID}`, target("basic.idNumber"), "zh")).toEqual({ value: ID });
    expect(convertCell("'13800138000", target("basic.mobile"), "zh")).toEqual({ value: "13800138000" });
    expect(convertCell("\u200B'0012345", target("policy.policyNo"), "zh")).toEqual({ value: "0012345" });
  });

  it("is kept in free text and before anything but digits", () => {
    expect(convertCell("'3号楼", target("basic.address"), "zh")).toEqual({ value: "'3号楼" });
    expect(convertCell("'ABC", target("policy.policyNo"), "zh").value).toBe("'ABC");
  });
});

describe("a number or a date column's cell (tester round 6)", () => {
  it("holding a dash, a slash or 无 for none is refused naming its own column, not read as blank (P5)", () => {
    // Before the fix: read as the text, the claim row was refused for its empty 理赔申请日期 instead.
    for (const v of ["—", "-", "--", "无", "/", "暂无"]) {
      expect(convertCell(v, target("claims.amount"), "zh")).toEqual({ problem: `“${v}”不是数字：没有请留空，是零请填 0` });
      expect(convertCell(v, target("claims.applyDate"), "zh")).toEqual({ problem: `“${v}”不是日期：没有请留空` });
    }
    // Free text keeps it: 无 is what 后续跟进 says.
    expect(convertCell("无", target("communications.content"), "zh")).toEqual({ value: "无" });
  });

  it("holding a day number as text (a CSV of a date cell that lost its format) reads it as the .xlsx's number cell is read (P4)", () => {
    expect(convertCell("44931", target("payments.date"), "zh")).toEqual({ value: "2023-01-05" });
    expect(convertCell(" 44931.5 ", target("payments.date"), "zh")).toEqual({ value: "2023-01-05" });
    expect(convertCell("20230105", target("payments.date"), "zh")).toEqual({ value: "2023-01-05" });
    // Only serials of 1910–2199: the year alone is no date.
    expect(convertCell("2023", target("payments.date"), "zh").problem).toMatch(/^2023 不是日期/);
    // A number column keeps reading its digits as the number.
    expect(convertCell("44931", target("payments.amount"), "zh")).toEqual({ value: 44931 });
  });
});
