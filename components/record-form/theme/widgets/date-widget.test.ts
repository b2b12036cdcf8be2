import { afterEach, describe, expect, it } from "vitest";
import { localDateTimeInput } from "./date-widget";

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

// The date-time control showed the stored UTC text's clock (10:30 for 18:30 picked in Beijing):
// what it stores is new Date(local).toISOString(), so it must show that instant in local time.
describe("the date-time control's value", () => {
  it("is the stored instant in the browser's local time", () => {
    process.env.TZ = "Asia/Shanghai";
    expect(localDateTimeInput("2026-12-06T10:30:00.000Z")).toBe("2026-12-06T18:30");
    expect(localDateTimeInput("2026-12-06T23:59:00+08:00")).toBe("2026-12-06T23:59");
    expect(localDateTimeInput(new Date("2026-12-06T18:30").toISOString())).toBe("2026-12-06T18:30");
    expect(localDateTimeInput("不是时间")).toBe("");
    expect(localDateTimeInput(undefined)).toBe("");
  });
});
