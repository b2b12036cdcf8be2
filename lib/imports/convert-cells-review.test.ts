import { describe, expect, it } from "vitest";
import { convertCell } from "./convert-cells";
import type { ImportTarget } from "./targets";

const text = { path: "t", table: null, segments: ["t"], title: "合同号", label: "合同号", aliases: [], field: { kind: "text", schema: { type: "string" } } } as unknown as ImportTarget;

// review10b: Excel's General format shows 600000000000 as 6E+11 and 10^15 as 1E+15 (no decimals
// when the rest is zeros) and writes that into a CSV; SCIENTIFIC now asks for \d\.\d+, so these
// are stored as the text "6E+11" (the regex before this release refused them).
describe("review10b: a CSV's scientific display form without decimals", () => {
  it("is refused like 1.23457E+17", () => {
    for (const v of ["6E+11", "1E+15"]) expect([v, convertCell(v, text, "zh", "grouping", false, true).problem]).toEqual([v, expect.stringContaining("科学计数法")]);
  });
});
