import { describe, expect, it } from "vitest";
import type { JsonSchema } from "@/lib/schema/types";
import { formatPrintedAt, printKey } from "./print-header";

const schema: JsonSchema = {
  type: "object",
  properties: {
    basic: { type: "object", title: "基本信息", properties: { name: { type: "string", title: "姓名" }, customerNo: { type: "string", title: "客户编号" } } },
    payments: { type: "array", title: "缴费记录", items: { type: "object", properties: { receiptNo: { type: "string", title: "收据号", "x-unique": true } } } },
    policy: { type: "object", title: "保单信息", properties: { policyNo: { type: "string", title: "保单号", "x-unique": true }, oldNo: { type: "string", title: "旧号", "x-unique": true, "x-removed": true } } },
  },
};

describe("printKey", () => {
  it("takes the first unique field outside tables, skipping removed ones", () => {
    expect(printKey({ schema, data: { policy: { policyNo: "P-001", oldNo: "X" }, payments: [{ receiptNo: "R1" }] } })).toEqual({ label: "保单号", value: "P-001" });
  });

  it("follows the form's order of sections", () => {
    const ordered = { ...schema, properties: { ...schema.properties, basic: { ...schema.properties!.basic, properties: { customerNo: { type: "string", title: "客户编号", "x-unique": true } } } } } as JsonSchema;
    expect(printKey({ schema: ordered, uiSchema: { "ui:order": ["policy", "basic", "payments"] }, data: { basic: { customerNo: "C9" }, policy: { policyNo: "P-1" } } })?.value).toBe("P-1");
    expect(printKey({ schema: ordered, data: { basic: { customerNo: "C9" }, policy: { policyNo: "P-1" } } })?.value).toBe("C9");
  });

  it("is null when the key is empty or the template has none", () => {
    expect(printKey({ schema, data: { policy: { policyNo: "" } } })).toBeNull();
    expect(printKey({ schema: { type: "object", properties: { a: { type: "string" } } }, data: { a: "x" } })).toBeNull();
  });
});

describe("formatPrintedAt", () => {
  it("shows the moment in the office's zone, whatever the server's", () => {
    // 16:30 UTC is half past midnight the next day in Shanghai.
    expect(formatPrintedAt(new Date("2024-12-31T16:30:00Z"))).toBe("2025-01-01 00:30");
    expect(formatPrintedAt(new Date("2024-12-31T16:30:00Z"), "UTC")).toBe("2024-12-31 16:30");
  });
});
