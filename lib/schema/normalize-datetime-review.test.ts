/**
 * review10b: date-times that change meaning on the way through the import or an export and back.
 * Each test is a concrete input that the release stores or writes back wrong.
 */
import { describe, expect, it } from "vitest";
import type { ImportTarget } from "../imports/targets";
import { convertCell } from "../imports/convert-cells";
import { normalizeDateTime } from "./normalize";

const datetime = { path: "t", table: null, segments: ["t"], title: "到店时间", label: "到店时间", aliases: [], field: { kind: "datetime", schema: { type: "string", format: "date-time" } } } as unknown as ImportTarget;

describe("review10b: values the import stores that no one wrote", () => {
  it("an Excel time-only cell (18:30, day 0 = 1899-12-30) in a date-time column is refused, not stored as 1899-12-30T10:24:17Z", () => {
    const out = convertCell(new Date(Date.UTC(1899, 11, 30, 18, 30)), datetime, "zh");
    expect(out.value).toBeUndefined();
    expect(out.problem).toContain("18:30 只有时间，没有日期");
  });

  it("an ISO offset of hours only (+08, which the date-time format accepts) is read as its instant like +08:00", () => {
    expect(normalizeDateTime("2026-12-06T18:30:00+08")).toBe("2026-12-06T10:30:00.000Z");
  });
});
