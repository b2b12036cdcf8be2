import { describe, expect, it } from "vitest";
import { schema } from "@/tests/support/default-template";
import { diffData } from "../records/diff";
import { auditChanges, storedChanges } from "./audit-changes";

describe("auditChanges", () => {
  const changes = [
    { path: "/basic/name", label: "客户基础信息 › 客户姓名", before: "张三", after: "李四" },
    { path: "/policy/premium", label: "保单信息 › 保费", after: 12000 },
    { path: "/basic/tags", label: "标签", before: ["a", "b"], after: null },
  ];

  it("reads the string form back to the changes that were stored, an absent value still absent", () => {
    const read = auditChanges({ changes: storedChanges(changes) });
    expect(read).toStrictEqual(changes);
    expect("before" in read[1]).toBe(false);
  });

  it("gives back what the diff made, values of every kind a record holds", () => {
    const before = { basic: { name: "张三", mobile: "13800138000" }, policy: { premium: 12000 }, payments: [{ amount: 100.5, status: "未缴费" }] };
    const after = { basic: { name: "李四" }, policy: { premium: 15000 }, payments: [{ amount: 100.5, status: "已缴费" }, { amount: 0, date: "2024-01-31" }] };
    const diffed = diffData(schema, before, after);
    expect(diffed.length).toBeGreaterThan(3);
    // toEqual: the diff sets `before: undefined` for an added value, which JSON leaves out.
    expect(auditChanges({ changes: storedChanges(diffed) })).toEqual(diffed);
  });

  it("reads the older array form as it is", () => {
    const stored = [{ path: "/basic/name", label: "客户姓名", before: null, after: "李四" }];
    expect(auditChanges({ changes: stored })).toBe(stored);
  });

  it("reads nothing, or a damaged string, as no changes rather than throwing", () => {
    expect(auditChanges({})).toEqual([]);
    expect(auditChanges(null)).toEqual([]);
    expect(auditChanges({ changes: null })).toEqual([]);
    expect(auditChanges({ changes: "[{\"path\":" })).toEqual([]);
    expect(auditChanges({ changes: "{\"path\":\"/a\"}" })).toEqual([]);
    expect(auditChanges({ changes: "[1, null, {\"path\":\"/a\",\"label\":\"A\"}]" })).toEqual([{ path: "/a", label: "A" }]);
  });
});
