/**
 * review10b: date-times that change meaning on the way through the import or an export and back.
 * Each test is a concrete input that the release stores or writes back wrong.
 */
import { describe, expect, it } from "vitest";
import type { ImportTarget } from "../imports/targets";
import { convertCell } from "../imports/convert-cells";
import { exportCell } from "../exports/export-cell";
import { normalizeDateTime } from "./normalize";

const datetime = { path: "t", table: null, segments: ["t"], title: "到店时间", label: "到店时间", aliases: [], field: { kind: "datetime", schema: { type: "string", format: "date-time" } } } as unknown as ImportTarget;
const column = { kind: "datetime" } as Parameters<typeof exportCell>[1];

/** A stored instant exported (office clock) and read back by the import. */
function roundTrip(iso: string, format: "xlsx" | "csv"): unknown {
  return normalizeDateTime(exportCell(iso, column, { personal: true, format, yes: "是", no: "否" }) as string | Date);
}

describe("review10b: date-times exported on the office's clock come back as the same instant", () => {
  it("before 1901 (Shanghai's LMT, +08:05:43): export writes the minute's offset, the import reads the seconds too - 43 s lost per round trip", () => {
    for (const format of ["xlsx", "csv"] as const) expect([format, roundTrip("1900-06-01T00:00:00.000Z", format)]).toEqual([format, "1900-06-01T00:00:00.000Z"]);
  });

  it("in the hour Shanghai's clocks repeated (1986-09-14 01:00-02:00, DST ended): the first 01:30 comes back as the second, an hour late", () => {
    // 1986-09-13T16:30Z is 01:30 on +09:00; 17:30Z is 01:30 on +08:00. Both export as "1986-09-14 01:30".
    for (const format of ["xlsx", "csv"] as const) expect([format, roundTrip("1986-09-13T16:30:00.000Z", format)]).toEqual([format, "1986-09-13T16:30:00.000Z"]);
  });
});

describe("review10b: values the import stores that no one wrote", () => {
  it("an Excel time-only cell (18:30, day 0 = 1899-12-30) in a date-time column is refused, not stored as 1899-12-30T10:24:17Z", () => {
    const out = convertCell(new Date(Date.UTC(1899, 11, 30, 18, 30)), datetime, "zh");
    expect(out.value).toBeUndefined();
    expect(out.problem).toBeTruthy();
  });

  it("an ISO offset of hours only (+08, which the date-time format accepts) is read as its instant like +08:00", () => {
    expect(normalizeDateTime("2026-12-06T18:30:00+08")).toBe("2026-12-06T10:30:00.000Z");
  });
});
