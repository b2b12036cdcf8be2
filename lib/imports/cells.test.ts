import { describe, expect, it } from "vitest";
import { shownNumber } from "./cells";

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
});
