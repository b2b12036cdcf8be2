import { describe, expect, it } from "vitest";
import { schema } from "@/tests/support/default-template";
import { diffData, diffStored, flatten } from "./diff";

describe("flatten", () => {
  it("maps nested data to JSON pointers; scalar arrays are one value", () => {
    const out = flatten({ a: { b: 1, "c/d": "x" }, rows: [{ n: 1 }, { n: 2 }], tags: ["x", "y"], empty: [], nil: null });
    expect(Object.fromEntries(out)).toEqual({ "/a/b": 1, "/a/c~1d": "x", "/rows/0/n": 1, "/rows/1/n": 2, "/tags": ["x", "y"] });
  });
});

describe("diffData", () => {
  it("lists added, changed and removed values with labels", () => {
    const before = { basic: { name: "张三", mobile: "13800138000" }, policy: { premium: 100 } };
    const after = { basic: { name: "张三丰", email: "a@b.cn" }, policy: { premium: 100 } };
    expect(diffData(schema, before, after)).toEqual([
      { path: "/basic/name", label: "客户基础信息 › 客户姓名", before: "张三", after: "张三丰" },
      { path: "/basic/mobile", label: "客户基础信息 › 手机号码", before: "13800138000", after: undefined },
      { path: "/basic/email", label: "客户基础信息 › 电子邮箱", before: undefined, after: "a@b.cn" },
    ]);
  });

  it("reports changes inside table rows with row numbers", () => {
    const before = { payments: [{ date: "2024-01-01", amount: 100, status: "未缴费" }] };
    const after = { payments: [{ date: "2024-01-01", amount: 100, status: "已缴费" }, { date: "2024-02-01", amount: 100, status: "未缴费" }] };
    const changes = diffData(schema, before, after);
    expect(changes.map((c) => c.path)).toEqual(["/payments/0/status", "/payments/1/date", "/payments/1/amount", "/payments/1/status"]);
    expect(changes[0]).toEqual({ path: "/payments/0/status", label: "缴费记录 第 1 行 › 缴费状态", before: "未缴费", after: "已缴费" });
    expect(diffData(schema, before, after, "en")[0].label).toBe("缴费记录 row 1 › 缴费状态");
  });

  it("finds nothing when nothing changed, and everything against an empty record", () => {
    const data = { basic: { name: "张三" }, beneficiary: { isLegal: true } };
    expect(diffData(schema, data, structuredClone(data))).toEqual([]);
    expect(diffData(schema, {}, data)).toHaveLength(2);
  });

  it("tells a number from the same digits as text", () => {
    expect(diffData(schema, { policy: { policyNo: "1" } }, { policy: { policyNo: 1 } })).toHaveLength(1);
  });
});

describe("diffStored", () => {
  // As an older release stored them: CR LF in free text (a table row's too), a mobile with 0086.
  const stored = { basic: { name: "张三", mobile: "008613800138000", address: "北京\r\n建国路" }, communications: [{ content: "电话\r\n回访" }] };

  it("finds no change where the stored value is only spelled as an older release stored it", () => {
    const next = { basic: { name: "张三", mobile: "13800138000", address: "北京\n建国路" }, communications: [{ content: "电话\n回访" }] };
    expect(diffData(schema, stored, next).map((c) => c.path)).toEqual(["/basic/mobile", "/basic/address", "/communications/0/content"]);
    expect(diffStored(schema, stored, next)).toEqual([]);
  });

  it("lists a real change with the value as it was stored", () => {
    const next = { basic: { name: "张三", mobile: "13912345678", address: "上海" }, communications: [] };
    expect(diffStored(schema, stored, next)).toEqual([
      { path: "/basic/mobile", label: "客户基础信息 › 手机号码", before: "008613800138000", after: "13912345678" },
      { path: "/basic/address", label: "客户基础信息 › 地址", before: "北京\r\n建国路", after: "上海" },
      { path: "/communications/0/content", label: "沟通记录 第 1 行 › 沟通内容", before: "电话\r\n回访", after: undefined },
    ]);
  });
});
