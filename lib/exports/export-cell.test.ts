import { describe, expect, it } from "vitest";
import { unescapeFormula } from "../imports/cells";
import { exportCell, type CellOptions } from "./export-cell";

const options: CellOptions = { personal: true, format: "csv", yes: "是", no: "否" };
const text = { kind: "text" } as const;

describe("exportCell: text a spreadsheet would run as a formula", () => {
  it("gets an apostrophe first, and the import takes exactly that one off", () => {
    expect(exportCell("=1+1", text, options)).toBe("'=1+1");
    expect(exportCell("-老客户", text, options)).toBe("'-老客户");
    expect(exportCell("普通", text, options)).toBe("普通");
  });

  it("text that itself starts with an apostrophe before = + - @ gets one more (tester round 9 P1-1: '=撇号开头 came back as =撇号开头)", () => {
    expect(exportCell("'=撇号开头", text, options)).toBe("''=撇号开头");
    expect(exportCell("''+两个", text, options)).toBe("'''+两个");
    // An apostrophe before anything else is left alone, on the way out and on the way in.
    expect(exportCell("'普通撇号", text, options)).toBe("'普通撇号");
    expect(unescapeFormula("'普通撇号")).toBe("'普通撇号");
  });

  it("every such value comes back as it was", () => {
    for (const value of ["=1", "'=1", "''=1", "'''@a", "'", "''", "'a", "''a", "+", "'+", "\t'x", "'\tx", "-5", "'-5", "@@", "a'=b", ["'=x", "y"]]) {
      const out = exportCell(value, text, options);
      const back = typeof out === "string" ? unescapeFormula(out) : out;
      expect(back, JSON.stringify(value)).toBe(Array.isArray(value) ? value.join("、") : value);
    }
  });
});

describe("exportCell: date-time fields (tester round 9 P1-7: written as stored, 2026-12-06T10:30:00.000Z)", () => {
  const dt = { kind: "datetime" } as const;
  const csv = (timeZone?: string): CellOptions => ({ ...options, timeZone });
  const xlsx = (timeZone?: string): CellOptions => ({ ...options, format: "xlsx", timeZone });

  it("as the export's clock shows them: text in .csv, on the office's clock without a zone", () => {
    expect(exportCell("2026-12-06T10:30:00.000Z", dt, csv("Asia/Shanghai"))).toBe("2026-12-06 18:30");
    expect(exportCell("2026-12-06T10:30:00.000Z", dt, csv())).toBe("2026-12-06 18:30");
    // Seconds and milliseconds only when there are some: the instant comes back whole.
    expect(exportCell("2026-12-06T10:30:05.000Z", dt, csv())).toBe("2026-12-06 18:30:05");
    expect(exportCell("2026-12-06T10:30:00.250Z", dt, csv())).toBe("2026-12-06 18:30:00.250");
    // Stored with an offset or without seconds (older records): the same instant.
    expect(exportCell("2026-12-06T23:59:00+08:00", dt, csv())).toBe("2026-12-06 23:59");
  });

  it("on another clock with its offset, so the import (which reads zoneless text on the office's clock) gets the same instant", () => {
    expect(exportCell("2026-12-06T10:30:00.000Z", dt, csv("Europe/Berlin"))).toBe("2026-12-06 11:30+01:00");
    expect(exportCell("2026-07-06T10:30:00.000Z", dt, csv("Europe/Berlin"))).toBe("2026-07-06 12:30+02:00");
    expect(exportCell("2026-12-06T10:30:00.000Z", dt, csv("America/St_Johns"))).toBe("2026-12-06 07:00-03:30");
    // Berlin's clock goes from 02:00 to 03:00 on 2026-03-29 at 01:00 UTC.
    expect(exportCell("2026-03-29T00:59:00.000Z", dt, csv("Europe/Berlin"))).toBe("2026-03-29 01:59+01:00");
    expect(exportCell("2026-03-29T01:00:00.000Z", dt, csv("Europe/Berlin"))).toBe("2026-03-29 03:00+02:00");
  });

  it("a date-time cell in .xlsx: the clock's reading, as a spreadsheet holds it", () => {
    expect(exportCell("2026-12-06T10:30:00.000Z", dt, xlsx("Asia/Shanghai"))).toEqual(new Date(Date.UTC(2026, 11, 6, 18, 30)));
    expect(exportCell("2026-12-06T10:30:05.123Z", dt, xlsx())).toEqual(new Date(Date.UTC(2026, 11, 6, 18, 30, 5, 123)));
    // A clock that reads as the office's: no offset needed, a date cell.
    expect(exportCell("2026-12-06T10:30:00.000Z", dt, xlsx("Asia/Hong_Kong"))).toEqual(new Date(Date.UTC(2026, 11, 6, 18, 30)));
    expect(exportCell("2026-12-06T10:30:00.000Z", dt, csv("Asia/Hong_Kong"))).toBe("2026-12-06 18:30");
  });

  it("in .xlsx on another clock: text with its offset (a date cell holds no zone, and the import reads one on the office's clock)", () => {
    expect(exportCell("2026-12-06T10:30:00.000Z", dt, xlsx("Europe/Berlin"))).toBe("2026-12-06 11:30+01:00");
  });

  it("text that is not a date-time is written as text", () => {
    expect(exportCell("明天下午", dt, csv())).toBe("明天下午");
    expect(exportCell("=明天", dt, xlsx())).toBe("'=明天");
  });
});
