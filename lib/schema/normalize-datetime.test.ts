import { describe, expect, it } from "vitest";
import type { ImportTarget } from "../imports/targets";
import { convertCell } from "../imports/convert-cells";
import { normalizeDateTime, normalizeValue } from "./normalize";
import { validateData } from "./validate";
import type { JsonSchema } from "./types";

const at: JsonSchema = { type: "string", format: "date-time", title: "预约时间" };

// tester9 P1-6: an Excel date-time cell got "有值，但…不应填写", and 2026-12-06 18:30, 2026-12-06T18:30 and
// 2026/12/6 8:05 were "不是有效的日期时间"; only ISO text with an offset was taken.
describe("date-times as offices write them", () => {
  it("reads a date and a time without a zone as the office's local time (Asia/Shanghai)", () => {
    for (const text of ["2026-12-06 18:30", "2026-12-06T18:30", "2026-12-06 18:30:00", "2026/12/6 18:30", "２０２６-１２-０６ １８:３０", "2026年12月6日 18:30", "2026-12-06 下午6:30"])
      expect([text, normalizeValue(at, text)]).toEqual([text, "2026-12-06T10:30:00.000Z"]);
    expect(normalizeValue(at, "2026/12/6 8:05")).toBe("2026-12-06T00:05:00.000Z");
    // The export's own spelling (local "YYYY-MM-DD HH:mm") comes back as the instant it was.
    expect(normalizeValue(at, "2026-12-07 02:59")).toBe("2026-12-06T18:59:00.000Z");
  });

  it("keeps the instant of text with a zone, in one spelling", () => {
    expect(normalizeValue(at, "2026-12-06T10:30:00.000Z")).toBe("2026-12-06T10:30:00.000Z");
    expect(normalizeValue(at, "2026-12-06T23:59:00+08:00")).toBe("2026-12-06T15:59:00.000Z");
  });

  it("reads an Excel date-time cell and day number as the wall-clock time it shows", () => {
    // exceljs gives a date cell as a Date whose UTC fields are what the sheet shows.
    expect(normalizeValue(at, new Date(Date.UTC(2026, 11, 6, 18, 30)))).toBe("2026-12-06T10:30:00.000Z");
    expect(normalizeDateTime(46362.75)).toBe("2026-12-06T10:00:00.000Z");
    expect(normalizeDateTime(new Date(Date.UTC(2026, 2, 29, 1, 30)), "Europe/Berlin")).toBe("2026-03-29T00:30:00.000Z");
  });

  it("leaves what is no date-time for validation to name", () => {
    for (const text of ["2026-13-06 18:30", "2026-12-06 25:00", "明天下午", "2026-12-06 18"]) expect(normalizeValue(at, text)).toBe(text);
    const errors = validateData({ type: "object", properties: { at } }, { at: "2026-12-06 25:00" });
    expect(errors.length).toBeGreaterThan(0);
  });

  it("imports an Excel date-time cell and the text forms", () => {
    const target = { path: "at", segments: ["at"], label: "预约时间", field: { kind: "datetime", schema: at }, implies: [] } as unknown as ImportTarget;
    expect(convertCell(new Date(Date.UTC(2026, 11, 6, 18, 30)), target, "zh")).toEqual({ value: "2026-12-06T10:30:00.000Z" });
    expect(convertCell("2026-12-06 18:30", target, "zh", "grouping", false, true)).toEqual({ value: "2026-12-06T10:30:00.000Z" });
    expect(convertCell(46362.75, target, "zh")).toEqual({ value: "2026-12-06T10:00:00.000Z" });
  });
});
