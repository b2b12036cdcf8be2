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
