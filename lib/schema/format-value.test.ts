import { describe, expect, it } from "vitest";
import { formatDateTime, formatValue } from "./format-value";

describe("formatValue", () => {
  it("shows money with ¥ and two decimals", () => {
    expect(formatValue("money", 1234567.5)).toBe("¥1,234,567.50");
    expect(formatValue("money", 0)).toBe("¥0.00");
    expect(formatValue("money", 1000, "en")).toBe("¥1,000.00");
    expect(formatValue("money", "abc")).toBe("abc");
  });

  it("shows percentages and numbers", () => {
    expect(formatValue("percent", 12.5)).toBe("12.5%");
    expect(formatValue("number", 1234.5)).toBe("1,234.5");
    expect(formatValue("integer", 10000)).toBe("10,000");
    expect(formatValue("number", 1 / 3)).toBe("0.333333");
  });

  it("shows yes and no in words", () => {
    expect(formatValue("boolean", true)).toBe("是");
    expect(formatValue("boolean", false)).toBe("否");
    expect(formatValue("boolean", true, "en")).toBe("Yes");
    expect(formatValue("boolean", false, "en")).toBe("No");
  });

  it("joins lists and counts table rows", () => {
    expect(formatValue("multiselect", ["a", "b"])).toBe("a、b");
    expect(formatValue("multiselect", ["a", "b"], "en")).toBe("a, b");
    expect(formatValue("table", [{}, {}])).toBe("2 行");
    expect(formatValue("table", [{}], "en")).toBe("1 row");
    expect(formatValue("table", [{}, {}, {}], "en")).toBe("3 rows");
  });

  it("gives empty text for empty values and text for the rest", () => {
    expect(formatValue("text", undefined)).toBe("");
    expect(formatValue("money", null)).toBe("");
    expect(formatValue("text", "")).toBe("");
    expect(formatValue("date", "2024-01-01")).toBe("2024-01-01");
    expect(formatValue(undefined, 5)).toBe("5");
  });

  it("formats date-time fields on the office's clock (Asia/Shanghai), whatever the process's zone", () => {
    expect(formatValue("datetime", "2024-03-01T06:05:00.000Z")).toBe("2024-03-01 14:05");
    expect(formatValue("datetime", "2024-03-01T18:05:00.000Z")).toBe("2024-03-02 02:05");
    expect(formatValue("datetime", "not a date")).toBe("not a date");
  });
});

describe("formatDateTime", () => {
  it("shows local date and time, and leaves unreadable text alone", () => {
    expect(formatDateTime(new Date(2023, 11, 31, 9, 7).toISOString())).toBe("2023-12-31 09:07");
    expect(formatDateTime("not a date")).toBe("not a date");
  });
});
